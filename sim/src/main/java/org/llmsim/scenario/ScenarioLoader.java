package org.llmsim.scenario;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.llmsim.engine.BatchingPolicy;
import org.llmsim.engine.PreemptionMode;
import org.llmsim.engine.SchedulerConfig;
import org.llmsim.hardware.Dtype;
import org.llmsim.hardware.GpuProfile;
import org.llmsim.hardware.MemoryPlan;
import org.llmsim.hardware.ModelProfile;
import org.llmsim.hardware.ReplicaHardware;
import org.llmsim.pricing.PoolPricing;
import org.llmsim.scenario.ProviderProfile;

/**
 * Reads a scenario file into a validated {@link Scenario}: parse, apply {@code --set} overrides, bind strictly,
 * validate every field, resolve GPU and model profiles, and size each pool's memory. Any problem becomes an
 * {@link InputException} naming the file, the field, its line and what is allowed.
 */
public final class ScenarioLoader {
    /** Tensor parallelism stays inside one node, whose GPUs share the profile's interconnect. */
    public static final int MAX_TENSOR_PARALLEL = 8;
    /** A draft_model that names the target's own multi-token-prediction layers (DeepSeek-V3's MTP module). */
    static final String MTP_DRAFT = "mtp";

    private final ProfileCatalog catalog;

    public ScenarioLoader(ProfileCatalog catalog) {
        this.catalog = catalog;
    }

    /** Loads {@code file} with {@code overrides} ({@code PATH=VALUE} strings) applied. */
    public Scenario load(Path file, List<String> overrides) {
        String name = file.toString();
        String text = InputFiles.readText(file, name, InputFiles.MAX_YAML_BYTES, "scenario file");
        Path dir = file.toAbsolutePath().getParent();
        return load(text, name, dir, overrides);
    }

    /** Loads a scenario from text; {@code baseDir} resolves relative profile paths. */
    public Scenario load(String text, String fileName, Path baseDir, List<String> overrides) {
        Bound bound = bind(text, fileName, overrides);
        return resolve(bound.spec(), fileName, text, bound.lines(), bound.problems(), baseDir, overrides,
                bound.poolsWithoutWeightDtype());
    }

    /**
     * Parses a scenario with overrides into its spec (defaults filled in) without validating it or resolving its
     * profiles: what the planner reads of a scenario whose own pool may not fit.
     */
    public static ScenarioSpec parse(String text, String fileName, List<String> overrides) {
        Bound bound = bind(text, fileName, overrides);
        bound.problems().sortByLine();
        bound.problems().throwIfAny();
        return bound.spec();
    }

    /**
     * A scenario bound as far as it could be: its spec without the fields that did not bind (null if nothing could
     * be bound), and the problems so far, which validation adds to.
     */
    private record Bound(ScenarioSpec spec, SourceLines lines, Problems problems, Set<Integer> poolsWithoutWeightDtype) {
    }

    private static Bound bind(String text, String fileName, List<String> overrides) {
        // parse first: the line index serves only a document that parses
        JsonNode tree = StrictYaml.readTree(text, fileName);
        SourceLines lines = SourceLines.index(text);
        lines = lines.withOverrides(Overrides.applyWithOrigins((ObjectNode) tree, overrides));
        Problems problems = new Problems(fileName, lines);
        ScenarioSpec spec = StrictYaml.bind(tree, ScenarioSpec.class, problems);
        if (spec != null && spec.name() == null) {
            spec = new ScenarioSpec(stem(fileName), spec.description(), spec.seed(), spec.durationS(), spec.warmupS(),
                    spec.drainTimeoutS(), spec.workload(), spec.cluster(), spec.output(), spec.plan(),
                    spec.economics(), spec.faults(), spec.fleet(), spec.maxRequests());
        }
        return new Bound(spec, lines, problems, poolsWithoutWeightDtype(tree));
    }

    /**
     * Validates a scenario built in code and resolves its pools; {@code name} stands for the file in messages.
     * Calibration builds its benchmark runs this way.
     */
    public Scenario resolve(ScenarioSpec spec, String name, Path baseDir) {
        return resolve(spec, name, "", SourceLines.NONE, new Problems(name, SourceLines.NONE), baseDir, List.of(),
                Set.of());
    }

    /** The pools whose file (with its --set overrides) names no weight_dtype. */
    private static Set<Integer> poolsWithoutWeightDtype(JsonNode tree) {
        Set<Integer> unset = new HashSet<>();
        JsonNode pools = tree == null ? null : tree.path("cluster").path("pools");
        if (pools != null && pools.isArray()) {
            for (int i = 0; i < pools.size(); i++) {
                if (!pools.get(i).has("weight_dtype")) {
                    unset.add(i);
                }
            }
        }
        return unset;
    }

