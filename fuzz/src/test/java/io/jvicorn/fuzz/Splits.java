package io.jvicorn.fuzz;

import java.util.ArrayList;
import java.util.List;

/**
 * The ways a fuzz target cuts one input into consecutive reads, so that each parser is checked to give the same result
 * however the network delivers the bytes.
 *
 * <p>A plan is the ascending list of piece ends, the last one being the input's length. Besides the whole input and one
 * byte at a time, short inputs are cut in two at every offset; longer ones at evenly spaced offsets, since every offset
 * would make an execution quadratic and starve the fuzzer. The last plan takes its piece sizes from the input's own
 * bytes, so the fuzzer steers where the cuts fall by mutating the input.
 */
public final class Splits {
    /** Inputs up to this length are cut in two at every offset. */
    private static final int EVERY_OFFSET_UP_TO = 128;
    /** How many two-piece cuts a longer input gets. */
    private static final int SPACED_CUTS = 24;

    private Splits() {
    }

    /**
     * The whole input as one piece.
     *
     * @param length the input's length
     * @return the plan (no piece for an empty input)
     */
    public static int[] whole(int length) {
        return length == 0 ? new int[0] : new int[] {length};
    }

    /**
     * Every plan for an input, the whole one first.
     *
     * @param input the input
     * @return the plans
     */
    public static List<int[]> plans(byte[] input) {
        int n = input.length;
        List<int[]> plans = new ArrayList<>();
        plans.add(whole(n));
        if (n < 2) {
            return plans;
        }
        int[] bytewise = new int[n];
        for (int i = 0; i < n; i++) {
            bytewise[i] = i + 1;
        }
        plans.add(bytewise);
        if (n <= EVERY_OFFSET_UP_TO) {
            for (int k = 1; k < n; k++) {
                plans.add(new int[] {k, n});
            }
        } else {
            for (int c = 1; c <= SPACED_CUTS; c++) {
                plans.add(new int[] {(int) ((long) n * c / (SPACED_CUTS + 1)), n});
            }
        }
        plans.add(steered(input));
        return plans;
    }

    /** Pieces of 1 to 32 bytes, the size of each taken from the input byte where it starts. */
    private static int[] steered(byte[] input) {
        List<Integer> ends = new ArrayList<>();
        int at = 0;
        while (at < input.length) {
            at = Math.min(input.length, at + (input[at] & 0x1F) + 1);
            ends.add(at);
        }
        return ends.stream().mapToInt(Integer::intValue).toArray();
    }
}
