package org.llmsim.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.llmsim.jobs.EnginePointRunner;
import org.llmsim.jobs.JobEngine;
import org.llmsim.jobs.JobEngines;
import org.llmsim.jobs.ScenarioRef;
import org.llmsim.metrics.ReplicationSummary;
import org.llmsim.metrics.RequestSink;
import org.llmsim.metrics.RunResult;
import org.llmsim.report.Comparison;
import org.llmsim.report.ComparisonCsv;
import org.llmsim.report.ComparisonJson;
import org.llmsim.report.ComparisonReport;
import org.llmsim.report.ComparisonTable;
import org.llmsim.report.OutputDirectory;
import org.llmsim.report.PricingAlternatives;
import org.llmsim.report.ReplicationsCsv;
import org.llmsim.report.RequestsCsvWriter;
import org.llmsim.report.StagedRun;
import org.llmsim.report.Style;
import org.llmsim.report.SummaryJson;
import org.llmsim.report.TimeSeriesCsv;
import org.llmsim.scenario.InputException;
import org.llmsim.scenario.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code llmsim compare}: run scenarios under the same seeds and report them side by side. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Run two or more scenarios under the same seeds and compare them with the first: every "
                + "headline metric with its absolute and relative difference, overlaid distributions, and a verdict "
                + "per SLO (\"B meets the TTFT SLO at 31%% lower cost\").",
                "Writes comparison.pdf, comparison.json, comparison.csv and, per scenario, a directory "
                        + "<label>-<name>/ with summary.json, requests.csv and timeseries.csv. Default directory: "
                        + "out/compare-<A>-vs-<B>/. --set and --seed apply to every scenario; without --seed all "
                        + "run under the first scenario's seed."})
final class CompareCommand extends SimulatingCommand {
    @Parameters(arity = "2..*", paramLabel = "SCENARIO", description = "Scenario files; the first is the baseline.")
    List<Path> scenarioFiles;

    @Option(names = "--electricity-usd-per-kwh", paramLabel = "USD", description = "Price of a kWh for the owned "
            + "alternative of pools that are not owned (without it, their owned alternative is left out).")
    Double electricityUsdPerKwh;

    @Override
    public Integer call() throws IOException {
        Experiments.checkReplications(run.replications);
        if (electricityUsdPerKwh != null && !(electricityUsdPerKwh >= 0 && electricityUsdPerKwh < 10)) {
            throw new InputException("--electricity-usd-per-kwh", "must be a price in [0, 10) USD per kWh, got "
                    + electricityUsdPerKwh);
        }
        if (run.vllm()) {
            throw new InputException("llmsim compare", "--format vllm applies to llmsim run only; use table or json");
        }
        JobEngines.check(engine.engine, engine.master);
        List<Scenario> scenarios = new ArrayList<>();
        for (Path file : scenarioFiles) {
            scenarios.add(options.load(file));
        }
        long seed = scenarios.get(0).seed(); // --seed, when given, is already applied to every scenario
        scenarios.replaceAll(s -> s.seed() == seed ? s : s.withSeed(seed));

        List<String> names = scenarios.stream().map(Scenario::name).toList();
        var err = spec.commandLine().getErr();
        OutputDirectory dir = output.claim("compare-" + String.join("-vs-", names), err);
        List<String> runDirNames = new ArrayList<>();
        for (int i = 0; i < scenarios.size(); i++) {
            String name = Outputs.subdirectory(Comparison.label(i) + "-" + names.get(i), err);
            dir.checkSubdirectory(name);
            runDirNames.add(name);
        }
        return Outputs.staged(dir, err, staged -> compareAndWrite(scenarios, runDirNames, staged));
    }

    private int compareAndWrite(List<Scenario> scenarios, List<String> runDirNames, StagedRun staged)
            throws IOException {
        OutputDirectory dir = staged.target();
        List<Path> runDirs = new ArrayList<>();
        for (String name : runDirNames) {
            runDirs.add(staged.directory(name));
        }
        Style style = run.style();
        long startNs = System.nanoTime();
        List<List<RunResult>> results;
        List<RequestsCsvWriter> csvs = new ArrayList<>();
        if (!engine.local()) {
            // one job per run on the cluster; the requests stay on the executors (no requests.csv, and an earlier
            // run's goes when this one is committed)
            List<ScenarioRef> refs = new ArrayList<>();
            for (int i = 0; i < scenarios.size(); i++) {
                refs.add(ScenarioRef.of(scenarios.get(i), scenarioFiles.get(i).toAbsolutePath().getParent(),
                        options.catalog()));
            }
            try (JobEngine jobs = engine.open()) {
                results = ProgressLine.around(RunOptions.progress(style), spec.commandLine().getErr(), jobs,
                        "comparing " + scenarios.size() + " scenarios", () -> EnginePointRunner.run(jobs, refs,
                                run.replications));
            }
        } else {
            try {
                for (int i = 0; i < scenarios.size(); i++) {
                    csvs.add(new RequestsCsvWriter(runDirs.get(i).resolve("requests.csv"), scenarios.get(i)));
                }
                String label = "comparing " + scenarios.size() + " scenarios"
                        + (run.replications > 1 ? " x" + run.replications : "");
                results = Experiments.run(scenarios, run.replications,
                        (s, replication) -> replication == 0 ? csvs.get(s) : RequestSink.NONE,
                        RunOptions.progress(style), spec.commandLine().getErr(), label);
            } finally {
                for (RequestsCsvWriter csv : csvs) {
                    csv.close();
                }
            }
        }
        double wallS = (System.nanoTime() - startNs) / 1e9;

        List<Comparison.Entry> entries = new ArrayList<>();
        for (int i = 0; i < scenarios.size(); i++) {
            ReplicationSummary reps = ReplicationSummary.of(results.get(i));
            entries.add(new Comparison.Entry(Comparison.label(i), scenarios.get(i), reps));
            Path runDir = runDirs.get(i);
            SummaryJson.write(reps, runDir.resolve("summary.json"));
            TimeSeriesCsv.write(reps.first().timeSeries(), runDir.resolve("timeseries.csv"));
            if (reps.size() > 1) {
                ReplicationsCsv.write(reps, runDir.resolve("replications.csv"));
            }
        }
        List<PricingAlternatives> pricing = new ArrayList<>();
        var offers = options.catalog().allOffers();
        for (Comparison.Entry e : entries) {
            pricing.add(PricingAlternatives.of(e.scenario(), e.reps().first(), offers,
                    electricityUsdPerKwh == null ? Double.NaN : electricityUsdPerKwh));
        }
        Comparison comparison = new Comparison(entries, pricing);
        ComparisonJson.write(comparison, staged.file("comparison.json"));
        ComparisonCsv.write(comparison, staged.file("comparison.csv"));
        if (!run.noPdf) {
            ComparisonReport.write(comparison, staged.file("comparison.pdf"));
        }
        staged.commit();

        var outWriter = spec.commandLine().getOut();
        if (run.json()) {
            outWriter.print(ComparisonJson.render(comparison));
        } else {
            outWriter.print(ComparisonTable.render(comparison, style, wallS));
            outWriter.println();
            outWriter.println(style.dim("wrote " + dir.path().resolve(run.noPdf ? "comparison.json"
                    : "comparison.pdf") + (run.noPdf ? "" : ", comparison.json")
                    + ", comparison.csv and a directory per scenario"));
        }
        outWriter.flush();
        return Main.EXIT_OK;
    }
}