    /** Validates {@code spec}; {@code problems} holds those binding found (every problem is reported at once). */
    private Scenario resolve(ScenarioSpec spec, String fileName, String text, SourceLines lines, Problems problems,
            Path baseDir, List<String> overrides, Set<Integer> poolsWithoutWeightDtype) {
        boolean bindingFound = !problems.isEmpty();
        if (spec != null) {
            spec.validate(problems);
        }
        if (bindingFound) {
            problems.sortByLine(); // merged as a reader meets them; validation alone reports in its own order
        }
        problems.throwIfAny();

        WorkloadPlan workload = WorkloadPlan.resolve(spec.workload(), baseDir, problems);
        problems.throwIfAny();
        if (spec.durationS() == null) {
            // Replay the whole trace: arrivals are generated during [0, duration), so end just after the last one.
            RunSize.checkTraceSpan(spec, workload, problems);
            problems.throwIfAny();
            spec = spec.withDuration(RunSize.durationAfter(workload.lastTraceArrivalS()));
            if (spec.warmupS() >= spec.durationS()) {
                problems.add("warmup_s", "must be < the trace's length (" + Problems.format(spec.durationS())
                        + " s), got " + Problems.format(spec.warmupS()));
            }
            spec.output().validate("output", problems, spec.horizonS());
            problems.throwIfAny();
        }
        RunSize.check(spec, workload, problems);
        problems.throwIfAny();
        EnergySpec energy = spec.economics().energy();
        try {
            EnergySpec resolved = CarbonRegions.resolve(energy, catalog.directories(), fileName,
                    "economics.energy.region");
            if (resolved != energy) {
                spec = spec.withEconomics(spec.economics().withEnergy(resolved));
            }
        } catch (InputException e) {
            problems.addAll(e);
            problems.throwIfAny();
        }

        List<PoolPlan> pools = new ArrayList<>();
        List<ProviderPlan> providers = new ArrayList<>();
        List<PoolSpec> poolSpecs = spec.cluster().pools();
        for (int i = 0; i < poolSpecs.size(); i++) {
            PoolSpec pool = poolSpecs.get(i);
            try {
                if (pool.servedByProvider()) {
                    providers.add(resolveProvider(i, pool, baseDir, fileName));
                    continue;
                }
                if (pool.energy() != null) {
                    pool = pool.withEnergy(CarbonRegions.resolve(pool.energy(), catalog.directories(), fileName,
                            "cluster.pools[" + i + "].energy.region"));
                }
                PoolPlan plan = resolvePool(i, pool, poolsWithoutWeightDtype.contains(i), workload, baseDir,
                        fileName, problems);
                if (plan != null) {
                    pools.add(plan);
                }
            } catch (InputException e) {
                problems.addAll(e); // a profile not found: with the line of the field that names it
            }
        }
        problems.throwIfAny();
        ApplicationLayerCheck.check(spec, workload, pools, providers, problems);
        FaultCheck.check(spec, pools, providers, problems);
        problems.throwIfAny();
        List<ProviderProfile> compared;
        try {
            compared = compareProviders(spec, providers, baseDir, fileName);
        } catch (InputException e) {
            problems.addAll(e);
            problems.throwIfAny();
            throw e;
        }
        Scenario scenario = new Scenario(spec, List.copyOf(pools), fileName, text, List.copyOf(overrides), workload,
                List.copyOf(providers), compared);
        return spec.fleet() == null ? scenario : new Scenario(spec, scenario.pools(), fileName, text,
                scenario.overrides(), workload, scenario.providers(), scenario.compareProviders(),
                resolveFleet(scenario, baseDir, lines));
    }

