package org.llmsim.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.llmsim.hardware.EngineCalibration;
import org.llmsim.hardware.GpuPower;
import org.llmsim.hardware.GpuProfile;
import org.llmsim.hardware.ModelProfile;
import org.llmsim.hardware.ServingEngine;
import org.llmsim.scenario.ProviderProfile;

/**
 * Finds and loads GPU and model profiles. A scenario names a profile by id ({@code h100-sxm}, looked up as
 * {@code gpus/h100-sxm.yaml} in each profile directory in turn) or by a path to a profile file (anything containing
 * a slash or ending in {@code .yaml}/{@code .yml}/{@code .json}), resolved against the scenario's directory. A model
 * may also be a Hugging Face {@code config.json}, imported as {@code llmsim model import} would.
 *
 * <p>Profile directories: those given explicitly (the {@code --profiles} option), then the built-in
 * {@code gpu-profiles/} of the llmsim installation ({@code -Dllmsim.home} or {@code $LLMSIM_HOME}, which the
 * {@code ./llmsim} launcher sets).
 */
public final class ProfileCatalog {
    private final List<Path> directories;
    private final Map<Path, GpuProfile> gpuCache = new HashMap<>();
    private final Map<Path, ModelProfile> modelCache = new HashMap<>();
    private final Map<Path, ProviderProfile> providerCache = new HashMap<>();
    private final Map<Path, PriceOffer> offerCache = new HashMap<>();
    private final Map<String, GpuProfile> gpusInMemory;

    public ProfileCatalog(List<Path> directories) {
        this(directories, Map.of());
    }

    private ProfileCatalog(List<Path> directories, Map<String, GpuProfile> gpusInMemory) {
        this.directories = List.copyOf(directories);
        this.gpusInMemory = Map.copyOf(gpusInMemory);
    }

    /**
     * A catalog with the same directories in which the id of {@code gpu} names that profile, held in memory, instead
     * of a file. Calibration uses it to simulate candidate profiles without writing them out.
     */
    public ProfileCatalog withGpu(GpuProfile gpu) {
        Map<String, GpuProfile> all = new HashMap<>(gpusInMemory);
        all.put(gpu.id(), gpu);
        return new ProfileCatalog(directories, all);
    }

    /** The explicit directories followed by the installation's built-in {@code gpu-profiles/}, if found. */
    public static ProfileCatalog standard(List<Path> extraDirectories) {
        List<Path> dirs = new ArrayList<>(extraDirectories);
        Path builtIn = builtInDirectory();
        if (builtIn != null) {
            dirs.add(builtIn);
        }
        return new ProfileCatalog(dirs);
    }

    /** {@code <llmsim home>/gpu-profiles}, or null when no installation directory is known. */
    public static Path builtInDirectory() {
        String home = System.getProperty("llmsim.home");
        if (home == null || home.isBlank()) {
            home = System.getenv("LLMSIM_HOME");
        }
        if (home == null || home.isBlank()) {
            Path local = Paths.get("gpu-profiles");
            return Files.isDirectory(local) ? local : null;
        }
        return Paths.get(home).resolve("gpu-profiles").normalize();
    }

    public List<Path> directories() {
        return directories;
    }

    /** Loads a GPU profile by id or path; errors name {@code field} of {@code scenarioFile}. */
    public GpuProfile gpu(String reference, Path scenarioDir, String scenarioFile, String field) {
        GpuProfile inMemory = gpusInMemory.get(reference);
        if (inMemory != null) {
            return inMemory;
        }
        Path file = locate(reference, "gpus", scenarioDir, scenarioFile, field);
        return gpuCache.computeIfAbsent(file, f -> loadGpu(f, idFor(reference)));
    }

    /** Loads a model profile by id or path; errors name {@code field} of {@code scenarioFile}. */
    public ModelProfile model(String reference, Path scenarioDir, String scenarioFile, String field) {
        Path file = locate(reference, "models", scenarioDir, scenarioFile, field);
        return modelCache.computeIfAbsent(file, f -> loadModel(f, idFor(reference)));
    }

