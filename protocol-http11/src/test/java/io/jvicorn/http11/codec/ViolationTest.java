package io.jvicorn.http11.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ViolationTest {

    @Test
    void everyViolationHasAnErrorStatusASectionAndItsOwnReason() {
        Set<Integer> statuses = Set.of(400, 408, 413, 414, 431, 501, 505);
        Set<String> reasons = new HashSet<>();
        for (Violation v : Violation.values()) {
            assertTrue(statuses.contains(v.status()), v + " status " + v.status());
            assertTrue(v.section().matches("RFC \\d{4} §\\d+(\\.\\d+)*"), v + " section " + v.section());
            assertTrue(reasons.add(v.reason()), v + " repeats the reason '" + v.reason() + "'");
        }
    }

    @Test
    void aParseErrorAnswersWithItsViolationsStatusAndReason() {
        ParseError error = new ParseError(Violation.REQUEST_LINE_TOO_LONG);
        assertEquals(414, error.status());
        assertEquals("request line too long", error.reason());
    }
}
