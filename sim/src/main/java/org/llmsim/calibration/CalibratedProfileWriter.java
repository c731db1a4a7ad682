package org.llmsim.calibration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import org.llmsim.hardware.EngineCalibration;
import org.llmsim.hardware.EngineCalibrations;
import org.llmsim.hardware.GpuProfile;
import org.llmsim.hardware.ServingEngine;
import org.llmsim.scenario.InputException;

/**
 * Turns a fit into a new GPU profile file. The fitted values go where the engine reads them: the top-level fields for
 * vLLM (unless the profile has its own {@code engines.vllm} set), {@code engines.<engine>} otherwise; the
 * interconnect latency is a property of the node and always goes to the top level. Each place that changed gets a
 * {@code sources} entry describing the fit. Existing files are never overwritten unless asked, links never, and a
 * profile appears under its name only once it is complete and checked.
 */
public final class CalibratedProfileWriter {
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .enable(com.fasterxml.jackson.core.StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private CalibratedProfileWriter() {
    }

    /**
     * The original profile with the fitted values in place, renamed to {@code newId}.
     *
     * @param original   the profile as loaded (with its per-engine sets)
     * @param result     the fit
     * @param newId      the id (and file name) of the calibrated profile
     * @param provenance one line saying what the values were fitted to, added to the sources
     */
    public static GpuProfile apply(GpuProfile original, ProfileFitter.Result result, String newId,
            String provenance) {
        ServingEngine engine = result.engine();
        EngineCalibration existing = original.engines() == null ? null : original.engines().get(engine);
        // The fitted engine values in the order compute, memory, per pass, per sequence, per token, per layer.
        Double[] engineValues = new Double[7];
        boolean topLevel = engine == ServingEngine.VLLM && existing == null;
        boolean topLevelChanged = false;
        boolean engineLevel = false;
        GpuProfile g = original;
        for (int i = 0; i < result.parameters().size(); i++) {
            FitParameter p = result.parameters().get(i);
            double v = round(result.fitted()[i]);
            if (p == FitParameter.INTERCONNECT_LATENCY_US) {
                g = g.withInterconnectLatencyUs(v);
                topLevelChanged = true;
            } else if (topLevel) {
                g = p.set(g, v);
                topLevelChanged = true;
            } else {
                engineValues[engineSlot(p)] = v;
                engineLevel = true;
            }
        }
        if (engineLevel) {
            List<String> sources = new ArrayList<>(existing == null || existing.sources() == null ? List.of()
                    : existing.sources());
            sources.add(provenance);
            EngineCalibrations all = original.engines() == null ? new EngineCalibrations(null, null, null, null)
                    : original.engines();
            EngineCalibration fitted = EngineCalibration.fitted(engineValues[0], engineValues[1], engineValues[2],
                    engineValues[3], engineValues[4], engineValues[5], engineValues[6]);
            EngineCalibration base = existing != null ? existing : EngineCalibration.fitted(null, null, null, null,
                    null, null, null);
            g = g.withCalibration(g.computeEfficiency(), g.memoryEfficiency(), g.iterationOverheadS(),
                    g.perSequenceOverheadS(), g.perTokenOverheadS(), all.with(engine, base.withFitted(fitted,
                            sources)));
        }
        if (topLevelChanged) {
            List<String> sources = new ArrayList<>(g.sources() == null ? List.of() : g.sources());
            sources.add(provenance);
            g = g.withSources(sources);
        }
        return g.withId(newId);
    }

    private static int engineSlot(FitParameter p) {
        return switch (p) {
            case COMPUTE_EFFICIENCY -> 0;
            case MEMORY_EFFICIENCY -> 1;
            case ITERATION_OVERHEAD_S -> 2;
            case PER_SEQUENCE_OVERHEAD_S -> 3;
            case PER_TOKEN_OVERHEAD_S -> 4;
            case LAYER_OVERHEAD_S -> 5;
            case REQUEST_LATENCY_S -> 6;
            case INTERCONNECT_LATENCY_US -> throw new IllegalArgumentException("not an engine parameter: " + p);
        };
    }

    /** Four significant digits: the fit is not more precise than that. */
    static double round(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return v;
        }
        double scale = Math.pow(10, 3 - Math.floor(Math.log10(Math.abs(v))));
        return Math.round(v * scale) / scale;
    }