    /**
     * Every domain of the fleet as a scenario of its own (see {@link FleetPlan}); a problem in a domain's own
     * assignments is reported with the domain's name. Identical copies are loaded once and given their seeds.
     */
    private FleetPlan resolveFleet(Scenario fleet, Path baseDir, SourceLines lines) {
        FleetSpec spec = fleet.spec().fleet();
        LoadScaling scaling = LoadScaling.of(fleet);
        // identical domains differ only in their seed, unless each replays its own part of a trace
        boolean reuseCopies = spec.copies() != null && !scaling.replaysTrace();
        // each domain's slice [bounds[i], bounds[i + 1]) of the traffic; the last ends at 1 exactly
        double[] bounds = new double[spec.size() + 1];
        for (int i = 0; i < spec.size(); i++) {
            bounds[i + 1] = i == spec.size() - 1 ? 1.0 : bounds[i] + spec.share(i);
        }
        if (scaling.replaysTrace()) {
            WorkloadPlan.prescan(fleet.spec().workload(), baseDir, bounds); // one read of a trace for every domain
        }
        List<FleetPlan.Domain> domains = new ArrayList<>();
        Scenario copy = null;
        for (int i = 0; i < spec.size(); i++) {
            String name = spec.name(i);
            double share = spec.share(i);
            double from = bounds[i];
            double to = bounds[i + 1];
            long seed = FleetPlan.domainSeed(fleet.seed(), name);
            Scenario domain;
            if (reuseCopies && copy != null) {
                domain = copy.withSeed(seed);
            } else {
                List<String> assignments = new ArrayList<>(fleet.overrides());
                assignments.add("fleet=null");
                // every domain measures the fleet's window, also when a trace's length sets it
                assignments.add("duration_s=" + LoadScaling.plain(fleet.spec().durationS()));
                assignments.addAll(scaling.splitAssignments(from, to));
                assignments.addAll(spec.assignments(i));
                assignments.add("seed=" + seed);
                domain = loadDomain(fleet, baseDir, assignments, i, name, lines);
                copy = domain;
            }
            domains.add(new FleetPlan.Domain(name, share, domain));
        }
        checkPoolKinds(fleet.sourceFile(), lines, domains);
        return new FleetPlan(domains);
    }

    private Scenario loadDomain(Scenario fleet, Path baseDir, List<String> assignments, int i, String name,
            SourceLines lines) {
        try {
            return load(fleet.sourceText(), fleet.sourceFile(), baseDir, assignments);
        } catch (InputException e) {
            Integer line = lines.lineOf("fleet.domains[" + i + "]");
            List<InputError> errors = e.errors().stream().map(err -> new InputError(err.file(),
                    err.line() != null ? err.line() : line, err.path(), "in fleet domain '" + name + "': "
                            + err.message())).toList();
            throw new InputException(errors);
        }
    }

    /** A pool name means one kind of pool across the fleet, so the fleet's per-pool figures add up. */
    private static void checkPoolKinds(String file, SourceLines lines, List<FleetPlan.Domain> domains) {
        Problems problems = new Problems(file, lines);
        Map<String, String> kinds = new LinkedHashMap<>();
        Map<String, String> firstDomain = new LinkedHashMap<>();
        for (FleetPlan.Domain d : domains) {
            for (PoolPlan pool : d.scenario().pools()) {
                ReplicaHardware h = pool.hardware();
                String kind = h.gpu().id() + " x" + h.tp() + " running " + h.model().id() + " (" + h.weightDtype()
                        + " weights, " + h.kvDtype() + " KV, " + pool.scheduler().policy() + " batching)";
                String seen = kinds.putIfAbsent(pool.name(), kind);
                firstDomain.putIfAbsent(pool.name(), d.name());
                if (seen != null && !seen.equals(kind)) {
                    problems.add("fleet.domains", "pool '" + pool.name() + "' is " + seen + " in domain '"
                            + firstDomain.get(pool.name()) + "' but " + kind + " in domain '" + d.name()
                            + "'; give the pool another name in one of them so the fleet's pool figures stay apart");
                }
            }
        }
        problems.throwIfAny();
    }

    /** The APIs named in {@code economics.compare_providers}, else those the provider pools use, each once. */
    private List<ProviderProfile> compareProviders(ScenarioSpec spec, List<ProviderPlan> providers, Path baseDir,
            String fileName) {
        Map<String, ProviderProfile> byId = new LinkedHashMap<>();
        List<String> named = spec.economics().compareProviders();
        for (int i = 0; i < named.size(); i++) {
            ProviderProfile p = catalog.provider(named.get(i), baseDir, fileName, "economics.compare_providers[" + i
                    + "]");
            byId.putIfAbsent(p.id(), p);
        }
        if (named.isEmpty()) {
            providers.forEach(pr -> byId.putIfAbsent(pr.profile().id(), pr.profile()));
        }
        return List.copyOf(byId.values());
    }

