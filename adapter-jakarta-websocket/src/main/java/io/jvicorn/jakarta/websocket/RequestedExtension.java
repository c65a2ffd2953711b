package io.jvicorn.jakarta.websocket;

import io.jvicorn.http.HttpSyntax;
import jakarta.websocket.Extension;
import java.util.ArrayList;
import java.util.List;

/** An extension the client offers in {@code Sec-WebSocket-Extensions}, as the Configurator sees it. Immutable. */
record RequestedExtension(String getName, List<Extension.Parameter> getParameters) implements Extension {

    private record Param(String getName, String getValue) implements Extension.Parameter {
    }

    /** Parses the header's values ({@code permessage-deflate; client_max_window_bits, x-foo}); bad elements skipped. */
    static List<Extension> parse(List<String> headerValues) {
        List<Extension> out = new ArrayList<>();
        for (String value : headerValues) {
            for (String element : HttpSyntax.listElements(value)) {
                String[] parts = element.split(";");
                String name = parts[0].strip();
                if (!HttpSyntax.isToken(name)) {
                    continue;
                }
                List<Extension.Parameter> params = new ArrayList<>();
                for (int i = 1; i < parts.length; i++) {
                    String p = parts[i].strip();
                    int eq = p.indexOf('=');
                    String pName = (eq < 0 ? p : p.substring(0, eq)).strip();
                    String pValue = eq < 0 ? "" : unquote(p.substring(eq + 1).strip());
                    if (!pName.isEmpty()) {
                        params.add(new Param(pName, pValue));
                    }
                }
                out.add(new RequestedExtension(name, List.copyOf(params)));
            }
        }
        return out;
    }

    private static String unquote(String v) {
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }
}
