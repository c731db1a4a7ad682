package org.llmsim.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.llmsim.hardware.Dtype;
import org.llmsim.jobs.JobEngines;
import org.llmsim.planning.DeploymentSearch;
import org.llmsim.planning.LaunchScript;
import org.llmsim.planning.LaunchSpec;
import org.llmsim.planning.Objective;
import org.llmsim.planning.PlanSpace;
import org.llmsim.planning.ScenarioSource;
import org.llmsim.planning.SloCriterion;
import org.llmsim.report.Format;
import org.llmsim.report.OutputDirectory;
import org.llmsim.report.PlanCsv;
import org.llmsim.report.PlanJson;
import org.llmsim.report.PlanReport;
import org.llmsim.report.PlanTable;
import org.llmsim.report.ScenarioFiles;
import org.llmsim.report.StagedRun;
import org.llmsim.report.Style;
import org.llmsim.scenario.InputException;
import org.llmsim.scenario.PlanSpec;
import org.llmsim.scenario.PoolPlan;
import org.llmsim.scenario.Scenario;
import org.llmsim.scenario.PoolSpec;
import org.llmsim.scenario.Problems;
import org.llmsim.scenario.ScenarioLoader;
import org.llmsim.scenario.ScenarioSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code llmsim plan}: the cheapest deployment that meets every SLO at a target rate. */
@Command(name = "plan", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Search deployments of one pool over GPU x weight format x tensor parallelism x batch limit "
                + "(x pipeline stages x data-parallel ranks x expert parallelism, when given) x replicas for the cheapest that meets every SLO at the target rate. Shapes that cannot fit, or "
                + "that the roofline says cannot carry the rate within --max-replicas, are skipped without "
                + "simulating; for the others the fewest replicas that meet the SLOs are searched.",
                "Candidate lists come from the options, else from the scenario's plan: block, else the pool's own "
                        + "values. Writes plan.csv, plan.json, plan.pdf (the ranked table and the cost/latency "
                        + "Pareto frontier), winner.yaml, the cheapest deployment as a ready-to-run scenario, and "
                        + "launch.sh, the engine command that starts one of its replicas. "
                        + "Default directory: out/plan-<name>/."})
final class PlanCommand extends SearchingCommand {
    private static final String WINNER = "winner.yaml";

