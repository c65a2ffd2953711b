package io.jvicorn.staticfiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvicorn.asgi.Header;
import io.jvicorn.http.HttpDate;
import io.jvicorn.staticfiles.Preconditions.Outcome;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PreconditionsTest {
    private static final String ETAG = "\"5f-3e8\"";
    private static final long MODIFIED = 784111777L;
    private static final String AT = HttpDate.format(MODIFIED);
    private static final String BEFORE = HttpDate.format(MODIFIED - 1);

    private static Outcome evaluate(String... nameValue) {
        List<Header> headers = new ArrayList<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            headers.add(Header.of(nameValue[i], nameValue[i + 1]));
        }
        return Preconditions.evaluate(headers, ETAG, MODIFIED);
    }

    @Test
    void noConditionServes() {
        assertEquals(Outcome.SERVE, evaluate());
    }

    @Test
    void ifNoneMatchComparesWeakly() {
        assertEquals(Outcome.NOT_MODIFIED, evaluate("if-none-match", ETAG));
        assertEquals(Outcome.NOT_MODIFIED, evaluate("if-none-match", "W/" + ETAG));
        assertEquals(Outcome.NOT_MODIFIED, evaluate("if-none-match", "\"x\", " + ETAG));
        assertEquals(Outcome.NOT_MODIFIED, evaluate("if-none-match", "*"));
        assertEquals(Outcome.SERVE, evaluate("if-none-match", "\"x\""));
    }

    @Test
    void ifNoneMatchOverridesIfModifiedSince() {
        assertEquals(Outcome.SERVE, evaluate("if-none-match", "\"x\"", "if-modified-since", AT));
    }

    @Test
    void ifModifiedSince() {
        assertEquals(Outcome.NOT_MODIFIED, evaluate("if-modified-since", AT));
        assertEquals(Outcome.SERVE, evaluate("if-modified-since", BEFORE));
        assertEquals(Outcome.SERVE, evaluate("if-modified-since", "not a date"));
    }

    @Test
    void ifMatchComparesStrongly() {
        assertEquals(Outcome.SERVE, evaluate("if-match", ETAG));
        assertEquals(Outcome.SERVE, evaluate("if-match", "*"));
        assertEquals(Outcome.FAILED, evaluate("if-match", "W/" + ETAG));
        assertEquals(Outcome.FAILED, evaluate("if-match", "\"x\""));
    }

    @Test
    void ifUnmodifiedSinceUnlessIfMatch() {
        assertEquals(Outcome.SERVE, evaluate("if-unmodified-since", AT));
        assertEquals(Outcome.FAILED, evaluate("if-unmodified-since", BEFORE));
        assertEquals(Outcome.SERVE, evaluate("if-match", ETAG, "if-unmodified-since", BEFORE));
        assertEquals(Outcome.SERVE, evaluate("if-unmodified-since", "garbage"));
    }

    @Test
    void ifRangeNeedsAStrongMatchOrTheExactDate() {
        assertTrue(Preconditions.rangeApplies(List.of(), ETAG, MODIFIED));
        assertTrue(Preconditions.rangeApplies(List.of(Header.of("if-range", ETAG)), ETAG, MODIFIED));
        assertFalse(Preconditions.rangeApplies(List.of(Header.of("if-range", "W/" + ETAG)), ETAG, MODIFIED));
        assertTrue(Preconditions.rangeApplies(List.of(Header.of("if-range", AT)), ETAG, MODIFIED));
        assertFalse(Preconditions.rangeApplies(List.of(Header.of("if-range", BEFORE)), ETAG, MODIFIED));
    }
}
