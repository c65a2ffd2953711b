package io.jvicorn.lifespan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LifespanModeTest {

    @Test
    void parsesEveryModeIgnoringCase() {
        assertEquals(LifespanMode.AUTO, LifespanMode.parse("auto"));
        assertEquals(LifespanMode.ON, LifespanMode.parse("ON"));
        assertEquals(LifespanMode.OFF, LifespanMode.parse(" Off "));
    }

    @Test
    void rejectsAnythingElseNamingTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LifespanMode.parse("yes"));
        assertEquals("invalid lifespan mode 'yes': expected one of auto, on, off", e.getMessage());
    }
}
