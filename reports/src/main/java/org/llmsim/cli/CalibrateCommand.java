package org.llmsim.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

import org.llmsim.calibration.CalibratedProfileWriter;
import org.llmsim.calibration.Deployments;
import org.llmsim.calibration.FitParameter;
import org.llmsim.calibration.Measurement;
import org.llmsim.calibration.MeasurementCsv;
import org.llmsim.calibration.Metric;
import org.llmsim.calibration.ProfileFitter;
import org.llmsim.calibration.ValidationCase;
import org.llmsim.calibration.VllmBenchResult;
import org.llmsim.hardware.Dtype;
import org.llmsim.hardware.GpuProfile;
import org.llmsim.hardware.ServingEngine;
import org.llmsim.report.StagedRun;
import org.llmsim.scenario.InputException;
import org.llmsim.scenario.PoolSpec;
import org.llmsim.scenario.ProfileCatalog;
import org.llmsim.scenario.StrictYaml;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code llmsim calibrate}: fit a GPU profile's efficiencies and overheads to measurements. */
@Command(name = "calibrate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fit a GPU profile's efficiencies and overheads to your measurements and write a calibrated "
                + "profile next to the first input (a new file; existing files are never overwritten).",
                "INPUT: vllm bench serve --save-result JSON files, a CSV of configuration -> metrics, or validation "
                        + "case YAML files. JSON files do not say what served them: give --gpu, and --model unless "
                        + "the file's model_id names a profile."})