    /** Loads an API provider profile by id ({@code providers/<id>.yaml}) or path; errors name {@code field}. */
    public ProviderProfile provider(String reference, Path scenarioDir, String scenarioFile, String field) {
        Path file = locate(reference, "providers", scenarioDir, scenarioFile, field);
        return providerCache.computeIfAbsent(file, f -> ProviderProfiles.load(f, idFor(reference)));
    }

    /** Loads a price catalog entry by id ({@code prices/<id>.yaml}) or path; errors name {@code field}. */
    public PriceOffer offer(String reference, Path scenarioDir, String scenarioFile, String field) {
        Path file = locate(reference, "prices", scenarioDir, scenarioFile, field);
        return offerCache.computeIfAbsent(file, f -> PriceOffers.load(f, idFor(reference)));
    }

    /** Every price catalog entry in the catalog directories, by id (the first directory wins). */
    public List<PriceOffer> allOffers() {
        List<PriceOffer> all = new ArrayList<>();
        for (String id : ids("prices")) {
            all.add(offer(id, null, null, null));
        }
        return all;
    }

    /** Every provider profile in the catalog directories, by id (the first directory wins). */
    public List<ProviderProfile> allProviders() {
        List<ProviderProfile> all = new ArrayList<>();
        for (String id : ids("providers")) {
            all.add(provider(id, null, null, null));
        }
        return all;
    }

    /** Every GPU profile in the catalog directories, by id (the first directory wins). */
    public List<GpuProfile> allGpus() {
        List<GpuProfile> all = new ArrayList<>();
        for (String id : ids("gpus")) {
            all.add(gpu(id, null, null, null));
        }
        return all;
    }

    /** Every model profile in the catalog directories, by id (the first directory wins). */
    public List<ModelProfile> allModels() {
        List<ModelProfile> all = new ArrayList<>();
        for (String id : ids("models")) {
            all.add(model(id, null, null, null));
        }
        return all;
    }

    /** Ids of the profiles of one kind ({@code gpus}, {@code models}, {@code providers}, {@code prices}), sorted. */
    public TreeSet<String> ids(String kind) {
        TreeSet<String> ids = new TreeSet<>();
        for (Path dir : directories) {
            Path sub = dir.resolve(kind);
            if (!Files.isDirectory(sub)) {
                continue;
            }
            try (Stream<Path> files = Files.list(sub)) {
                files.map(p -> p.getFileName().toString())
                        .filter(n -> n.endsWith(".yaml"))
                        .forEach(n -> ids.add(n.substring(0, n.length() - ".yaml".length())));
            } catch (IOException e) {
                throw new InputException(sub.toString(), "cannot list profiles: " + e.getMessage());
            }
        }
        return ids;
    }

    /** Whether a profile reference names a file (a path) rather than a built-in id. */
    public static boolean isPath(String reference) {
        return reference.contains("/") || reference.contains("\\") || reference.endsWith(".yaml")
                || reference.endsWith(".yml") || reference.endsWith(".json");
    }

    private static String idFor(String reference) {
        return isPath(reference) ? null : reference;
    }

