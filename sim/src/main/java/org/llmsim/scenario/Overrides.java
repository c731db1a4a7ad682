package org.llmsim.scenario;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
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
        Set<String> paths = new LinkedHashSet<>();
        for (String assignment : assignments) {
            int eq = assignment.indexOf('=');
            if (eq <= 0) {
                throw fail(assignment, "expected PATH=VALUE, for example cluster.pools[0].replicas=4");
            }
            String path = assignment.substring(0, eq).trim();
            String value = assignment.substring(eq + 1).trim();
            if (value.isEmpty()) {
                throw fail(assignment, "the value after '=' is empty");
            }
            List<Object> segments = parse(path, assignment);
            JsonNode parsed;
            try {
                parsed = StrictYaml.parseValue(value);
            } catch (IllegalArgumentException e) {
                throw fail(assignment, e.getMessage());
            }
            set(root, segments, parsed, assignment);
            paths.add(render(segments));
        }
        return paths;
    }

    private static List<Object> parse(String path, String assignment) {
        List<Object> segments = new ArrayList<>();
        int pos = 0;
        while (pos < path.length()) {
            if (path.charAt(pos) == '.' && pos > 0) {
                pos++;
            }
            Matcher m = SEGMENT.matcher(path).region(pos, path.length());
            if (!m.lookingAt()) {
                throw fail(assignment, "cannot read the path at '" + path.substring(pos)
                        + "'; use names and [index], like cluster.pools[0].replicas");
            }
            if (m.group(1) != null) {
                segments.add(m.group(1));
            } else if (m.group(2).length() > 9) {
                throw fail(assignment, "index " + m.group(2) + " does not exist (no list is that long)");
            } else {
                segments.add(Integer.parseInt(m.group(2)));
            }
            pos = m.end();
        }
        if (segments.isEmpty() || !(segments.get(0) instanceof String)) {
            throw fail(assignment, "the path must start with a field name");
        }
        return segments;
    }

    private static void set(ObjectNode root, List<Object> segments, JsonNode value, String assignment) {
        JsonNode node = root;
        for (int i = 0; i < segments.size(); i++) {
            Object segment = segments.get(i);
            boolean last = i == segments.size() - 1;
            String where = render(segments.subList(0, i + 1));
            if (segment instanceof String field) {
                if (!(node instanceof ObjectNode object)) {
                    throw fail(assignment, render(segments.subList(0, i)) + " is not a mapping, cannot set '" + field
                            + "'");
                }
                if (last) {
                    object.set(field, value);
                    return;
                }
                JsonNode child = object.get(field);
                if (child == null || child.isNull()) {
                    if (segments.get(i + 1) instanceof Integer) {
                        throw fail(assignment, where + " is not a list in the scenario");
                    }
                    child = object.putObject(field);
                }
                node = child;
            } else {
                int index = (Integer) segment;
                if (!(node instanceof ArrayNode array)) {
                    throw fail(assignment, render(segments.subList(0, i)) + " is not a list");
                }
                if (index >= array.size()) {
                    throw fail(assignment, render(segments.subList(0, i)) + " has " + array.size()
                            + " entries; index " + index + " does not exist");
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

    private static InputException fail(String assignment, String message) {
        return new InputException("--set " + assignment, message);
    }
}