final class CalibrateCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Measurement files (.json, .csv, .yaml).")
    List<Path> inputs;

    @Option(names = "--gpu", paramLabel = "GPU", description = "GPU profile to calibrate (id or path); "
            + "required for JSON and CSV inputs that do not name one.")
    String gpu;

    @Option(names = "--model", paramLabel = "MODEL", description = "Model profile (default: from the JSON's model_id).")
    String model;

    @Option(names = {"--tp", "--tensor-parallel"}, paramLabel = "N", description = "Tensor-parallel GPUs (default 1).")
    Integer tensorParallel;

    @Option(names = "--replicas", paramLabel = "N", description = "Replicas behind the benchmarked endpoint (default 1).")
    Integer replicas;

    @Option(names = "--weight-dtype", paramLabel = "T",
            description = "bf16, fp16, fp8, int8, int4, fp4 or mxfp4 (default bf16).")
    String weightDtype;

    @Option(names = "--kv-dtype", paramLabel = "T", description = "bf16, fp16 or fp8 (default bf16).")
    String kvDtype;

    @Option(names = "--engine", paramLabel = "ENGINE", description = "vllm, trtllm or sglang (default vllm): the "
            + "engine whose calibration is fitted.")
    String engine;

    @Option(names = "--max-batch-size", paramLabel = "N", description = "vLLM max_num_seqs of the server (default 256).")
    Integer maxBatchSize;

    @Option(names = "--max-batched-tokens", paramLabel = "N", description = "vLLM max_num_batched_tokens of the server.")
    Integer maxBatchedTokens;

    @Option(names = "--gpu-memory-utilization", paramLabel = "F", description = "Of the server (default 0.9).")
    Double gpuMemoryUtilization;

    @Option(names = "--kv-blocks", paramLabel = "N", description = "Measured KV-cache blocks per replica (vLLM log "
            + "'# GPU blocks', or 'GPU KV cache size' tokens / block size); overrides the computed capacity.")
    Integer kvBlocks;

    @Option(names = "--fit", split = ",", paramLabel = "PARAM", description = "Parameters to fit (default: "
            + "compute_efficiency, memory_efficiency, iteration_overhead_s, per_sequence_overhead_s, "
            + "per_token_overhead_s; also interconnect_latency_us).")
    List<String> fit = new ArrayList<>();

    @Option(names = "--metrics", split = ",", paramLabel = "METRIC", description = "Measured metrics to fit, by "
            + "their vllm bench serve keys (default for JSON: mean_ttft_ms, mean_tpot_ms, output_throughput; for CSV "
            + "and YAML: every metric given).")
    List<String> metrics = new ArrayList<>();

    @Option(names = "--max-iterations", paramLabel = "N", description = "Optimizer iterations (default 40).")
    int maxIterations = 40;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Where to write the calibrated profile "
            + "(default: <gpu>-<engine>-calibrated.yaml next to the first input, numbered if taken).")
    Path out;

    @Option(names = "--force", description = "Allow --out to replace an existing file.")
    boolean force;

    @Option(names = "--profiles", paramLabel = "DIR", description = "Extra profile directory (gpus/, models/), "
            + "searched before the built-in gpu-profiles/ (repeatable).")
    List<Path> profileDirs = new ArrayList<>();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private static final List<Metric> JSON_DEFAULT_METRICS = List.of(Metric.MEAN_TTFT_MS, Metric.MEAN_TPOT_MS,
            Metric.OUTPUT_THROUGHPUT);

    @Override
    public Integer call() {
        PrintWriter w = spec.commandLine().getOut();
        ProfileCatalog catalog = ProfileCatalog.standard(profileDirs);
        Path cwd = Path.of("").toAbsolutePath();
        List<FitParameter> parameters = parameters();
        Set<Metric> selected = selectedMetrics();
        List<Measurement> points = readInputs(defaults(), selected);

        String gpuRef = single(points.stream().map(m -> m.benchmark().deployment().gpu()).toList(), "GPU");
        ServingEngine eng = ServingEngine.valueOf(single(points.stream()
                .map(m -> m.benchmark().deployment().engine().name()).toList(), "engine"));
        GpuProfile start = catalog.gpu(gpuRef, cwd, "--gpu", null);
        int figures = points.stream().mapToInt(m -> m.measured().size()).sum();
        w.printf(Locale.ROOT, "llmsim calibrate · %s (%s) · %d measurements, %d figures · fitting %s%n",
                start.id(), eng.yamlName(), points.size(), figures,
                String.join(", ", parameters.stream().map(FitParameter::key).toList()));
        w.flush();

        ProfileFitter.Result r = new ProfileFitter(catalog, cwd).maxIterations(maxIterations)
                .fit(start, eng, points, parameters);
        printResult(w, r);

        Path file = out != null ? out : CalibratedProfileWriter.freeName(directoryOf(inputs.get(0)),
                start.id() + "-" + eng.yamlName() + "-calibrated");
        String stem = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        String provenance = String.format(Locale.ROOT, "%s: fitted by llmsim calibrate (%s engine) to %d figures "
                        + "from %s; rms log error %.3f -> %.3f", String.join(", ", parameters.stream()
                        .map(FitParameter::key).toList()), eng.yamlName(), figures,
                String.join(", ", inputs.stream().map(Path::toString).toList()), r.rmsLogErrorBefore(),
                r.rmsLogErrorAfter());
        GpuProfile calibrated = CalibratedProfileWriter.apply(start, r, stem, provenance);
        String yaml = CalibratedProfileWriter.yaml(calibrated, List.of(
                "Calibrated by llmsim calibrate from the profile '" + start.id() + "' (" + eng.yamlName()
                        + " engine).", "Inputs: " + String.join(", ", inputs.stream().map(Path::toString).toList())));
        try {
            // read back through the normal loader before it takes its name: the file must be a valid profile
            CalibratedProfileWriter.write(file, yaml, force, complete -> new ProfileCatalog(List.of())
                    .gpu(complete.toString(), null, file.toString(), "profile"));
        } catch (UncheckedIOException e) {
            spec.commandLine().getErr().println("llmsim: cannot write " + file + ": "
                    + StagedRun.reason(e.getCause()) + "; nothing was written");
            return Main.EXIT_FAILURE;
        }
        w.printf(Locale.ROOT, "%nwrote %s (a new file; name it in a scenario as gpu: %s, or copy it into "
                + "gpu-profiles/gpus/)%n", file, file);
        w.flush();
        return Main.EXIT_OK;
    }

    private PoolSpec defaults() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("gpu", gpu);
        fields.put("model", model);
        fields.put("replicas", replicas);
        fields.put("tensor_parallel", tensorParallel);
        fields.put("weight_dtype", dtype(weightDtype, "--weight-dtype"));
        fields.put("kv_dtype", dtype(kvDtype, "--kv-dtype"));
        fields.put("engine", engine());
        fields.put("kv_blocks_override", kvBlocks);
        fields.put("scheduler.max_batch_size", maxBatchSize);
        fields.put("scheduler.max_batched_tokens", maxBatchedTokens);
        fields.put("scheduler.gpu_memory_utilization", gpuMemoryUtilization);
        return Deployments.of(fields);
    }

    private List<Measurement> readInputs(PoolSpec defaults, Set<Metric> selected) {
        List<Measurement> points = new ArrayList<>();
        for (Path input : inputs) {
            String n = input.getFileName().toString().toLowerCase(Locale.ROOT);
            if (n.endsWith(".json")) {
                requireGpu(input);
                points.add(VllmBenchResult.read(input, defaults, metrics.isEmpty() ? JSON_DEFAULT_METRICS : selected));
            } else if (n.endsWith(".csv")) {
                for (Measurement m : MeasurementCsv.read(input, defaults)) {
                    if (m.benchmark().deployment().gpu() == null) {
                        requireGpu(input);
                    }
                    points.add(metrics.isEmpty() ? m : m.only(selected));
                }
            } else if (n.endsWith(".yaml") || n.endsWith(".yml")) {
                Measurement m = ValidationCase.load(input).measurement();
                points.add(metrics.isEmpty() ? m : m.only(selected));
            } else {
                throw new InputException(input.toString(), "unknown input type; give a vllm bench serve result "
                        + "(.json), a CSV of measurements (.csv) or a validation case (.yaml)");
            }
        }
        points.removeIf(m -> m.measured().isEmpty());
        if (points.isEmpty()) {
            throw new InputException("--metrics", "none of the inputs has a value of the metrics to fit");
        }
        return points;
    }

    private void requireGpu(Path input) {
        if (gpu == null) {
            throw new InputException(input.toString(), "does not say which GPU served it: name the GPU profile "
                    + "with --gpu (an id such as h100-sxm, or a path)");
        }
    }

    private List<FitParameter> parameters() {
        if (fit.isEmpty()) {
            return FitParameter.DEFAULTS;
        }
        Set<FitParameter> chosen = new LinkedHashSet<>();
        for (String key : fit) {
            FitParameter p = FitParameter.byKey(key.strip());
            if (p == null) {
                throw new InputException("--fit", "unknown parameter '" + key + "'; allowed: "
                        + String.join(", ", FitParameter.keys()));
            }
            chosen.add(p);
        }
        return List.copyOf(chosen);
    }

    private Set<Metric> selectedMetrics() {
        Set<Metric> chosen = EnumSet.noneOf(Metric.class);
        for (String key : metrics) {
            Metric m = Metric.byKey(key.strip());
            if (m == null) {
                throw new InputException("--metrics", "unknown metric '" + key + "'; allowed: "
                        + String.join(", ", Metric.keys()));
            }
            chosen.add(m);
        }
        return chosen;
    }

    private ServingEngine engine() {
        return enumValue(engine, ServingEngine.class, "--engine");
    }

    private static Dtype dtype(String value, String option) {
        return enumValue(value, Dtype.class, option);
    }

    /** A value written as in scenario files ({@code bf16}, {@code trtllm}); null when the option is not given. */
    static <E extends Enum<E>> E enumValue(String value, Class<E> type, String option) {
        if (value == null) {
            return null;
        }
        try {
            return StrictYaml.mapper().convertValue(value.toLowerCase(Locale.ROOT), type);
        } catch (IllegalArgumentException e) {
            throw new InputException(option, "unknown value '" + value + "'; allowed: "
                    + String.join(", ", StrictYaml.enumNames(type)));
        }
    }

    /** The one value every measurement shares; calibrating two GPUs or engines at once is an error. */
    private static String single(List<String> values, String what) {
        Set<String> distinct = new LinkedHashSet<>(values);
        if (distinct.size() != 1) {
            throw new InputException("inputs", "the measurements name more than one " + what + " (" + distinct
                    + "); calibrate one " + what + " at a time");
        }
        return distinct.iterator().next();
    }

    private static Path directoryOf(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        return parent != null ? parent : Path.of("").toAbsolutePath();
    }

    private static void printResult(PrintWriter out, ProfileFitter.Result r) {
        out.printf(Locale.ROOT, "%s after %d iterations (%d candidate profiles simulated)%n%n",
                r.stoppedAtIterationLimit() ? "stopped at --max-iterations, not converged," : "converged",
                r.iterations(), r.evaluations());
        out.printf(Locale.ROOT, "%-26s %12s %12s %12s%n", "parameter", "start", "fitted", "+-");
        for (int i = 0; i < r.parameters().size(); i++) {
            FitParameter p = r.parameters().get(i);
            String sigma = Double.isFinite(r.sigma()[i]) ? p.format(r.sigma()[i]) : "n/a";
            out.printf(Locale.ROOT, "%-26s %12s %12s %12s%n", p.key(), p.format(r.start()[i]),
                    p.format(r.fitted()[i]), sigma);
        }
        out.println();
        out.printf(Locale.ROOT, "%-34s %-20s %10s %10s %8s %10s %8s%n", "point", "metric", "measured", "before",
                "error", "after", "error");
        for (ProfileFitter.PointFit p : r.points()) {
            String label = p.label().length() > 34 ? p.label().substring(0, 33) + "~" : p.label();
            out.printf(Locale.ROOT, "%-34s %-20s %10s %10s %8s %10s %8s%n", label,
                    p.metric().label() + " (" + p.metric().unit() + ")", number(p.measured()), number(p.before()),
                    signedPercent(p.errorBefore()), number(p.after()), signedPercent(p.errorAfter()));
        }
        out.printf(Locale.ROOT, "%nrms of ln(simulated/measured): %.3f before, %.3f after%n", r.rmsLogErrorBefore(),
                r.rmsLogErrorAfter());
    }

    /** Four significant digits, grouped thousands. */
    private static String number(double v) {
        if (!Double.isFinite(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        int decimals = a >= 1000 ? 0 : a >= 100 ? 1 : a >= 10 ? 2 : 3;
        return String.format(Locale.ROOT, "%,." + decimals + "f", v);
    }

    private static String signedPercent(double fraction) {
        return Double.isFinite(fraction) ? String.format(Locale.ROOT, "%+.1f%%", 100 * fraction) : "n/a";
    }
}