    private Path locate(String reference, String kind, Path scenarioDir, String scenarioFile, String field) {
        String what = switch (kind) {
            case "gpus" -> "GPU";
            case "models" -> "model";
            case "prices" -> "price catalog";
            default -> "provider";
        };
        if (isPath(reference)) {
            Path p = Paths.get(reference);
            Path resolved = p.isAbsolute() || scenarioDir == null ? p : scenarioDir.resolve(p);
            if (!Files.isRegularFile(resolved)) {
                throw new InputException(List.of(new InputError(scenarioFile, null, field, Files.isDirectory(resolved)
                        ? what + " profile path is a directory: " + resolved + "; name a profile .yaml file"
                        : what + " profile file not found: " + resolved)));
            }
            return resolved.normalize();
        }
        for (Path dir : directories) {
            Path candidate = dir.resolve(kind).resolve(reference + ".yaml");
            if (Files.isRegularFile(candidate)) {
                return candidate.normalize();
            }
        }
        String known = String.join(", ", ids(kind));
        String message = directories.isEmpty()
                ? "unknown " + what + " profile '" + reference + "': no profile directory found (run through ./llmsim, "
                        + "set LLMSIM_HOME to the llmsim checkout, or pass --profiles DIR)"
                : "unknown " + what + " profile '" + reference + "'; known: " + known
                        + " (or give a path to a profile .yaml file)";
        throw new InputException(List.of(new InputError(scenarioFile, null, field, message)));
    }

    private static GpuProfile loadGpu(Path file, String expectedId) {
        Document doc = read(file);
        Problems p = new Problems(doc.name, doc.lines);
        GpuProfile gpu = StrictYaml.bind(doc.tree, GpuProfile.class, p);
        if (gpu == null) {
            p.throwIfAny();
        }
        checkId(p, gpu.id(), expectedId);
        p.required("name", gpu.name());
        Object[][] required = {{"memory_gb", gpu.memoryGb()}, {"hbm_bandwidth_tbps", gpu.hbmBandwidthTbps()},
                {"bf16_tflops", gpu.bf16Tflops()}, {"interconnect_gbps", gpu.interconnectGbps()},
                {"price_usd_per_hour", gpu.priceUsdPerHour()}, {"compute_efficiency", gpu.computeEfficiency()},
                {"memory_efficiency", gpu.memoryEfficiency()}, {"iteration_overhead_s", gpu.iterationOverheadS()}};
        for (Object[] field : required) {
            p.required((String) field[0], field[1]);
        }
        p.positive("memory_gb", gpu.memoryGb());
        p.positive("hbm_bandwidth_tbps", gpu.hbmBandwidthTbps());
        p.positive("bf16_tflops", gpu.bf16Tflops());
        p.positive("fp8_tflops", gpu.fp8Tflops());
        p.positive("int8_tops", gpu.int8Tops());
        p.positive("fp4_tflops", gpu.fp4Tflops());
        p.atLeast("nvlink_domain_gpus", gpu.nvlinkDomainGpus(), 1);
        p.atLeast("gpus_per_node", gpu.gpusPerNode(), 1);
        checkTransferred(p, gpu);
        p.positive("network_gbps", gpu.networkGbps());
        p.nonNegative("network_latency_us", gpu.networkLatencyUs());
        p.atLeast("nvlink_domain_gpus", gpu.nvlinkDomainGpus(), 1);
        if (gpu.allreduce() != null) {
            p.positive("allreduce.alltoall_nvlink_gbps", gpu.allreduce().alltoallNvlinkGbps());
            p.positive("allreduce.alltoall_network_gbps", gpu.allreduce().alltoallNetworkGbps());
            p.nonNegative("allreduce.alltoall_latency_us", gpu.allreduce().alltoallLatencyUs());
        }
        p.positive("interconnect_gbps", gpu.interconnectGbps());
        p.nonNegative("interconnect_latency_us", gpu.interconnectLatencyUs());
        p.positive("pcie_gbps", gpu.pcieGbps());
        p.fraction("pcie_efficiency", gpu.pcieEfficiency());
        p.nonNegative("price_usd_per_hour", gpu.priceUsdPerHour());
        // Calibration never beats physics: an efficiency above 1 would make a pass faster than the roofline.
        p.fraction("compute_efficiency", gpu.computeEfficiency());
        p.fraction("memory_efficiency", gpu.memoryEfficiency());
        p.nonNegative("iteration_overhead_s", gpu.iterationOverheadS());
        p.nonNegative("per_sequence_overhead_s", gpu.perSequenceOverheadS());
        p.nonNegative("per_token_overhead_s", gpu.perTokenOverheadS());
        p.nonNegative("runtime_reserve_gb", gpu.runtimeReserveGb());
        checkPower(p, gpu);
        checkSources(p, gpu.sources());
        if (gpu.engines() != null) {
            for (ServingEngine engine : ServingEngine.values()) {
                checkEngine(p, "engines." + engine.yamlName(), gpu.engines().get(engine));
            }
        }
        p.sortByLine();
        p.throwIfAny();
        return gpu.id() == null ? gpu.withId(stem(file)) : gpu;
    }

