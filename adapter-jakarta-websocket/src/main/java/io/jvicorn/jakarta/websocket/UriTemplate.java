package io.jvicorn.jakarta.websocket;

import jakarta.websocket.DeploymentException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A level-1 URI template as {@code @ServerEndpoint} takes it ({@code /chat/{room}}): literal segments and variables
 * that each fill one whole segment. Immutable.
 */
final class UriTemplate {
    private final String template;
    /** One entry per segment: the literal text, or null for a variable. */
    private final @Nullable String[] literals;
    /** One entry per segment: the variable name, or null for a literal. */
    private final @Nullable String[] variables;

    private UriTemplate(String template, @Nullable String[] literals, @Nullable String[] variables) {
        this.template = template;
        this.literals = literals;
        this.variables = variables;
    }

    /**
     * Parses a template.
     *
     * @throws DeploymentException when it does not start with {@code /}, has an empty or repeated variable, or a brace
     *                             that does not span a whole segment
     */
    static UriTemplate parse(String template) throws DeploymentException {
        if (!template.startsWith("/")) {
            throw new DeploymentException("endpoint path '" + template + "' must start with '/'");
        }
        List<String> segments = segments(template);
        @Nullable String[] literals = new String[segments.size()];
        @Nullable String[] variables = new String[segments.size()];
        Set<String> names = new HashSet<>();
        for (int i = 0; i < segments.size(); i++) {
            String s = segments.get(i);
            if (s.length() >= 2 && s.charAt(0) == '{' && s.charAt(s.length() - 1) == '}') {
                String name = s.substring(1, s.length() - 1);
                if (name.isEmpty() || name.indexOf('{') >= 0 || name.indexOf('}') >= 0) {
                    throw new DeploymentException("endpoint path '" + template + "': bad variable '" + s + "'");
                }
                if (!names.add(name)) {
                    throw new DeploymentException("endpoint path '" + template + "': variable '" + name
                            + "' appears twice");
                }
                variables[i] = name;
            } else if (s.indexOf('{') >= 0 || s.indexOf('}') >= 0) {
                throw new DeploymentException("endpoint path '" + template + "': a variable must fill a whole segment, not '"
                        + s + "'");
            } else {
                literals[i] = s;
            }
        }
        return new UriTemplate(template, literals, variables);
    }

    /** The segments after the leading slash; {@code "/"} has one empty segment. */
    private static List<String> segments(String path) {
        List<String> out = new ArrayList<>();
        int start = 1;
        while (true) {
            int slash = path.indexOf('/', start);
            if (slash < 0) {
                out.add(path.substring(start));
                return out;
            }
            out.add(path.substring(start, slash));
            start = slash + 1;
        }
    }

    /** @return the template text */
    String template() {
        return template;
    }

    /** @return the variable names in order */
    List<String> variableNames() {
        List<String> names = new ArrayList<>();
        for (String v : variables) {
            if (v != null) {
                names.add(v);
            }
        }
        return names;
    }

    /**
     * Matches a decoded request path.
     *
     * @return the variables' values, in template order, or null when the path does not match
     */
    @Nullable Map<String, String> match(String path) {
        if (!path.startsWith("/")) {
            return null;
        }
        List<String> segments = segments(path);
        if (segments.size() != literals.length) {
            return null;
        }
        Map<String, String> values = null;
        for (int i = 0; i < literals.length; i++) {
            String literal = literals[i];
            String segment = segments.get(i);
            if (literal != null) {
                if (!literal.equals(segment)) {
                    return null;
                }
            } else {
                if (segment.isEmpty()) {
                    return null;
                }
                if (values == null) {
                    values = new LinkedHashMap<>();
                }
                values.put(variables[i], segment);
            }
        }
        return values == null ? Map.of() : values;
    }

    /**
     * Orders two templates that match the same path as the specification does (§3.1.1): comparing segment by segment
     * from the left, the first literal segment facing a variable wins.
     *
     * @return negative when this template takes precedence over {@code other}
     */
    int precedence(UriTemplate other) {
        int n = Math.min(literals.length, other.literals.length);
        for (int i = 0; i < n; i++) {
            boolean mine = literals[i] != null;
            boolean theirs = other.literals[i] != null;
            if (mine != theirs) {
                return mine ? -1 : 1;
            }
        }
        return 0;
    }

    /**
     * Whether two templates are the same apart from variable names ({@code /a/{x}} and {@code /a/{y}}), which the
     * specification forbids deploying together.
     */
    boolean sameShape(UriTemplate other) {
        if (literals.length != other.literals.length) {
            return false;
        }
        for (int i = 0; i < literals.length; i++) {
            String a = literals[i];
            String b = other.literals[i];
            if (a == null ? b != null : !a.equals(b)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return template;
    }
}
