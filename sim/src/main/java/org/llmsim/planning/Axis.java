package org.llmsim.planning;

import java.util.ArrayList;
import java.util.List;

import org.llmsim.scenario.InputException;
import org.llmsim.scenario.StrictYaml;

/**
 * One varied field of a sweep: a scenario path, as {@code --set} writes it ({@code cluster.pools[0].replicas}), and
 * the values it takes, each read as YAML like a {@code --set} value ({@code 8}, {@code fp8},
 * {@code {dist: fixed, value: 512}}).
 *
 * @param path   the field
 * @param values its values, as written, in order
 */
public record Axis(String path, List<String> values) {

    public Axis {
        values = List.copyOf(values);
    }

    /**
     * Reads {@code PATH=V1,V2,...}. Values are split at commas outside brackets, braces and quotes, so a mapping
     * such as {@code {dist: fixed, value: 512}} is one value.
     *
     * @throws InputException naming the option when it is malformed
     */
    public static Axis parse(String spec) {
        int eq = spec.indexOf('=');
        if (eq <= 0) {
            throw fail(spec, "expected PATH=V1,V2,..., for example workload.arrival.rate_rps=5,10,20");
        }
        String path = spec.substring(0, eq).trim();
        List<String> values = split(spec.substring(eq + 1));
        if (values.isEmpty() || values.stream().anyMatch(String::isEmpty)) {
            throw fail(spec, "give one or more values separated by commas, none empty");
        }
        if (values.size() != values.stream().distinct().count()) {
            throw fail(spec, "a value is repeated");
        }
        for (String value : values) {
            try {
                StrictYaml.parseValue(value);
            } catch (IllegalArgumentException e) {
                throw fail(spec, "value " + value + ": " + e.getMessage());
            }
        }
        return new Axis(path, values);
    }

    /** Top-level comma-separated parts, trimmed. */
    static List<String> split(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        char quote = 0;
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(current.toString().trim());
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        parts.add(current.toString().trim());
        return parts;
    }

    /** The assignment that sets this field to its value number {@code i}. */
    public String assignment(int i) {
        return path + "=" + values.get(i);
    }

    private static InputException fail(String spec, String message) {
        return new InputException("--vary " + spec, message);
    }
}