    /** Values a profile may borrow from a sibling GPU's profile: the measured ones, never datasheet figures. */
    static final Set<String> TRANSFERABLE = Set.of("compute_efficiency", "memory_efficiency",
            "roofline_knee", "attention", "allreduce", "iteration_overhead_s", "per_sequence_overhead_s",
            "per_token_overhead_s", "layer_overhead_s", "request_latency_s", "runtime_reserve_gb",
            "interconnect_latency_us", "network_latency_us", "pcie_efficiency", "engines");

    /** {@code transferred_from} and {@code transferred} come together, and name measured values only. */
    private static void checkTransferred(Problems p, GpuProfile gpu) {
        boolean from = gpu.transferredFrom() != null && !gpu.transferredFrom().isBlank();
        boolean list = gpu.transferred() != null && !gpu.transferred().isEmpty();
        if (from && !list) {
            p.add("transferred", "must list the fields taken from " + gpu.transferredFrom());
        } else if (list && !from) {
            p.add("transferred_from", "must name the GPU profile the transferred fields come from");
        } else if (from && gpu.transferredFrom().equals(gpu.id())) {
            p.add("transferred_from", "must name another GPU profile, got the profile's own id");
        }
        for (String field : list ? gpu.transferred() : List.<String>of()) {
            String top = field == null ? "" : field.split("\\.", 2)[0];
            if (!TRANSFERABLE.contains(top)) {
                p.add("transferred", "'" + field + "' cannot be transferred; allowed: "
                        + String.join(", ", new TreeSet<>(TRANSFERABLE)) + " (or engines.<engine>)");
            }
        }
    }

    /** Power figures lie between the idle floor and the board's limit; none of them without {@code tdp_w}. */
    private static void checkPower(Problems p, GpuProfile gpu) {
        p.positive("tdp_w", gpu.tdpW());
        p.nonNegative("idle_w", gpu.idleW());
        GpuPower power = gpu.power();
        if (gpu.tdpW() == null) {
            if (gpu.idleW() != null || power != null) {
                p.add("tdp_w", "must be given with idle_w and power (the board's power limit, watts)");
            }
            return;
        }
        String tdp = Problems.format(gpu.tdpW());
        if (gpu.idleW() != null && gpu.idleW() > gpu.tdpW()) {
            p.add("idle_w", "must be <= tdp_w (" + tdp + "), got " + Problems.format(gpu.idleW()));
        }
        if (power == null) {
            return;
        }
        String idle = Problems.format(gpu.idleWOrDefault());
        Object[][] fields = {{"power.compute_bound_w", power.computeBoundW()},
                {"power.memory_bound_w", power.memoryBoundW()}, {"power.waiting_w", power.waitingW()}};
        for (Object[] f : fields) {
            Double w = (Double) f[1];
            if (w != null && (w < gpu.idleWOrDefault() || w > gpu.tdpW())) {
                p.add((String) f[0], "must lie between idle_w (" + idle + ") and tdp_w (" + tdp + "), got "
                        + Problems.format(w));
            }
        }
    }

