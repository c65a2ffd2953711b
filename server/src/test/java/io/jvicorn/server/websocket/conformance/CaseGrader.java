package io.jvicorn.server.websocket.conformance;

import io.jvicorn.server.websocket.conformance.WireConnection.Ending;
import io.jvicorn.server.websocket.conformance.WireConnection.Incoming;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns what a case observed into a grade and a one-line account of what happened. */
final class CaseGrader {
    private CaseGrader() {
    }

    /**
     * Grades a case as Autobahn does: the events against each expected list, then the close against the rule.
     *
     * @param millis how long the case took
     */
    static CaseResult grade(Expectation expectation, Observation seen, long millis) {
        CloseRule rule = expectation.close();
        List<Event> received = seen.received();
        List<String> notes = new ArrayList<>(seen.notes());
        List<String> failures = new ArrayList<>();
        List<String> hard = new ArrayList<>(seen.violations());
        Behavior closeBehavior = Behavior.OK;

        Behavior eventsBehavior = null;
        for (Map.Entry<Behavior, List<Event>> e : expectation.events().entrySet()) {
            if (e.getValue().equals(received)) {
                eventsBehavior = e.getKey();
                break;
            }
        }
        if (eventsBehavior == null) {
            failures.add("events differ from every expectation: " + difference(expectation.events(), received));
        }
        Incoming.End ended = seen.end();
        if (ended == null) {
            hard.add("the server did not close TCP in time (" + CaseRun.CLOSE_TIMEOUT.toSeconds() + " s for its close frame, "
                    + CaseRun.TCP_CLOSE_TIMEOUT.toSeconds() + " s more for TCP)");
        }
        Incoming.Frame close = seen.serverClose();
        if (close == null) {
            if (ended != null && rule.requireClean()) {
                failures.add("TCP ended without a close frame (" + ended.how() + ")");
            } else if (ended != null) {
                closeBehavior = Behavior.NON_STRICT;
                notes.add("connection dropped without a close frame (RFC 6455 §7.1.7 allows it)");
            }
        } else {
            int code = closeCode(close);
            if (!rule.codes().contains(code)) {
                failures.add("WRONG CODE: the server closed with " + codeText(code) + ", expected one of "
                        + rule.codes().stream().map(CaseGrader::codeText).toList());
            }
            if (rule.requireClean() && !(seen.clientCloseSent() && ended != null && ended.how() == Ending.EOF)) {
                failures.add("UNCLEAN: the close frames were not both exchanged before the server's TCP close");
            }
        }
        if (rule.clientCloses() != seen.closedByClient()) {
            failures.add(rule.clientCloses()
                    ? "the server closed first, where the client should have closed"
                    : "the client had to close, where the server should have failed the connection");
        }

        if (expectation.mustDecline() && seen.agreement() != null) {
            failures.add("the server accepted an offer it must decline");
        }
        String detail = describe(seen, notes);
        Behavior behavior;
        if (!hard.isEmpty()) {
            behavior = Behavior.FAILED;
            detail = String.join("; ", hard) + (failures.isEmpty() ? "" : "; " + String.join("; ", failures))
                    + " | " + detail;
        } else if (expectation.informational()) {
            behavior = Behavior.INFORMATIONAL;
        } else if (!failures.isEmpty()) {
            behavior = Behavior.FAILED;
            detail = String.join("; ", failures) + " | " + detail;
        } else if (expectation.requiresDeflate() && seen.agreement() == null) {
            behavior = Behavior.UNIMPLEMENTED;
            detail = "the server declined the offer | " + detail;
        } else {
            behavior = eventsBehavior == Behavior.NON_STRICT || closeBehavior == Behavior.NON_STRICT
                    ? Behavior.NON_STRICT : Behavior.OK;
        }
        return new CaseResult(behavior, detail, millis);
    }

    /** Where the received events first part from each expected list. */
    private static String difference(Map<Behavior, List<Event>> expected, List<Event> received) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<Behavior, List<Event>> e : expected.entrySet()) {
            List<Event> want = e.getValue();
            int i = 0;
            while (i < want.size() && i < received.size() && want.get(i).equals(received.get(i))) {
                i++;
            }
            parts.add(e.getKey().label() + " wants " + want.size() + " events, got " + received.size()
                    + (i < Math.max(want.size(), received.size())
                    ? "; #" + (i + 1) + " expected " + (i < want.size() ? want.get(i) : "nothing") + ", got "
                    + (i < received.size() ? received.get(i) : "nothing") : ""));
        }
        return String.join(" / ", parts);
    }

    private static String describe(Observation seen, List<String> notes) {
        StringBuilder b = new StringBuilder();
        if (seen.offers() != null) {
            String agreement = seen.agreement();
            b.append("extensions: ").append(agreement == null ? "none agreed" : agreement).append("; ");
        }
        List<Event> received = seen.received();
        b.append("received ");
        if (received.size() > 6) {
            b.append(received.size()).append(" events ").append(received.subList(0, 3)).append("…");
        } else {
            b.append(received);
        }
        b.append("; server close ");
        Incoming.Frame close = seen.serverClose();
        if (close == null) {
            b.append("none");
        } else {
            b.append(codeText(closeCode(close)));
            String reason = closeReason(close);
            if (!reason.isEmpty()) {
                b.append(" \"").append(reason).append('"');
            }
        }
        b.append("; closed by ").append(seen.closedByClient() ? "client" : "server");
        Incoming.End ended = seen.end();
        b.append("; TCP ").append(ended == null ? "still open" : ended.how());
        for (String note : notes) {
            b.append("; ").append(note);
        }
        return b.toString();
    }

    private static String codeText(int code) {
        return code == CloseRule.EMPTY ? "empty" : String.valueOf(code);
    }

    static int closeCode(Incoming.Frame close) {
        byte[] p = close.payload();
        return p.length < 2 ? CloseRule.EMPTY : ((p[0] & 0xFF) << 8) | (p[1] & 0xFF);
    }

    private static String closeReason(Incoming.Frame close) {
        byte[] p = close.payload();
        return p.length <= 2 ? "" : new String(p, 2, p.length - 2, StandardCharsets.UTF_8);
    }
}
