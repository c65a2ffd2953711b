package io.jvicorn.http2.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The whole table, cell by cell, against RFC 9113 §5.1 (server side, no push). */
class StreamTransitionsTest {

    private static String cell(StreamState from, StreamInput input) {
        try {
            StreamTransitions.Transition t = StreamTransitions.next(from, input);
            return t.violation() == null ? t.next().name()
                    : t.violation() + (t.violation().connectionError() ? " (connection)" : " (stream)");
        } catch (IllegalStateException e) {
            return "-";
        }
    }

    @Test
    void everyCellIsWhatTheRfcSays() {
        List<String> rows = new ArrayList<>();
        for (StreamState from : StreamState.values()) {
            StringBuilder row = new StringBuilder(from.name());
            for (StreamInput input : StreamInput.values()) {
                row.append(" | ").append(cell(from, input));
            }
            rows.add(row.toString());
        }
        // Columns: RECV_HEADERS, RECV_DATA, RECV_END_STREAM, RECV_RST_STREAM, SEND_HEADERS, SEND_END_STREAM,
        // SEND_RST_STREAM.
        assertEquals(List.of(
                "IDLE | OPEN | DATA_ON_IDLE_STREAM (connection) | - | RST_STREAM_ON_IDLE_STREAM (connection) | - | - "
                        + "| CLOSED",
                "OPEN | OPEN | OPEN | HALF_CLOSED_REMOTE | CLOSED | OPEN | HALF_CLOSED_LOCAL | CLOSED",
                "HALF_CLOSED_REMOTE | FRAME_AFTER_END_STREAM (stream) | FRAME_AFTER_END_STREAM (stream) | - | CLOSED "
                        + "| HALF_CLOSED_REMOTE | CLOSED | CLOSED",
                "HALF_CLOSED_LOCAL | HALF_CLOSED_LOCAL | HALF_CLOSED_LOCAL | CLOSED | CLOSED | - | - | CLOSED",
                "CLOSED | HEADERS_ON_CLOSED_STREAM (connection) | DATA_ON_CLOSED_STREAM (stream) | - | CLOSED | - | - "
                        + "| -"), rows);
    }

    @Test
    void theStreamClosedCodeIsUsedWhereTheRfcSaysSo() {
        assertEquals("STREAM_CLOSED", SessionViolation.FRAME_AFTER_END_STREAM.errorCode().name());
        assertEquals("STREAM_CLOSED", SessionViolation.HEADERS_ON_CLOSED_STREAM.errorCode().name());
        assertEquals("PROTOCOL_ERROR", SessionViolation.DATA_ON_IDLE_STREAM.errorCode().name());
    }

    @Test
    void aSendTheStateForbidsIsABug() {
        assertThrows(IllegalStateException.class,
                () -> StreamTransitions.next(StreamState.HALF_CLOSED_LOCAL, StreamInput.SEND_END_STREAM));
        assertEquals(true, StreamTransitions.sendClosed(StreamState.HALF_CLOSED_LOCAL));
        assertEquals(false, StreamTransitions.sendClosed(StreamState.HALF_CLOSED_REMOTE));
    }
}
