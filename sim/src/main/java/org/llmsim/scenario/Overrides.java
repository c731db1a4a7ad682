package org.llmsim.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code --set PATH=VALUE} overrides, applied to the parsed scenario before it is bound and validated, so an
 * overridden value is checked like any other. Paths use dots and list indices: {@code cluster.pools[0].replicas}.
 * Values are read as YAML: {@code 8} is a number, {@code true} a boolean, {@code {dist: fixed, value: 512}} a mapping.
 * Missing intermediate mappings are created; list indices must exist.
 */
public final class Overrides {
    private static final String SET = "--set";
    private static final Pattern SEGMENT = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)|\\[(\\d+)]");

    private Overrides() {
    }

    /**
     * Applies every override to {@code root} in order.
     *
     * @return the normalized paths that were set
     * @throws InputException naming the offending {@code --set} when a path or value is malformed
     */
    public static Set<String> apply(ObjectNode root, List<String> assignments) {
        return applyWithOrigins(root, assignments).keySet();
    }

    /**
     * Applies every override to {@code root} in order.
     *
     * @return the normalized paths that were set, each with the option its value came from ({@code --set}, or the
     *         origin an assignment was tagged with by {@link #from})
     */
    static Map<String, String> applyWithOrigins(ObjectNode root, List<String> assignments) {
        Map<String, String> paths = new LinkedHashMap<>();
        for (String tagged : assignments) {
            String origin = originOf(tagged);
            String assignment = origin.equals(SET) ? tagged : tagged.substring(origin.length() + 1);
            int eq = assignment.indexOf('=');
            if (eq <= 0) {
                throw fail(origin, assignment, "expected PATH=VALUE, for example cluster.pools[0].replicas=4");
            }
            String path = assignment.substring(0, eq).trim();
            String value = assignment.substring(eq + 1).trim();
            if (value.isEmpty()) {
                throw fail(origin, assignment, "the value after '=' is empty");
            }
            List<Object> segments = parse(path, origin, assignment);
            JsonNode parsed;
            try {
                parsed = StrictYaml.parseValue(value);
            } catch (IllegalArgumentException e) {
                throw fail(origin, assignment, e.getMessage());
            }
            set(root, segments, parsed, origin, assignment);
            paths.put(render(segments), origin);
        }
        return paths;
    }

    /**
     * An assignment tagged with the option it comes from ({@code --vary}), so that a problem with its value names
     * that option instead of {@code --set}. Untagged assignments come from {@code --set}.
     */
    public static String from(String option, String assignment) {
        if (!option.startsWith("--") || option.contains(" ")) {
            throw new IllegalArgumentException("an option name such as --vary, got " + option);
        }
        return option + " " + assignment;
    }

    /** The option a (possibly tagged) assignment comes from; paths never start with "--". */
    private static String originOf(String assignment) {
        int space = assignment.indexOf(' ');
        return assignment.startsWith("--") && space > 2 ? assignment.substring(0, space) : SET;
    }

    private static List<Object> parse(String path, String origin, String assignment) {
        List<Object> segments = new ArrayList<>();
        int pos = 0;
        while (pos < path.length()) {
            if (path.charAt(pos) == '.' && pos > 0) {
                pos++;
            }
            Matcher m = SEGMENT.matcher(path).region(pos, path.length());
            if (!m.lookingAt()) {
                throw fail(origin, assignment, "cannot read the path at '" + path.substring(pos)
                        + "'; use names and [index], like cluster.pools[0].replicas");
            }
            if (m.group(1) != null) {
                segments.add(m.group(1));
            } else if (m.group(2).length() > 9) {
                throw fail(origin, assignment, "index " + m.group(2) + " does not exist (no list is that long)");
            } else {
                segments.add(Integer.parseInt(m.group(2)));
            }
            pos = m.end();
        }
        if (segments.isEmpty() || !(segments.get(0) instanceof String)) {
            throw fail(origin, assignment, "the path must start with a field name");
        }
        return segments;
    }

    private static void set(ObjectNode root, List<Object> segments, JsonNode value, String origin,
            String assignment) {
        JsonNode node = root;
        for (int i = 0; i < segments.size(); i++) {
            Object segment = segments.get(i);
            boolean last = i == segments.size() - 1;
            String where = render(segments.subList(0, i + 1));
            if (segment instanceof String field) {
                if (!(node instanceof ObjectNode object)) {
                    throw fail(origin, assignment, render(segments.subList(0, i)) + " is not a mapping, cannot set '"
                            + field + "'");
                }
                if (last) {
                    object.set(field, value);
                    return;
                }
                JsonNode child = object.get(field);
                if (child == null || child.isNull()) {
                    if (segments.get(i + 1) instanceof Integer) {
                        throw fail(origin, assignment, where + " is not a list in the scenario");
                    }
                    child = object.putObject(field);
                }
                node = child;
            } else {
                int index = (Integer) segment;
                if (!(node instanceof ArrayNode array)) {
                    throw fail(origin, assignment, render(segments.subList(0, i)) + " is not a list");
                }
                if (index >= array.size()) {
                    throw fail(origin, assignment, render(segments.subList(0, i)) + " has " + array.size()
                            + (array.size() == 1 ? " entry" : " entries") + "; index " + index + " does not exist");
                }
                if (last) {
                    array.set(index, value);
                    return;
                }
                node = array.get(index);
            }
        }
    }

    static String render(List<Object> segments) {
        StringBuilder b = new StringBuilder();
        for (Object s : segments) {
            if (s instanceof Integer i) {
                b.append('[').append(i).append(']');
            } else {
                if (b.length() > 0) {
                    b.append('.');
                }
                b.append(s);
            }
        }
        return b.toString();
    }

    private static InputException fail(String origin, String assignment, String message) {
        return new InputException(origin + " " + assignment, message);
    }
}
