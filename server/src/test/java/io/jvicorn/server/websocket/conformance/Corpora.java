package io.jvicorn.server.websocket.conformance;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Stand-ins, generated from fixed seeds, for the five files of Autobahn's section 12 (a JSON file, a 512x512 grey
 * bitmap, Goethe's Faust as text, an HTML page, a PDF): data of the same kinds, which compress as differently as
 * those do, from repetitive markup to incompressible streams.
 */
final class Corpora {
    /**
     * One data set.
     *
     * @param binary whether its slices are sent as binary messages (Autobahn sends the Faust text as binary too)
     */
    record Corpus(String description, boolean binary, byte[] data) {
        /** {@code size} bytes from {@code offset}, wrapping around the end as Autobahn's cases do. */
        byte[] slice(long offset, int size) {
            byte[] out = new byte[size];
            int from = (int) (offset % data.length);
            for (int done = 0; done < size; ) {
                int n = Math.min(size - done, data.length - from);
                System.arraycopy(data, from, out, done, n);
                done += n;
                from = 0;
            }
            return out;
        }
    }

    static final Corpus JSON = new Corpus("Large JSON data (text)", false, json());
    static final Corpus BITMAP = new Corpus("Bitmap 512x512 grey (binary)", true, bitmap());
    static final Corpus PROSE = new Corpus("German prose with umlauts (UTF-8 sent as binary)", true, prose());
    static final Corpus HTML = new Corpus("Large HTML page (text)", false, html());
    static final Corpus PDF = new Corpus("PDF-like mix of text objects and compressed streams (binary)", true, pdf());

    /** In the order of Autobahn's subsections 12.1 to 12.5. */
    static final List<Corpus> ALL = List.of(JSON, BITMAP, PROSE, HTML, PDF);

    private Corpora() {
    }

    private static byte[] json() {
        SplittableRandom r = new SplittableRandom(1);
        String[] tags = {"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"};
        StringBuilder b = new StringBuilder("[\n");
        for (int id = 0; b.length() < 200_000; id++) {
            b.append(String.format(Locale.ROOT, "  {\"id\": %d, \"name\": \"user_%05d\", \"email\": \"user%d@example.org\","
                            + " \"score\": %.4f, \"active\": %b, \"tags\": [\"%s\", \"%s\"], \"location\": {\"lat\": %.5f,"
                            + " \"lon\": %.5f}},\n", id, r.nextInt(100_000), id, r.nextDouble() * 100, r.nextBoolean(),
                    tags[r.nextInt(tags.length)], tags[r.nextInt(tags.length)], r.nextDouble() * 180 - 90,
                    r.nextDouble() * 360 - 180));
        }
        return b.append("  {}\n]\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] bitmap() {
        int side = 512;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int pixels = side * side;
        int offset = 14 + 40 + 256 * 4;
        writeAscii(out, "BM");
        le32(out, offset + pixels);
        le32(out, 0);
        le32(out, offset);
        le32(out, 40);
        le32(out, side);
        le32(out, side);
        le16(out, 1);
        le16(out, 8);
        for (int v : new int[] {0, pixels, 2835, 2835, 256, 256}) {
            le32(out, v);
        }
        for (int i = 0; i < 256; i++) {
            out.write(i);
            out.write(i);
            out.write(i);
            out.write(0);
        }
        SplittableRandom r = new SplittableRandom(2);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                double v = 128 + 60 * Math.sin(x / 23.0) * Math.cos(y / 31.0) + 40 * Math.sin((x + y) / 57.0);
                out.write((int) Math.max(0, Math.min(255, v + r.nextInt(-6, 7))));
            }
        }
        return out.toByteArray();
    }

    private static byte[] prose() {
        String[] words = ("Habe nun ach Philosophie Juristerei und Medizin und leider auch Theologie durchaus studiert "
                + "mit heißem Bemühn da steh ich nun ich armer Tor und bin so klug als wie zuvor heiße Magister "
                + "Doktor gar und ziehe schon an die zehen Jahr herauf herab und quer und krumm meine Schüler an der "
                + "Nase herum Grüße Fräulein Gretchen Mädchen Straße Überfluss Äpfel Öfen Müller süß während").split(" ");
        SplittableRandom r = new SplittableRandom(3);
        StringBuilder b = new StringBuilder();
        while (b.length() < 220_000) {
            int n = r.nextInt(4, 14);
            for (int i = 0; i < n; i++) {
                String w = words[r.nextInt(words.length)];
                b.append(i == 0 ? Character.toUpperCase(w.charAt(0)) + w.substring(1) : w).append(i < n - 1 ? " " : "");
            }
            b.append(r.nextInt(5) == 0 ? "!\n" : ". ");
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] html() {
        SplittableRandom r = new SplittableRandom(4);
        StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>Report</title><link rel=\"stylesheet\" href=\"/static/site.css\"></head>\n<body>\n");
        for (int section = 0; b.length() < 260_000; section++) {
            b.append("<section id=\"s").append(section).append("\" class=\"card\">\n  <h2>Section ").append(section)
                    .append("</h2>\n  <table class=\"data\">\n");
            int rows = r.nextInt(3, 12);
            for (int row = 0; row < rows; row++) {
                b.append("    <tr><td class=\"key\">item-").append(r.nextInt(10_000)).append("</td><td class=\"val\">")
                        .append(r.nextInt(1_000_000)).append("</td><td><a href=\"/items/").append(r.nextInt(10_000))
                        .append("?ref=list\">details</a></td></tr>\n");
            }
            b.append("  </table>\n  <p>Generated for section ").append(section).append(".</p>\n</section>\n");
        }
        return b.append("</body></html>\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] pdf() {
        SplittableRandom r = new SplittableRandom(5);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeAscii(out, "%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n");
        for (int obj = 1; out.size() < 512 * 1024; obj++) {
            if (obj % 3 == 0) {
                int n = r.nextInt(2_000, 20_000);
                writeAscii(out, obj + " 0 obj\n<< /Length " + n + " /Filter /FlateDecode >>\nstream\n");
                byte[] noise = new byte[n];
                r.nextBytes(noise);
                out.writeBytes(noise);
                writeAscii(out, "\nendstream\nendobj\n");
            } else {
                writeAscii(out, obj + " 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents "
                        + (obj + 1) + " 0 R /Resources << /Font << /F1 " + r.nextInt(1, 9) + " 0 R >> >> >>\nendobj\n");
            }
        }
        writeAscii(out, "trailer\n<< /Root 1 0 R >>\n%%EOF\n");
        return out.toByteArray();
    }

    private static void writeAscii(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static void le32(ByteArrayOutputStream out, int v) {
        le16(out, v);
        le16(out, v >>> 16);
    }

    private static void le16(ByteArrayOutputStream out, int v) {
        out.write(v);
        out.write(v >>> 8);
    }
}
