package io.jvicorn.benchmarks.db;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The page of TechEmpower's fortunes test: the rows read from the database plus one added at request time, sorted by
 * message, as an HTML table with every message escaped. Every server in the comparison (the Python one included,
 * and scripts/http_check.py, which checks them) produces these exact bytes.
 */
public final class FortunesPage {
    /** The fortune the spec adds to the rows read, before sorting. */
    public static final Fortune ADDITIONAL = new Fortune(0, "Additional fortune added at request time.");
    /** The page's content type. */
    public static final String CONTENT_TYPE = "text/html; charset=utf-8";

    private static final String HEAD = "<!DOCTYPE html><html><head><title>Fortunes</title></head><body><table>"
            + "<tr><th>id</th><th>message</th></tr>";
    private static final String TAIL = "</table></body></html>";

    private FortunesPage() {
    }

    /**
     * Renders the page.
     *
     * @param fromDatabase the rows as read; not modified
     * @return the page in UTF-8
     */
    public static byte[] render(List<Fortune> fromDatabase) {
        List<Fortune> all = new ArrayList<>(fromDatabase.size() + 1);
        all.addAll(fromDatabase);
        all.add(ADDITIONAL);
        // String order is UTF-16 code unit order; the spec's messages are all in the BMP, where it equals code point
        // order, which is what the Python server and the checker sort by.
        all.sort(Comparator.comparing(Fortune::message));
        StringBuilder html = new StringBuilder(HEAD.length() + TAIL.length() + all.size() * 96).append(HEAD);
        for (Fortune f : all) {
            html.append("<tr><td>").append(f.id()).append("</td><td>");
            escape(f.message(), html);
            html.append("</td></tr>");
        }
        return html.append(TAIL).toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Appends text with the five characters that are markup in HTML escaped ({@code & < > " '}), as the spec asks.
     *
     * @param text the text
     * @param to   where it goes
     */
    static void escape(String text, StringBuilder to) {
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> to.append("&amp;");
                case '<' -> to.append("&lt;");
                case '>' -> to.append("&gt;");
                case '"' -> to.append("&quot;");
                case '\'' -> to.append("&#39;");
                default -> to.append(c);
            }
        }
    }
}