    /** The profile as YAML, fields in the usual order with {@code sources} and {@code engines} last. */
    public static String yaml(GpuProfile profile, List<String> headerComments) {
        ObjectNode tree = YAML.valueToTree(profile);
        dropNulls(tree);
        ObjectNode ordered = YAML.createObjectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = tree.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            if (!e.getKey().equals("sources") && !e.getKey().equals("engines")) {
                ordered.set(e.getKey(), e.getValue());
            }
        }
        if (tree.has("sources")) {
            ordered.set("sources", tree.get("sources"));
        }
        if (tree.has("engines")) {
            ordered.set("engines", tree.get("engines"));
        }
        StringBuilder b = new StringBuilder();
        for (String line : headerComments) {
            b.append("# ").append(line).append('\n');
        }
        try {
            b.append(YAML.writeValueAsString(ordered));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a profile as YAML", e);
        }
        return b.toString();
    }

    /** Removes null fields and writes numbers as people do: 80 rather than 80.0, 0.00002 rather than 2.0E-5. */
    private static void dropNulls(JsonNode node) {
        if (node instanceof ObjectNode o) {
            List<String> nulls = new ArrayList<>();
            List<String> doubles = new ArrayList<>();
            o.fields().forEachRemaining(e -> {
                if (e.getValue().isNull()) {
                    nulls.add(e.getKey());
                } else if (e.getValue().isDouble()) {
                    doubles.add(e.getKey());
                } else {
                    dropNulls(e.getValue());
                }
            });
            o.remove(nulls);
            for (String key : doubles) {
                double v = o.get(key).doubleValue();
                if (v == Math.rint(v) && Math.abs(v) < 1e15) {
                    o.put(key, (long) v);
                } else {
                    o.put(key, new BigDecimal(Double.toString(v)).stripTrailingZeros());
                }
            }
        }
    }

    /** {@code dir/stem.yaml}, or {@code stem-2.yaml}, {@code stem-3.yaml}, ... whichever does not exist yet. */
    public static Path freeName(Path dir, String stem) {
        Path candidate = dir.resolve(stem + ".yaml");
        for (int i = 2; Files.exists(candidate, LinkOption.NOFOLLOW_LINKS); i++) {
            candidate = dir.resolve(stem + "-" + i + ".yaml");
        }
        return candidate;
    }

    /** Writes {@code text} to {@code file}; refuses to replace an existing file unless {@code force}. */
    public static void write(Path file, String text, boolean force) {
        write(file, text, force, complete -> {
        });
    }

    /**
     * Writes {@code text} to {@code file}, all or nothing: into a private directory beside it first, where
     * {@code check} looks at the complete file, then into place in one step. A file of that name is never
     * replaced unless {@code force}, and a symbolic link never (nor written through).
     *
     * @param check sees the complete file, under its final name in the private directory; throws to refuse it
     * @throws InputException       if the file exists (without {@code force}) or is a link
     * @throws UncheckedIOException if writing failed (a full disk); nothing is left under the file's name
     */
    public static void write(Path file, String text, boolean force, Consumer<Path> check) {
        Path target = file.toAbsolutePath();
        if (Files.isSymbolicLink(target)) {
            throw new InputException(file.toString(), "is a symbolic link; llmsim calibrate never writes through "
                    + "a link nor replaces one (choose another --out)");
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            if (!force) {
                throw exists(file);
            }
            if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new InputException(file.toString(), "is not a file; choose another --out");
            }
        }
        Path tmpDir = null;
        try {
            Files.createDirectories(target.getParent());
            tmpDir = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".llmsim-");
            Path tmp = tmpDir.resolve(target.getFileName().toString());
            // a process stopped while it writes (Ctrl-C) removes them on its way out; the file's name is not among them
            tmpDir.toFile().deleteOnExit();
            tmp.toFile().deleteOnExit();
            Files.writeString(tmp, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            check.accept(tmp);
            if (force) {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE); // a rename: replaces the file as a whole
            } else {
                placeNew(tmp, target, file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (tmpDir != null) {
                deleteQuietly(tmpDir);
            }
        }
    }

    /** Gives {@code tmp} the name {@code target} only if nothing has that name: a hard link fails if one does. */
    private static void placeNew(Path tmp, Path target, Path file) throws IOException {
        try {
            Files.createLink(target, tmp);
        } catch (FileAlreadyExistsException e) {
            throw exists(file);
        } catch (UnsupportedOperationException | IOException e) {
            // a file system without hard links: a move that checks first (refuses a file that exists by then)
            try {
                Files.move(tmp, target);
            } catch (FileAlreadyExistsException taken) {
                throw exists(file);
            }
        }
    }

    private static InputException exists(Path file) {
        return new InputException(file.toString(), "exists; llmsim calibrate never overwrites a file "
                + "(choose another --out, or add --force)");
    }

    private static void deleteQuietly(Path dir) {
        try (var entries = Files.list(dir)) {
            for (Path p : entries.toList()) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a leftover hidden directory beside the profile is harmless
        }
    }
}
