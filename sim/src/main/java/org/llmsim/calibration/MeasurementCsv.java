package org.llmsim.calibration;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.llmsim.hardware.Dtype;
import org.llmsim.hardware.ServingEngine;
import org.llmsim.scenario.InputError;
import org.llmsim.scenario.InputException;
import org.llmsim.scenario.InputFiles;
import org.llmsim.scenario.LengthSpec;
import org.llmsim.scenario.PoolSpec;
import org.llmsim.scenario.Problems;
import org.llmsim.scenario.StrictYaml;

/**
 * Reads a simple CSV of measurements, one benchmark per line: configuration columns, then any metric columns named
 * by their {@code vllm bench serve} keys. Lines starting with {@code #} and blank lines are skipped; an empty cell
 * means "not given" (the caller's default deployment fills configuration, and a metric left empty is not fitted).
 *
 * <pre>
 * label,model,tensor_parallel,input_tokens,output_tokens,num_prompts,request_rate,max_concurrency,mean_ttft_ms,mean_tpot_ms,output_throughput
 * c1,llama-3.1-8b,1,1024,128,20,inf,1,21.5,6.6,
 * </pre>
 *
 * Configuration columns: {@code label, gpu, model, tensor_parallel, replicas, weight_dtype, kv_dtype, engine,
 * max_batch_size, max_batched_tokens, gpu_memory_utilization, kv_blocks_override, num_prompts, request_rate}
 * (requests per second, or {@code inf}), {@code burstiness, max_concurrency, input_tokens, output_tokens} (fixed
 * lengths per request), {@code seed}.
 */
public final class MeasurementCsv {
    static final Set<String> CONFIG_COLUMNS = Set.of("label", "gpu", "model", "tensor_parallel", "replicas",
            "weight_dtype", "kv_dtype", "engine", "max_batch_size", "max_batched_tokens", "gpu_memory_utilization",
            "kv_blocks_override", "num_prompts", "request_rate", "burstiness", "max_concurrency", "input_tokens",
            "output_tokens", "seed");

    private MeasurementCsv() {
    }