    private ProviderPlan resolveProvider(int index, PoolSpec pool, Path baseDir, String fileName) {
        String path = "cluster.pools[" + index + "]";
        var profile = catalog.provider(pool.provider(), baseDir, fileName, path + ".provider");
        boolean caching = profile.hasPromptCache() && !Boolean.FALSE.equals(pool.promptCaching());
        double ttlS = pool.cacheTtlS() != null ? pool.cacheTtlS() : profile.cacheTtlS() != null ? profile.cacheTtlS()
                : 0;
        double multiplier = pool.cacheWriteMultiplier() != null ? pool.cacheWriteMultiplier()
                : profile.cacheWriteMultiplier();
        RateLimitSpec limit = pool.rateLimit() != null ? pool.rateLimit() : profile.rateLimit();
        String name = pool.name() != null ? pool.name() : "pool-" + index;
        return new ProviderPlan(index, name, pool, profile, caching, ttlS, multiplier, limit);
    }

    /**
     * Resolves one GPU pool. {@code checkpointWeights}: the pool names no weight format, so it runs its checkpoint's
     * own where the model profile gives one ({@code native_weight_dtype}: FP8 for DeepSeek-V3, MXFP4 for gpt-oss),
     * else BF16.
     */
    private PoolPlan resolvePool(int index, PoolSpec pool, boolean checkpointWeights, WorkloadPlan workload,
            Path baseDir, String fileName, Problems problems) {
        String path = "cluster.pools[" + index + "]";
        GpuProfile gpu = null;
        ModelProfile model = null;
        try {
            gpu = catalog.gpu(pool.gpu(), baseDir, fileName, path + ".gpu").forEngine(pool.engine());
        } catch (InputException e) {
            problems.addAll(e);
        }
        try {
            model = catalog.model(pool.model(), baseDir, fileName, path + ".model");
        } catch (InputException e) {
            problems.addAll(e);
        }
        if (gpu == null || model == null) {
            return null;
        }
        Dtype nativeWeights = checkpointWeights ? Dtype.fromName(model.nativeWeightDtype()) : null;
        if (nativeWeights != null) {
            pool = pool.withWeightDtype(nativeWeights);
        }
        int tp = pool.tensorParallel();
        if (tp > MAX_TENSOR_PARALLEL) {
            problems.add(path + ".tensor_parallel", "must be <= " + MAX_TENSOR_PARALLEL
                    + " (one node); add replicas instead, got " + tp);
            return null;
        }
        if (model.heads() % tp != 0) {
            problems.add(path + ".tensor_parallel", "must divide the model's " + model.heads()
                    + " attention heads, got " + tp);
            return null;
        }
        int pp = pool.pipelineParallel();
        if (pp > model.layers()) {
            problems.add(path + ".pipeline_parallel", "must be <= the model's " + model.layers() + " layers, got " + pp);
            return null;
        }
        int dp = pool.dataParallel();
        if (!ParallelChecks.check(path, pool, gpu, model, problems)) {
            return null;
        }
        ModelProfile draft = null;
        if (pool.speculative() != null) {
            if (MTP_DRAFT.equals(pool.speculative().draftModel())) {
                draft = model.mtpDraft();
                if (draft == null) {
                    problems.add(path + ".speculative.draft_model", "mtp names the model's multi-token-prediction "
                            + "layers, and " + model.id() + " has none (mtp_layers); name a draft model profile");
                    return null;
                }
            } else {
                draft = catalog.model(pool.speculative().draftModel(), baseDir, fileName,
                        path + ".speculative.draft_model");
            }
            if (draft.heads() % tp != 0) {
                problems.add(path + ".speculative.draft_model", "the draft runs on the pool's " + tp
                        + " tensor-parallel GPUs, which must divide its " + draft.heads() + " attention heads");
                return null;
            }
        }
        DisaggregationSpec disaggregated = pool.disaggregated();
        if (disaggregated != null && disaggregated.kvLink() == DisaggregationSpec.KvLink.NETWORK
                && !gpu.hasNetwork()) {
            problems.add(path + ".disaggregated.kv_link", "network needs the GPU profile's network_gbps, which "
                    + gpu.id() + " does not give; use kv_link: nvlink (prefill and decode replicas in one node) or "
                    + "add network_gbps to the profile");
            return null;
        }
        ReplicaHardware hardware = new ReplicaHardware(gpu, model, tp, pool.weightDtype(), pool.kvDtype(), pp, draft,
                dp, pool.expertParallelism());
        EngineDefaults defaults = EngineDefaults.of(pool.engine(), gpu);
        SchedulerSpec s = pool.scheduler().resolve(defaults);
        s.validateResolved(path + ".scheduler", problems, pool.scheduler().maxBatchSize() != null ? null
                : pool.engine().yamlName() + "'s default on " + gpu.id());
        int longestPrompt = (int) Math.min(Integer.MAX_VALUE, workload.maxInputTokens());
        // An engine that computes prompts whole needs a budget that stretches to the longest one.
        int maxBatchedTokens = s.maxBatchedTokens() != null ? s.maxBatchedTokens()
                : Math.max(SchedulerSpec.DEFAULT_MAX_BATCHED_TOKENS, Math.min(longestPrompt, model.maxContext()));
        int outputCap = Math.min(workload.maxOutputTokens(), model.maxContext());
        if (pool.preemption() == PreemptionMode.SWAP && gpu.pcieGbps() == null) {
            problems.add(path + ".preemption", "swap needs the GPU profile's pcie_gbps (host link), which "
                    + gpu.id() + " does not give; use recompute or add pcie_gbps to the profile");
            return null;
        }
        // The replica's scheduler stands for its dp ranks' schedulers: dp times one rank's batch and token budget.
        SchedulerConfig config = new SchedulerConfig(s.policy(), dp * s.maxBatchSize(), dp * maxBatchedTokens,
                s.blockSize(),
                outputCap, s.order(), s.maxWaitS() == null ? 0 : s.maxWaitS(), pool.preemption(),
                pool.prefixCachingOr(defaults.prefixCaching()), pool.swapSpaceGb() * 1e9)
                .withSchedulerSteps(s.numSchedulerSteps()).withOverlapScheduler(s.overlapScheduler());
        MemoryPlan memory = MemoryPlan.of(hardware, s.gpuMemoryUtilization(), maxBatchedTokens, s.maxBatchSize(),
                s.blockSize());
        if (pool.kvBlocksOverride() != null && memory.usableBytesPerGpu() > memory.weightBytesPerGpu()) {
            // A measured block count replaces the computed one, as long as the weights themselves fit.
            memory = memory.withKvBlocks(dp * pool.kvBlocksOverride());
        }
        if (!memory.fits()) {
            int fittingTp = MemoryPlan.smallestFittingTp(hardware, s.gpuMemoryUtilization(), maxBatchedTokens,
                    s.maxBatchSize(), s.blockSize(), MAX_TENSOR_PARALLEL);
            problems.add(path, doesNotFit(hardware, memory, s.gpuMemoryUtilization(), fittingTp));
            return null;
        }
        PoolPricing pricing = PoolPrices.resolve(pool, gpu, catalog, baseDir, fileName, path, problems);
        if (pricing == null) {
            return null;
        }
        String name = pool.name() != null ? pool.name() : "pool-" + index;
        return new PoolPlan(index, name, pool, hardware, memory, config, pricing);
    }

