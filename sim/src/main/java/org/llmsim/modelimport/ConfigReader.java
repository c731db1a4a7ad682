package org.llmsim.modelimport;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The keys of one config object, read with their defaults; remembers which it read, so that a key that changes the
 * cost but that no reader took can be reported, and collects every problem rather than stopping at the first.
 */
final class ConfigReader {
    private final JsonNode node;
    private final String prefix;
    private final Set<String> read = new HashSet<>();
    private final List<ConfigProblems.Problem> problems;

    ConfigReader(JsonNode node, String prefix, List<ConfigProblems.Problem> problems) {
        this.node = node;
        this.prefix = prefix;
        this.problems = problems;
    }

    /** Whether the key is there with a value other than null, false or an empty list. */
    boolean has(String key) {
        JsonNode v = node.get(key);
        return v != null && !v.isNull() && !(v.isBoolean() && !v.asBoolean()) && !(v.isArray() && v.isEmpty());
    }

    JsonNode raw(String key) {
        read.add(key);
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? null : v;
    }

    /** A required positive whole number; null (and a problem) when missing or not one. */
    Integer required(String key) {
        Integer v = optional(key, null);
        if (v == null && raw(key) == null) {
            problem(key, "is required for this architecture (a whole number)");
        }
        return v;
    }

    /** A whole number, {@code fallback} when absent or null. */
    Integer optional(String key, Integer fallback) {
        JsonNode v = raw(key);
        if (v == null) {
            return fallback;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < 0) {
            problem(key, "must be a whole number >= 0, got " + v);
            return fallback;
        }
        return v.asInt();
    }

    boolean flag(String key, boolean fallback) {
        JsonNode v = raw(key);
        if (v == null) {
            return fallback;
        }
        if (!v.isBoolean()) {
            problem(key, "must be true or false, got " + v);
            return fallback;
        }
        return v.asBoolean();
    }

    String text(String key) {
        JsonNode v = raw(key);
        return v == null ? null : v.asText();
    }

    /** Whole numbers of a list, or null when absent. */
    List<Integer> integers(String key) {
        JsonNode v = raw(key);
        if (v == null) {
            return null;
        }
        List<Integer> out = new ArrayList<>();
        if (!v.isArray()) {
            problem(key, "must be a list of whole numbers, got " + v);
            return out;
        }
        for (JsonNode e : v) {
            if (!e.isIntegralNumber()) {
                problem(key, "must be a list of whole numbers, got " + v);
                return out;
            }
            out.add(e.asInt());
        }
        return out;
    }

    /** Texts of a list, or null when absent. */
    List<String> texts(String key) {
        JsonNode v = raw(key);
        if (v == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        if (!v.isArray()) {
            problem(key, "must be a list, got " + v);
            return out;
        }
        v.forEach(e -> out.add(e.asText()));
        return out;
    }

    void problem(String key, String message) {
        problems.add(new ConfigProblems.Problem(prefix + key, message));
    }

    /** The keys among {@code keys} that carry a value but that nothing read. */
    List<String> unread(List<String> keys) {
        List<String> out = new ArrayList<>();
        for (String k : keys) {
            if (has(k) && !read.contains(k)) {
                out.add(prefix + k);
            }
        }
        return out;
    }
}
