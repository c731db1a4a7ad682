package org.llmsim.calibration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.llmsim.scenario.InputException;
import org.llmsim.scenario.InputFiles;
import org.llmsim.scenario.PoolSpec;
import org.llmsim.scenario.Problems;
import org.llmsim.scenario.SourceLines;
import org.llmsim.scenario.StrictYaml;

/**
 * A published measurement of a serving configuration, kept in {@code gpu-profiles/validation/<id>.yaml}: the
 * deployment (written like a scenario pool), the benchmark load, the published figures under the result keys of
 * {@code vllm bench serve} ({@code mean_ttft_ms}, {@code output_throughput}, ...), and the source.
 *
 * @param id          the file name without {@code .yaml}
 * @param description what was measured, in a line
 * @param source      where the figures are published (URL or repository path with commit), enough to find them again
 * @param sourceDate  when they were published or the page was read
 * @param calibration whether the case was used to calibrate the profile (the others are held out)
 * @param notes       how the published setup was mapped to llmsim, and what is uncertain
 * @param deployment  the pool under test
 * @param load        the benchmark client
 * @param published   the published figures by metric key; every one is scored (a figure llmsim cannot model
 *                    is removed with its case, and the README says why, rather than shown beside the others)
 */
public record ValidationCase(String id, String description, String source, String sourceDate, Boolean calibration,
        String notes, PoolSpec deployment, BenchmarkLoad load, Map<String, Double> published) {

    public ValidationCase {
        if (calibration == null) {
            calibration = false;
        }
    }

    public ServeBenchmark benchmark() {
        return new ServeBenchmark(deployment, load);
    }

    /** The case as a measurement to simulate or fit. */
    public Measurement measurement() {
        Map<Metric, Double> values = new EnumMap<>(Metric.class);
        published.forEach((key, value) -> values.put(Metric.byKey(key), value));
        return new Measurement(id, benchmark(), values, source + " (" + sourceDate + ")");
    }

    /** Reads and validates one case file. */
    public static ValidationCase load(Path file) {
        String name = file.toString();
        String text = InputFiles.readText(file, name, InputFiles.MAX_YAML_BYTES, "validation case");
        JsonNode tree = StrictYaml.readTree(text, name);
        SourceLines lines = SourceLines.index(text);
        ValidationCase c = StrictYaml.bind(tree, ValidationCase.class, name, lines);
        Problems p = new Problems(name, lines);
        String stem = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        if (p.required("id", c.id()) && !c.id().equals(stem)) {
            p.add("id", "must match the file name '" + stem + "', got '" + c.id() + "'");
        }
        p.required("source", c.source());
        p.required("source_date", c.sourceDate());
        if (p.required("deployment", c.deployment())) {
            c.deployment().validate("deployment", p);
        }
        if (p.required("load", c.load())) {
            c.load().validate("load", p);
        }
        if (p.required("published", c.published())) {
            if (c.published().isEmpty()) {
                p.add("published", "must give at least one figure");
            }
            checkFigures(p, "published", c.published());
        }
        p.throwIfAny();
        return c;
    }

    private static void checkFigures(Problems p, String field, Map<String, Double> figures) {
        if (figures == null) {
            return;
        }
        figures.forEach((key, value) -> {
            if (Metric.byKey(key) == null) {
                p.add(field + "." + key, "unknown metric; allowed: " + String.join(", ", Metric.keys()));
            } else {
                p.positive(field + "." + key, value);
            }
        });
    }

    /** Every case in {@code dir} ({@code *.yaml}), sorted by id; all problems of all files are reported together. */
    public static List<ValidationCase> loadAll(Path dir) {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new InputException(dir.toString(), "cannot list validation cases: " + e.getMessage());
        }
        List<ValidationCase> cases = new ArrayList<>();
        List<org.llmsim.scenario.InputError> errors = new ArrayList<>();
        for (Path f : files) {
            try {
                cases.add(load(f));
            } catch (InputException e) {
                errors.addAll(e.errors());
            }
        }
        if (!errors.isEmpty()) {
            throw new InputException(errors);
        }
        return cases;
    }
}