    /** Reads every line of {@code file}; {@code defaults} supplies configuration a line leaves out. */
    public static List<Measurement> read(Path file, PoolSpec defaults) {
        String name = file.toString();
        List<String> lines = InputFiles.readText(file, name, InputFiles.MAX_CSV_BYTES, "CSV of measurements").lines()
                .toList();
        String[] header = null;
        int headerLine = 0;
        List<Measurement> out = new ArrayList<>();
        List<InputError> errors = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (header == null) {
                header = cells;
                headerLine = i + 1;
                for (int c = 0; c < header.length; c++) {
                    header[c] = header[c].strip().toLowerCase(Locale.ROOT);
                    if (!CONFIG_COLUMNS.contains(header[c]) && Metric.byKey(header[c]) == null) {
                        errors.add(new InputError(name, headerLine, header[c], "unknown column; allowed: "
                                + String.join(", ", new java.util.TreeSet<>(CONFIG_COLUMNS)) + ", and the metrics "
                                + String.join(", ", Metric.keys())));
                    }
                }
                if (!errors.isEmpty()) {
                    throw new InputException(errors);
                }
                continue;
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < header.length; c++) {
                String v = c < cells.length ? cells[c].strip() : "";
                if (!v.isEmpty()) {
                    row.put(header[c], v);
                }
            }
            try {
                out.add(parse(row, defaults, name, i + 1));
            } catch (InputException e) {
                errors.addAll(e.errors());
            }
        }
        if (!errors.isEmpty()) {
            throw new InputException(errors);
        }
        if (out.isEmpty()) {
            throw new InputException(name, "no measurements (a header line, then one line per benchmark)");
        }
        return out;
    }

    private static Measurement parse(Map<String, String> row, PoolSpec d, String file, int line) {
        Cells c = new Cells(row, file, line);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("gpu", row.get("gpu"));
        fields.put("model", row.get("model"));
        fields.put("replicas", c.integer("replicas", null));
        fields.put("tensor_parallel", c.integer("tensor_parallel", null));
        fields.put("weight_dtype", c.dtype("weight_dtype", null));
        fields.put("kv_dtype", c.dtype("kv_dtype", null));
        fields.put("engine", c.engine(null));
        fields.put("kv_blocks_override", c.integer("kv_blocks_override", null));
        fields.put("scheduler.max_batch_size", c.integer("max_batch_size", null));
        fields.put("scheduler.max_batched_tokens", c.integer("max_batched_tokens", null));
        fields.put("scheduler.gpu_memory_utilization", c.decimal("gpu_memory_utilization", null));
        PoolSpec deployment = Deployments.with(d, fields);
        Integer input = c.integer("input_tokens", null);
        Integer output = c.integer("output_tokens", null);
        String rateText = row.get("request_rate");
        Double rate = rateText == null || rateText.equalsIgnoreCase("inf") ? null : c.decimal("request_rate", null);
        BenchmarkLoad load = new BenchmarkLoad(c.integer("num_prompts", null), rate, c.decimal("burstiness", null),
                c.integer("max_concurrency", null), input == null ? null : new LengthSpec.Fixed(input),
                output == null ? null : new LengthSpec.Fixed(output), c.integer("seed", null) == null ? null
                        : (long) c.integer("seed", null));
        Map<Metric, Double> measured = new EnumMap<>(Metric.class);
        row.forEach((key, value) -> {
            Metric m = Metric.byKey(key);
            if (m != null) {
                Double v = c.decimal(key, null);
                if (v != null && v > 0) {
                    measured.put(m, v);
                } else if (v != null) {
                    c.error(key, "must be > 0, got " + value);
                }
            }
        });
        ServeBenchmark benchmark = new ServeBenchmark(deployment, load);
        Problems checks = new Problems(file, null);
        benchmark.validate("", checks);
        c.addAll(checks);
        if (measured.isEmpty()) {
            c.error(null, "no measured metric on this line");
        }
        c.throwIfAny();
        String label = row.getOrDefault("label", "line " + line);
        return new Measurement(label, benchmark, measured, file + ":" + line);
    }

    /** Typed access to one line's cells, collecting errors with the line number. */
    private static final class Cells {
        private final Map<String, String> row;
        private final String file;
        private final int line;
        private final List<InputError> errors = new ArrayList<>();

        Cells(Map<String, String> row, String file, int line) {
            this.row = row;
            this.file = file;
            this.line = line;
        }

        Integer integer(String key, Integer fallback) {
            String v = row.get(key);
            if (v == null) {
                return fallback;
            }
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                error(key, "expected a whole number, got '" + v + "'");
                return fallback;
            }
        }

        Double decimal(String key, Double fallback) {
            String v = row.get(key);
            if (v == null) {
                return fallback;
            }
            try {
                return Double.parseDouble(v);
            } catch (NumberFormatException e) {
                error(key, "expected a number, got '" + v + "'");
                return fallback;
            }
        }

        Dtype dtype(String key, Dtype fallback) {
            return enumValue(key, Dtype.class, fallback);
        }

        ServingEngine engine(ServingEngine fallback) {
            return enumValue("engine", ServingEngine.class, fallback);
        }

        /** A value written with the enum's file name ({@code bf16}, {@code trtllm}), as in scenario files. */
        <E extends Enum<E>> E enumValue(String key, Class<E> type, E fallback) {
            String v = row.get(key);
            if (v == null) {
                return fallback;
            }
            try {
                return StrictYaml.mapper().convertValue(v.toLowerCase(Locale.ROOT), type);
            } catch (IllegalArgumentException e) {
                error(key, "unknown value '" + v + "'; allowed: " + String.join(", ", StrictYaml.enumNames(type)));
                return fallback;
            }
        }

        void error(String field, String message) {
            errors.add(new InputError(file, line, field, message));
        }

        void addAll(Problems p) {
            for (InputError e : p.errors()) {
                // "load.num_prompts" -> "num_prompts": name the column, not the record field
                String path = e.path() == null ? null : e.path().substring(e.path().lastIndexOf('.') + 1);
                errors.add(new InputError(file, line, path, e.message()));
            }
        }

        void throwIfAny() {
            if (!errors.isEmpty()) {
                throw new InputException(errors);
            }
        }
    }
}