    /** The winner's launch, once written (null without a winner). */
    private LaunchSpec launch;

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "Scenario file (YAML or JSON).")
    Path scenarioFile;

    @Option(names = "--target-rps", paramLabel = "R", description = "Mean arrival rate to plan for, requests per "
            + "second (default: the plan block's target_rps).")
    Double targetRps;

    @Option(names = "--gpus", split = ",", paramLabel = "GPU", description = "GPU profiles to try (ids or paths).")
    List<String> gpus;

    @Option(names = "--weight-dtypes", split = ",", paramLabel = "T", description = "Weight formats to try: bf16, "
            + "fp16, fp8, int8, int4, fp4, mxfp4.")
    List<String> weightDtypes;

    @Option(names = {"--tp", "--tensor-parallel"}, split = ",", paramLabel = "N", description = "Tensor-parallel "
            + "sizes to try (1-8).")
    List<Integer> tensorParallel;

    @Option(names = "--max-batch-size", split = ",", paramLabel = "N", description = "Batch limits "
            + "(max_batch_size) to try.")
    List<Integer> maxBatchSize;

    @Option(names = {"--pp", "--pipeline-parallel"}, split = ",", paramLabel = "N", description = "Pipeline stages "
            + "per replica to try (1-" + PlanSpec.MAX_PARALLEL + ").")
    List<Integer> pipelineParallel;

    @Option(names = {"--dp", "--data-parallel"}, split = ",", paramLabel = "N", description = "Data-parallel ranks "
            + "per replica to try (1-" + PlanSpec.MAX_PARALLEL + "); a mixture of experts needs --ep on with more "
            + "than 1.")
    List<Integer> dataParallel;

    @Option(names = {"--ep", "--expert-parallel"}, split = ",", paramLabel = "on|off", arity = "0..1",
            fallbackValue = "on", description = "Expert parallelism to try: on, off or on,off (alone: on). Mixtures "
            + "of experts only.")
    List<String> expertParallel;

    @Option(names = "--max-replicas", paramLabel = "N", description = "The most replicas a deployment may have "
            + "(default: the plan block's max_replicas, else " + PlanSpec.DEFAULT_MAX_REPLICAS + ").")
    Integer maxReplicas;

    @Option(names = "--pool", paramLabel = "NAME", description = "The pool to plan, by name or index (default: the "
            + "first); other pools stay as they are.")
    String pool;

    @Option(names = "--objective", paramLabel = "O", description = "What ranks the deployments that meet the SLOs: "
            + "cost ($/hour, the default), energy (facility kWh per 1M output tokens), co2 (kg CO2e per hour) or gpus. "
            + "Every figure is reported for every deployment.")
    String objective;

    @Option(names = "--pricing", paramLabel = "KIND", description = "Pay for every candidate as on_demand, reserved "
            + "(1 year), reserved_3y, spot or owned, at the price catalog entry for its GPU with that price; a GPU "
            + "without one is skipped, saying so. Default: the pool's own pricing.")
    String pricing;

    @Option(names = "--electricity-usd-per-kwh", paramLabel = "USD", description = "Price of a kWh, for --pricing "
            + "owned.")
    Double electricityUsdPerKwh;

    @Mixin
    SearchOptions.Slo slo;

    @Override
    public Integer call() throws IOException {
        checkOptions("plan", run.replications);
        Objective rankBy = objective == null ? Objective.COST : Objective.parse(objective);
        ScenarioSource source = options.source(scenarioFile, search.assignments());
        // the spec alone (profiles unresolved): the pool as written may not fit, which is often why one plans
        ScenarioSpec spec0 = source.spec();
        int poolIndex = poolIndex(spec0);
        PlanSpec block = spec0.plan();
        if (block != null) {
            // with the file's line numbers (the --set overrides have none)
            Problems problems = new Problems(source.fileName(), org.llmsim.scenario.SourceLines.index(source.text()));
            block.validate("plan", problems);
            problems.throwIfAny();
        }
        double rate = targetRps != null ? targetRps : block != null && block.targetRps() != null
                ? block.targetRps() : Double.NaN;
        if (!(rate > 0) || Double.isInfinite(rate)) {
            boolean given = targetRps != null || block != null && block.targetRps() != null;
            throw new InputException("--target-rps", given ? "must be a number > 0, got " + rate
                    : "is required (or plan.target_rps in the scenario)");
        }
        PlanSpec flags = new PlanSpec(gpus, weightDtypes == null ? null : weightDtypes.stream()
                .map(d -> CalibrateCommand.enumValue(d, Dtype.class, "--weight-dtypes")).toList(), tensorParallel,
                maxBatchSize, maxReplicas, null, pipelineParallel, dataParallel, expertParallelFlags());
        validateFlags();
        List<String> listed = flags.gpus() != null ? flags.gpus() : block != null ? block.gpus() : null;
        PlanSpace space = PlanSpace.of(spec0.cluster().pools().get(poolIndex), block, flags, gpu -> options.catalog()
                .gpu(gpu, source.baseDir(), source.fileName(), listed == null ? "cluster.pools[" + poolIndex
                        + "].gpu" : "plan.gpus[" + listed.indexOf(gpu) + "]"));

        var priced = pricing == null ? (java.util.function.Function<org.llmsim.planning.Candidate, List<String>>)
                c -> List.<String>of() : PlanPricing.of(pricing, electricityUsdPerKwh, poolIndex,
                        options.catalog().allOffers());
        JobEngines.check(engine.engine, engine.master);
        SloCriterion criterion = slo.criterion(); // checked before the output directory is claimed
        var err = spec.commandLine().getErr();
        OutputDirectory dir = output.claim("plan-" + spec0.name(), err);
        Style style = run.style();
        return StagedSearch.run(dir, err, engine, jobs -> new DeploymentSearch(source, criterion, run.replications,
                engine.runner(jobs, scenarioFile, options.catalog(), RunOptions.progress(style), err, "plan"), e -> {
                    err.println(PlanTable.progress(e));
                    err.flush();
                }).rankedBy(rankBy).pricedBy(priced).run(rate, space, poolIndex), (result, staged) -> write(result, source, spec0, rate, staged),
                (result, wallS) -> print(result, source, dir, style, wallS));
    }

    /** plan.csv, plan.json, plan.pdf and winner.yaml (when a deployment qualifies), committed together. */
    private void write(DeploymentSearch.Result result, ScenarioSource source, ScenarioSpec spec0, double rate,
            StagedRun staged) throws IOException {
        OutputDirectory dir = staged.target();
        String winnerText = null;
        String winnerFile = null;
        if (result.winner() != null) {
            var w = result.winner();
            winnerFile = WINNER;
            String rateText = Format.plain(rate) + " req/s";
            // relative paths in the file are made to hold from where it ends up, not from the staging directory
            winnerText = ScenarioFiles.render(source, result.winnerAssignments(), spec0.name() + "-plan",
                    "The cheapest deployment llmsim plan found for " + spec0.name() + " at " + rateText + ": "
                            + w.replicas() + " x " + w.candidate().label(),
                    List.of("Written by llmsim plan from " + source.fileName() + " at " + rateText + ".",
                            "SLOs: " + result.criterion().describe() + ".",
                            "Cheapest of " + result.options().size() + " shapes: " + w.replicas() + " x "
                                    + w.candidate().label() + ", " + Format.usd(w.usdPerHour()) + "/h.",
                            "Run it: llmsim run " + dir.resolve(winnerFile)
                                    + (options.profileDirs.isEmpty() ? "" : " --profiles ..."
                                            + " (the same profile directories)")),
                    dir.path());
            ScenarioFiles.write(staged.file(winnerFile), winnerText);
            launch = launchSpec(result, source);
            ScenarioFiles.write(staged.file(PlanJson.LAUNCH_FILE), LaunchScript.render(launch, List.of(
                    "Generated by llmsim plan from " + source.fileName() + " (scenario " + spec0.name() + ") at "
                            + rateText + ".",
                    "Winner: " + w.replicas() + " x " + w.candidate().label() + ", " + Format.usd(w.usdPerHour())
                            + "/h; simulated as " + winnerFile + " beside this file.",
                    "Engine " + launch.engine().yamlName() + ", every value as simulated (the engine's defaults "
                            + "where the scenario leaves a knob out).")));
        }
        PlanCsv.write(result, staged.file("plan.csv"));
        PlanJson.write(result, source, winnerFile, staged.file("plan.json"));
        if (!run.noPdf) {
            PlanReport.write(result, source, winnerText, staged.file("plan.pdf"));
        }
    }

    private void print(DeploymentSearch.Result result, ScenarioSource source, OutputDirectory dir, Style style,
            double wallS) {
        String winnerFile = result.winner() != null ? WINNER : null;
        var w = spec.commandLine().getOut();
        if (run.json()) {
            w.print(PlanJson.render(result, source, winnerFile));
        } else {
            w.print(PlanTable.render(result, source, style, wallS));
            w.println();
            w.println(style.dim("wrote " + dir.path().resolve("plan.csv") + ", plan.json"
                    + (run.noPdf ? "" : ", plan.pdf") + (winnerFile == null ? "" : ", " + winnerFile + ", "
                    + PlanJson.LAUNCH_FILE)));
            if (launch != null) {
                w.println("launch: " + dir.path().resolve(PlanJson.LAUNCH_FILE) + "   " + LaunchScript.commandLine(
                        launch));
            }
        }
        w.flush();
    }

    /** The winning deployment's launch, read from the winner loaded as a scenario (engine defaults resolved). */
    private static LaunchSpec launchSpec(DeploymentSearch.Result result, ScenarioSource source) {
        Scenario winner = source.load(result.winnerAssignments());
        PoolPlan pool = winner.pools().stream().filter(p -> p.index() == result.pool()).findFirst().orElseThrow();
        return LaunchSpec.of(pool);
    }

    /** The planned pool: by name, or by index, or the first GPU pool. */
    private int poolIndex(ScenarioSpec spec) {
        List<PoolSpec> pools = spec.cluster() == null || spec.cluster().pools() == null ? List.of()
                : spec.cluster().pools();
        if (pools.isEmpty()) {
            throw new InputException(spec.name(), "cluster.pools: the scenario has no pool to plan");
        }
        if (pool == null) {
            for (int i = 0; i < pools.size(); i++) {
                if (pools.get(i).provider() == null) {
                    return i; // the first GPU pool
                }
            }
            throw new InputException(spec.name(), "cluster.pools: every pool is an API provider; plan sizes GPU pools");
        }
        for (int i = 0; i < pools.size(); i++) {
            if (pool.equals(pools.get(i).name()) || pool.equals(Integer.toString(i))) {
                if (pools.get(i).provider() != null) {
                    throw new InputException("--pool " + pool, "cluster.pools[" + i + "] is an API provider pool; "
                            + "plan sizes GPU pools");
                }
                return i;
            }
        }
        throw new InputException("--pool " + pool, "no such pool; the scenario's pools are "
                + String.join(", ", pools.stream().map(p -> p.name() == null ? "(unnamed)" : p.name()).toList())
                + " (or give an index from 0)");
    }

    /** --ep: on/off (or true/false) values, each once; null when not given. */
    private List<Boolean> expertParallelFlags() {
        if (expertParallel == null) {
            return null;
        }
        List<Boolean> values = new java.util.ArrayList<>();
        for (String v : expertParallel) {
            String t = v.trim().toLowerCase(java.util.Locale.ROOT);
            Boolean b = switch (t) {
                case "on", "true" -> true;
                case "off", "false" -> false;
                default -> throw new InputException("--ep " + v, "must be on or off (or on,off to try both)");
            };
            if (values.contains(b)) {
                throw new InputException("--ep " + String.join(",", expertParallel), "repeats " + t);
            }
            values.add(b);
        }
        return values;
    }

    /** Pipeline stages or data-parallel ranks: each from 1 to the most a plan tries, none repeated. */
    private static void sizes(String option, List<Integer> values) {
        if (values == null) {
            return;
        }
        for (int v : values) {
            if (v < 1 || v > PlanSpec.MAX_PARALLEL) {
                throw new InputException(option + " " + v, "must be between 1 and " + PlanSpec.MAX_PARALLEL);
            }
        }
        if (values.stream().distinct().count() != values.size()) {
            throw new InputException(option, "a value is repeated");
        }
    }

    /** The options' candidate values are in range. */
    private void validateFlags() {
        if (tensorParallel != null) {
            for (int tp : tensorParallel) {
                if (tp < 1 || tp > ScenarioLoader.MAX_TENSOR_PARALLEL) {
                    throw new InputException("--tp " + tp, "must be between 1 and "
                            + ScenarioLoader.MAX_TENSOR_PARALLEL);
                }
            }
        }
        if (maxBatchSize != null && maxBatchSize.stream().anyMatch(b -> b < 1)) {
            throw new InputException("--max-batch-size", "every value must be >= 1");
        }
        sizes("--pp", pipelineParallel);
        sizes("--dp", dataParallel);
        if (maxReplicas != null && maxReplicas < 1) {
            throw new InputException("--max-replicas " + maxReplicas, "must be >= 1");
        }
    }
}