    private static void checkEngine(Problems p, String path, EngineCalibration c) {
        if (c == null) {
            return;
        }
        p.fraction(path + ".compute_efficiency", c.computeEfficiency());
        p.fraction(path + ".memory_efficiency", c.memoryEfficiency());
        p.nonNegative(path + ".iteration_overhead_s", c.iterationOverheadS());
        p.nonNegative(path + ".per_sequence_overhead_s", c.perSequenceOverheadS());
        p.nonNegative(path + ".per_token_overhead_s", c.perTokenOverheadS());
        if (c.sources() == null || c.sources().isEmpty()) {
            p.add(path + ".sources", "must cite where the engine's figures come from (a list of text entries)");
        }
    }

    private static ModelProfile loadModel(Path file, String expectedId) {
        if (file.getFileName().toString().endsWith(".json")) {
            String text = InputFiles.readText(file, file.toString(), InputFiles.MAX_YAML_BYTES, "profile file");
            if (ModelConfigs.isConfig(file, text)) {
                // a Hugging Face config.json, imported on the fly
                return ModelConfigs.fromText(file, text, null, null, null);
            }
        }
        Document doc = read(file);
        Problems p = new Problems(doc.name, doc.lines);
        ModelProfile m = StrictYaml.bind(doc.tree, ModelProfile.class, p);
        if (m == null) {
            p.throwIfAny();
        }
        checkId(p, m.id(), expectedId);
        if (p.required("params_b", m.paramsB())) {
            p.positive("params_b", m.paramsB());
        }
        p.positive("active_params_b", m.activeParamsB());
        if (m.activeParamsB() != null && m.paramsB() != null && m.activeParamsB() > m.paramsB()) {
            p.add("active_params_b", "must be <= params_b (" + Problems.format(m.paramsB()) + ")");
        }
        String[] intFields = {"layers", "hidden", "heads", "kv_heads", "head_dim", "intermediate", "vocab",
                "max_context"};
        Integer[] intValues = {m.layers(), m.hidden(), m.heads(), m.kvHeads(), m.headDim(), m.intermediate(),
                m.vocab(), m.maxContext()};
        for (int i = 0; i < intFields.length; i++) {
            if (p.required(intFields[i], intValues[i])) {
                p.atLeast(intFields[i], intValues[i], 1);
            }
        }
        if (m.heads() != null && m.kvHeads() != null && m.kvHeads() > 0 && m.heads() % m.kvHeads() != 0) {
            p.add("kv_heads", "must divide heads (" + m.heads() + "), got " + m.kvHeads());
        }
        p.atLeast("experts", m.experts(), 1);
        if (m.experts() != null && m.experts() > 1) {
            if (p.required("experts_per_token", m.expertsPerToken())) {
                p.atLeast("experts_per_token", m.expertsPerToken(), 1);
                if (m.expertsPerToken() >= m.experts()) {
                    p.add("experts_per_token", "must be < experts (" + m.experts() + "), got " + m.expertsPerToken());
                }
            }
            p.required("active_params_b", m.activeParamsB());
        }
        ModelShapeChecks.check(p, m);
        checkSources(p, m.sources());
        p.sortByLine();
        p.throwIfAny();
        return m.id() == null ? withModelId(m, stem(file)) : m;
    }

    static void checkId(Problems p, String id, String expectedId) {
        if (id != null && expectedId != null && !id.equals(expectedId)) {
            p.add("id", "must match the file name '" + expectedId + "', got '" + id + "'");
        }
    }

    static void checkSources(Problems p, List<String> sources) {
        if (sources == null || sources.isEmpty()) {
            p.add("sources", "must cite where the figures come from (a list of text entries)");
        }
    }

    record Document(String name, JsonNode tree, SourceLines lines) {
    }

    static Document read(Path file) {
        String name = file.toString();
        String text = InputFiles.readText(file, name, InputFiles.MAX_YAML_BYTES, "profile file");
        JsonNode tree = StrictYaml.readTree(text, name);
        return new Document(name, tree, SourceLines.index(text));
    }

    static String stem(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    private static ModelProfile withModelId(ModelProfile m, String id) {
        return m.withId(id);
    }
}
