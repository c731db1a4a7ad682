package org.llmsim.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.llmsim.planning.ScenarioSource;
import org.llmsim.scenario.Overrides;
import org.llmsim.scenario.ProfileCatalog;
import org.llmsim.scenario.StrictYaml;

/**
 * Writes a scenario variant as a ready-to-run file: the source file's fields with the user's and the variant's
 * {@code --set} assignments applied, relative paths (profile files, traces) rewritten to hold from the new file's
 * directory, under a header comment that says where it came from. Comments of the original are not carried over.
 */
public final class ScenarioFiles {
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .build());

    private ScenarioFiles() {
    }

    /**
     * The variant as YAML text.
     *
     * @param assignments the variant's {@code PATH=VALUE} assignments, after the source's own
     * @param name        the new scenario's name
     * @param description the new scenario's description (the question it answers)
     * @param header      comment lines put at the top (without {@code #})
     * @param targetDir   the directory the file will be written in
     */
    public static String render(ScenarioSource source, List<String> assignments, String name, String description,
            List<String> header, Path targetDir) {
        ObjectNode tree = (ObjectNode) StrictYaml.readTree(source.text(), source.fileName());
        List<String> all = new ArrayList<>(source.overrides());
        all.addAll(assignments);
        Overrides.apply(tree, all);
        tree.put("name", name);
        tree.put("description", description);
        rebase(tree, source.baseDir(), targetDir);
        StringBuilder b = new StringBuilder();
        for (String line : header) {
            b.append("# ").append(line).append('\n');
        }
        try {
            return b.append(YAML.writeValueAsString(reorder(tree))).toString();
        } catch (IOException e) {
            throw new IllegalStateException("cannot render YAML", e);
        }
    }

    public static void write(Path file, String text) throws IOException {
        Files.writeString(file, text);
    }

    /** name and description first, as users write them. */
    private static ObjectNode reorder(ObjectNode tree) {
        ObjectNode ordered = tree.objectNode();
        ordered.set("name", tree.get("name"));
        ordered.set("description", tree.get("description"));
        tree.fields().forEachRemaining(e -> {
            if (!ordered.has(e.getKey())) {
                ordered.set(e.getKey(), e.getValue());
            }
        });
        return ordered;
    }

    /** Profile paths and trace paths, relative to the source's directory, made relative to {@code targetDir}. */
    private static void rebase(ObjectNode tree, Path from, Path to) {
        JsonNode cluster = tree.get("cluster");
        if (cluster != null && cluster.get("pools") instanceof ArrayNode pools) {
            for (JsonNode pool : pools) {
                if (pool instanceof ObjectNode p) {
                    for (String field : List.of("gpu", "model")) {
                        JsonNode v = p.get(field);
                        if (v != null && v.isTextual() && ProfileCatalog.isPath(v.asText())) {
                            p.put(field, relocate(v.asText(), from, to));
                        }
                    }
                }
            }
        }
        JsonNode workload = tree.get("workload");
        if (workload instanceof ObjectNode w) {
            tracePath(w.get("trace"), from, to);
            if (w.get("classes") instanceof ArrayNode classes) {
                for (JsonNode c : classes) {
                    tracePath(c.get("trace"), from, to);
                }
            }
        }
    }

    private static void tracePath(JsonNode trace, Path from, Path to) {
        if (trace instanceof ObjectNode t && t.get("path") != null && t.get("path").isTextual()) {
            t.put("path", relocate(t.get("path").asText(), from, to));
        }
    }

    private static String relocate(String path, Path from, Path to) {
        Path p = Path.of(path);
        if (p.isAbsolute() || from == null) {
            return path;
        }
        Path absolute = from.resolve(p).normalize();
        Path target = to.toAbsolutePath().normalize();
        try {
            return target.relativize(absolute).toString().replace('\\', '/');
        } catch (IllegalArgumentException e) {
            return absolute.toString();
        }
    }
}
