package org.llmsim.scenario;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The line on which each field of a YAML or JSON document is written, keyed by its path
 * ({@code cluster.pools[0].replicas}). Lets validation errors found after parsing point at a line.
 */
public final class SourceLines {
    /** No line information (values from the command line, or built in code). */
    public static final SourceLines NONE = new SourceLines(Map.of(), Map.of());

    private final Map<String, Integer> lineByPath;
    /** Paths whose values came from the command line rather than from the file, with the option ({@code --set}). */
    private final Map<String, String> overridden;

    private SourceLines(Map<String, Integer> lineByPath, Map<String, String> overridden) {
        this.lineByPath = lineByPath;
        this.overridden = overridden;
    }

    /**
     * The same index, noting that values at the keys of {@code paths} (and below them) were set on the command line,
     * by the option each maps to.
     */
    public SourceLines withOverrides(Map<String, String> paths) {
        Map<String, String> all = new HashMap<>(overridden);
        all.putAll(paths);
        return new SourceLines(lineByPath, all);
    }

    /** Whether the value at {@code path} (or an enclosing one) came from the command line. */
    public boolean isOverridden(String path) {
        return overriddenBy(path) != null;
    }

    /** The option ({@code --set}, {@code --vary}) that set {@code path} or an enclosing field, or null. */
    public String overriddenBy(String path) {
        for (String p = path; p != null && !p.isEmpty(); p = parent(p)) {
            String origin = overridden.get(p);
            if (origin != null) {
                return origin;
            }
        }
        return null;
    }

    /** Indexes a document; a document that does not parse yields an empty index (the parser reports the error). */
    public static SourceLines index(String text) {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = new YAMLFactory().createParser(text)) {
            while (parser.nextToken() != null) {
                if (parser.currentToken() == JsonToken.END_OBJECT || parser.currentToken() == JsonToken.END_ARRAY) {
                    continue;
                }
                JsonStreamContext context = parser.getParsingContext();
                if (context.inArray() && context.getCurrentIndex() < 0) {
                    continue; // an array's opening token; its elements carry their own lines
                }
                String path = pathOf(context);
                lines.putIfAbsent(path, parser.currentTokenLocation().getLineNr());
            }
        } catch (IOException | RuntimeException e) {
            // keep what was indexed before the syntax error
        }
        return new SourceLines(lines, Map.of());
    }

    /** The line of {@code path}, or of its nearest enclosing field, or null. */
    public Integer lineOf(String path) {
        if (path == null || isOverridden(path)) {
            return null;
        }
        String p = path;
        while (p != null && !p.isEmpty()) {
            Integer line = lineByPath.get(p);
            if (line != null) {
                return line;
            }
            p = parent(p);
        }
        return null;
    }

    static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut <= 0 ? null : path.substring(0, cut);
    }

    /** The path of the current parser position, in the {@code a.b[2].c} form. */
    static String pathOf(JsonStreamContext context) {
        StringBuilder b = new StringBuilder();
        appendPath(context, b);
        return b.toString();
    }

    private static void appendPath(JsonStreamContext c, StringBuilder b) {
        if (c == null || c.inRoot()) {
            return;
        }
        appendPath(c.getParent(), b);
        if (c.inArray()) {
            b.append('[').append(Math.max(0, c.getCurrentIndex())).append(']');
        } else if (c.getCurrentName() != null) {
            if (b.length() > 0) {
                b.append('.');
            }
            b.append(c.getCurrentName());
        }
    }
}
