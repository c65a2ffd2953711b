package io.jvicorn.http;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * RFC 9110 §5.6.7 HTTP-date: written as IMF-fixdate ({@code Sun, 06 Nov 1994 08:49:37 GMT}); read in all three
 * formats a recipient must accept, IMF-fixdate, the obsolete RFC 850 form ({@code Sunday, 06-Nov-94 08:49:37 GMT}) and
 * ANSI C's asctime ({@code Sun Nov  6 08:49:37 1994}).
 */
public final class HttpDate {
    private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final String[] MONTHS =
            {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

    private HttpDate() {
    }

    /**
     * @param epochSecond seconds since 1970-01-01T00:00:00Z
     * @return the IMF-fixdate, 29 characters
     */
    public static String format(long epochSecond) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
        StringBuilder b = new StringBuilder(29);
        b.append(DAYS[t.getDayOfWeek().ordinal()]).append(", ");
        twoDigits(b, t.getDayOfMonth()).append(' ').append(MONTHS[t.getMonthValue() - 1]).append(' ');
        b.append(t.getYear()).append(' ');
        twoDigits(b, t.getHour()).append(':');
        twoDigits(b, t.getMinute()).append(':');
        twoDigits(b, t.getSecond()).append(" GMT");
        return b.toString();
    }

    /**
     * Reads an HTTP-date. The day name is checked for its form, not against the date (as the RFC lets a recipient
     * do); an RFC 850 two-digit year is taken in 1970–2069.
     *
     * @param text a field value
     * @return seconds since the epoch, or {@link Long#MIN_VALUE} if {@code text} is not an HTTP-date (a recipient
     *         then ignores the field, RFC 9110 §13.1.3)
     */
    public static long parse(CharSequence text) {
        String s = text.toString().strip();
        try {
            int comma = s.indexOf(',');
            if (comma == 3 && s.length() == 29) {
                return imfFixdate(s);
            }
            if (comma > 3) {
                return rfc850(s, comma);
            }
            if (comma < 0 && s.length() == 24) {
                return asctime(s);
            }
        } catch (NumberFormatException | DateTimeException e) {
            return Long.MIN_VALUE;
        }
        return Long.MIN_VALUE;
    }

    /** {@code Sun, 06 Nov 1994 08:49:37 GMT} */
    private static long imfFixdate(String s) {
        if (!s.startsWith(" ", 4) || s.charAt(7) != ' ' || s.charAt(11) != ' ' || s.charAt(16) != ' '
                || !s.endsWith(" GMT") || !isDay(s, 0, 3)) {
            return Long.MIN_VALUE;
        }
        return epochSecond(digits(s, 12, 16), month(s, 8), digits(s, 5, 7), s, 17);
    }

    /** {@code Sunday, 06-Nov-94 08:49:37 GMT} */
    private static long rfc850(String s, int comma) {
        int at = comma + 2;
        if (s.length() != at + 22 || s.charAt(comma + 1) != ' ' || s.charAt(at + 2) != '-' || s.charAt(at + 6) != '-'
                || s.charAt(at + 9) != ' ' || !s.endsWith(" GMT") || !isDay(s, 0, 3)) {
            return Long.MIN_VALUE;
        }
        int year = digits(s, at + 7, at + 9);
        return epochSecond(year < 70 ? 2000 + year : 1900 + year, month(s, at + 3), digits(s, at, at + 2), s, at + 10);
    }

    /** {@code Sun Nov  6 08:49:37 1994} */
    private static long asctime(String s) {
        if (s.charAt(3) != ' ' || s.charAt(7) != ' ' || s.charAt(10) != ' ' || s.charAt(19) != ' '
                || !isDay(s, 0, 3)) {
            return Long.MIN_VALUE;
        }
        int day = s.charAt(8) == ' ' ? digits(s, 9, 10) : digits(s, 8, 10);
        return epochSecond(digits(s, 20, 24), month(s, 4), day, s, 11);
    }

    /** The date with the {@code hh:mm:ss} at {@code time}. */
    private static long epochSecond(int year, int month, int day, String s, int time) {
        if (month < 0 || s.charAt(time + 2) != ':' || s.charAt(time + 5) != ':') {
            return Long.MIN_VALUE;
        }
        return LocalDateTime.of(year, month + 1, day, digits(s, time, time + 2), digits(s, time + 3, time + 5),
                digits(s, time + 6, time + 8)).toEpochSecond(ZoneOffset.UTC);
    }

    private static boolean isDay(String s, int from, int to) {
        for (String day : DAYS) {
            if (s.regionMatches(from, day, 0, to - from)) {
                return true;
            }
        }
        return false;
    }

    /** @return the month's index 0..11, or -1 */
    private static int month(String s, int at) {
        for (int i = 0; i < MONTHS.length; i++) {
            if (s.startsWith(MONTHS[i], at)) {
                return i;
            }
        }
        return -1;
    }

    /** Decimal digits only (no sign, no spaces), unlike {@link Integer#parseInt}. */
    private static int digits(String s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new NumberFormatException("not a digit: " + c);
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    private static StringBuilder twoDigits(StringBuilder b, int n) {
        return b.append((char) ('0' + n / 10)).append((char) ('0' + n % 10));
    }
}