    /**
     * Why a pool does not fit, and what would.
     *
     * @param fittingTp the smallest tensor-parallel group that fits ({@link MemoryPlan#smallestFittingTp}), 0 for none
     */
    static String doesNotFit(ReplicaHardware hw, MemoryPlan m, double utilization, int fittingTp) {
        String hint = fittingTp > hw.tp()
                ? "try tensor_parallel: " + fittingTp + ", a quantized weight_dtype (fp8, int4) or a GPU with more "
                        + "memory"
                : hw.tp() * hw.pp() >= MAX_TENSOR_PARALLEL
                ? "try pipeline_parallel: " + (2 * hw.pp()) + " (stages on more GPUs), a quantized weight_dtype (fp8, "
                        + "int4) or a GPU with more memory"
                : "use a quantized weight_dtype (fp8, int4), a smaller model or a GPU with more memory";
        return String.format(Locale.ROOT,
                "%s (%.1f GB of weights) does not fit on %s %s: each GPU has %.1f GB usable (gpu_memory_utilization "
                        + "%s), minus %.1f GB weights, %.1f GB activations and %.1f GB runtime reserve, leaves %.1f GB "
                        + "for the KV cache; %s",
                hw.model().id() + (hw.draft() == null ? "" : " with draft " + hw.draft().id()),
                hw.weightBytes() / 1e9, hw.pp() == 1 ? hw.tp() + "x" : hw.pp() + "x" + hw.tp(), hw.gpu().id(),
                m.usableBytesPerGpu() / 1e9,
                Problems.format(utilization), m.weightBytesPerGpu() / 1e9, m.activationBytesPerGpu() / 1e9,
                m.reserveBytesPerGpu() / 1e9, m.kvBytesPerGpu() / 1e9, hint);
    }

    private static String stem(String fileName) {
        String n = Path.of(fileName).getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }
}
