package io.jvicorn.benchmarks.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FortunesPageTest {
    /** TechEmpower's Fortune table, as benchmarks/db/schema.sql loads it. */
    private static final List<Fortune> SPEC_ROWS = List.of(
            new Fortune(1, "fortune: No such file or directory"),
            new Fortune(2, "A computer scientist is someone who fixes things that aren't broken."),
            new Fortune(3, "After enough decimal places, nobody gives a damn."),
            new Fortune(4, "A bad random number generator: 1, 1, 1, 1, 1, 4.33e+67, 1, 1, 1"),
            new Fortune(5, "A computer program does what you tell it to do, not what you want it to do."),
            new Fortune(6, "Emacs is a nice operating system, but I prefer UNIX. — Tom Christaensen"),
            new Fortune(7, "Any program that runs right is obsolete."),
            new Fortune(8, "A list is only as strong as its weakest link. — Donald Knuth"),
            new Fortune(9, "Feature: A bug with seniority."),
            new Fortune(10, "Computers make very fast, very accurate mistakes."),
            new Fortune(11, "<script>alert(\"This should not be displayed in a browser alert box.\");</script>"),
            new Fortune(12, "フレームワークのベンチマーク"));

    @Test
    void rendersTheSpecRowsPlusTheAddedOneSortedAndEscaped() {
        String expected = "<!DOCTYPE html><html><head><title>Fortunes</title></head><body><table>"
                + "<tr><th>id</th><th>message</th></tr>"
                + "<tr><td>11</td><td>&lt;script&gt;alert(&quot;This should not be displayed in a browser alert box."
                + "&quot;);&lt;/script&gt;</td></tr>"
                + "<tr><td>4</td><td>A bad random number generator: 1, 1, 1, 1, 1, 4.33e+67, 1, 1, 1</td></tr>"
                + "<tr><td>5</td><td>A computer program does what you tell it to do, not what you want it to do."
                + "</td></tr>"
                + "<tr><td>2</td><td>A computer scientist is someone who fixes things that aren&#39;t broken.</td></tr>"
                + "<tr><td>8</td><td>A list is only as strong as its weakest link. — Donald Knuth</td></tr>"
                + "<tr><td>0</td><td>Additional fortune added at request time.</td></tr>"
                + "<tr><td>3</td><td>After enough decimal places, nobody gives a damn.</td></tr>"
                + "<tr><td>7</td><td>Any program that runs right is obsolete.</td></tr>"
                + "<tr><td>10</td><td>Computers make very fast, very accurate mistakes.</td></tr>"
                + "<tr><td>6</td><td>Emacs is a nice operating system, but I prefer UNIX. — Tom Christaensen</td></tr>"
                + "<tr><td>9</td><td>Feature: A bug with seniority.</td></tr>"
                + "<tr><td>1</td><td>fortune: No such file or directory</td></tr>"
                + "<tr><td>12</td><td>フレームワークのベンチマーク</td></tr>"
                + "</table></body></html>";

        assertEquals(expected, new String(FortunesPage.render(SPEC_ROWS), StandardCharsets.UTF_8));
    }

    @Test
    void escapesEachOfTheFiveMarkupCharacters() {
        StringBuilder out = new StringBuilder();

        FortunesPage.escape("a&b<c>d\"e'f", out);

        assertEquals("a&amp;b&lt;c&gt;d&quot;e&#39;f", out.toString());
    }

    @Test
    void leavesTheRowsItWasGivenAsTheyWere() {
        List<Fortune> rows = new ArrayList<>(List.of(new Fortune(2, "b"), new Fortune(1, "a")));

        FortunesPage.render(rows);

        assertEquals(List.of(new Fortune(2, "b"), new Fortune(1, "a")), rows);
    }

    @Test
    void encodesTheSingleQueryRowAsCompactJson() {
        assertEquals("{\"id\":3217,\"randomNumber\":42}",
                new String(new World(3217, 42).json(), StandardCharsets.US_ASCII));
    }
}
