package io.jvicorn.staticfiles;

import io.jvicorn.http.HttpSyntax;
import org.jspecify.annotations.Nullable;

/** RFC 9110 §12.5.3 Accept-Encoding: whether a content coding is acceptable, by name or {@code *}, with q above 0. */
final class AcceptEncoding {
    private AcceptEncoding() {
    }

    /**
     * @param header the field's value, or null when absent (then only the identity coding is safe to send)
     * @param coding a content coding in lower case, such as {@code br} or {@code gzip}
     * @return whether the client accepts it
     */
    static boolean accepts(@Nullable String header, String coding) {
        if (header == null) {
            return false;
        }
        float wildcard = -1;
        for (String element : HttpSyntax.listElements(header)) {
            int semicolon = element.indexOf(';');
            String name = (semicolon < 0 ? element : element.substring(0, semicolon)).strip();
            float q = semicolon < 0 ? 1 : quality(element.substring(semicolon + 1));
            if (name.equalsIgnoreCase(coding)) {
                return q > 0; // an explicit entry wins over *
            }
            if (name.equals("*")) {
                wildcard = q;
            }
        }
        return wildcard > 0;
    }

    /** The weight of {@code ;q=0.5} (§12.4.2); an unreadable or missing weight counts as 1, an invalid one as 0. */
    private static float quality(String parameters) {
        for (String parameter : parameters.split(";")) {
            String p = parameter.strip();
            if (p.length() >= 2 && (p.charAt(0) == 'q' || p.charAt(0) == 'Q') && p.charAt(1) == '=') {
                try {
                    float q = Float.parseFloat(p.substring(2));
                    return q >= 0 && q <= 1 ? q : 0;
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
