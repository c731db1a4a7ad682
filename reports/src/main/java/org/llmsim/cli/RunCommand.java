package org.llmsim.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.llmsim.jobs.EnginePointRunner;
import org.llmsim.jobs.JobEngine;
import org.llmsim.jobs.JobEngines;
import org.llmsim.jobs.ScenarioRef;
import org.llmsim.jobs.Shards;
import org.llmsim.metrics.ReplicationSummary;
import org.llmsim.metrics.RequestSink;
import org.llmsim.metrics.RunResult;
import org.llmsim.report.OutputDirectory;
import org.llmsim.report.PdfReport;
import org.llmsim.report.ReplicationsCsv;
import org.llmsim.report.RequestsCsvWriter;
import org.llmsim.report.StagedRun;
import org.llmsim.report.Style;
import org.llmsim.report.SummaryJson;
import org.llmsim.report.TerminalSummary;
import org.llmsim.report.TimeSeriesCsv;
import org.llmsim.report.VllmBenchJson;
import org.llmsim.scenario.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code llmsim run}: simulate one scenario (optionally as independent replications) and write its outputs. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Simulate a scenario and write summary.json, requests.csv, timeseries.csv and report.pdf.",
                "Outputs go to out/<scenario name>/ unless --out is given; llmsim only writes into a directory that "
                        + "is new, empty, or one it wrote before.",
                "A fleet scenario (a fleet: block) runs its router domains side by side (requests.csv then names each "
                        + "request's domain), or as --shards K jobs on --engine local or spark (no requests.csv).",
                "With --replications N the scenario runs N times under seeds seed, seed+1, ... in parallel; "
                        + "summary.json gains a 'replications' block with means and 95%% confidence intervals, "
                        + "replications.csv lists every run, and the other files describe the run with the "
                        + "scenario's own seed."})
final class RunCommand extends SimulatingCommand {
    @Parameters(index = "0", paramLabel = "SCENARIO", description = "Scenario file (YAML or JSON).")
    Path scenarioFile;

    @Option(names = "--shards", paramLabel = "K", description = "For a fleet scenario: run its router domains as K "
            + "shards, each an independent job on the engine, and merge their statistics (counts, tokens and dollars "
            + "exactly; percentiles through merged histograms). Without it the whole fleet runs on one event list.")
    Integer shards;

    @Override
    public Integer call() throws IOException {
        Experiments.checkReplications(run.replications);
        Scenario scenario = options.load(scenarioFile);
        if (shards != null) {
            Shards.check(scenario, shards);
        }
        JobEngines.check(engine.engine, engine.master);
        var err = spec.commandLine().getErr();
        OutputDirectory dir = output.claim(scenario.name(), err);
        return Outputs.staged(dir, err, staged -> simulateAndWrite(scenario, staged));
    }

    private int simulateAndWrite(Scenario scenario, StagedRun staged) throws IOException {
        OutputDirectory dir = staged.target();
        Style style = run.style();
        var err = spec.commandLine().getErr();
        long startNs = System.nanoTime();
        List<RunResult> runs;
        // requests.csv: one run's requests, in simulation order (a whole fleet's domains share one event list); shards
        // and a cluster's workers have no one order, so they write none
        boolean perRequest = shards == null && engine.local();
        String label = "simulating " + scenario.name() + (run.replications > 1 ? " x" + run.replications : "");
        if (!perRequest) {
            try (JobEngine jobs = engine.open()) {
                Path baseDir = scenarioFile.toAbsolutePath().getParent();
                ScenarioRef ref = ScenarioRef.of(scenario, baseDir, options.catalog());
                runs = ProgressLine.around(RunOptions.progress(style), err, jobs, label, () -> shards != null
                        ? Shards.run(jobs, scenario, ref, shards, run.replications)
                        : EnginePointRunner.run(jobs, List.of(ref), run.replications).get(0));
            }
        } else {
            try (RequestsCsvWriter csv = new RequestsCsvWriter(staged.file("requests.csv"), scenario)) {
                runs = Experiments.run(List.of(scenario), run.replications,
                        (s, replication) -> replication == 0 ? csv : RequestSink.NONE,
                        RunOptions.progress(style), err, label).get(0);
            }
        }
        double wallS = (System.nanoTime() - startNs) / 1e9;
        ReplicationSummary reps = ReplicationSummary.of(runs);
        RunResult first = reps.first();

        // a file this run does not write (requests.csv of a sharded run, replications.csv of a single one, the PDF
        // under --no-pdf) is removed from the directory when the run is committed: it would not match this run
        List<String> written = new ArrayList<>(List.of("summary.json"));
        if (perRequest) {
            written.add("requests.csv");
        }
        written.add("timeseries.csv");
        SummaryJson.write(reps, staged.file("summary.json"));
        TimeSeriesCsv.write(first.timeSeries(), staged.file("timeseries.csv"));
        if (reps.size() > 1) {
            ReplicationsCsv.write(reps, staged.file("replications.csv"));
            written.add("replications.csv");
        }
        if (!run.noPdf) {
            PdfReport.write(reps, scenario, staged.file("report.pdf"));
            written.add("report.pdf");
        }
        staged.commit();
        var outWriter = spec.commandLine().getOut();
        if (run.json()) {
            outWriter.print(SummaryJson.render(reps));
        } else if (run.vllm()) {
            outWriter.print(VllmBenchJson.render(first, scenario));
        } else {
            outWriter.print(TerminalSummary.render(reps, scenario.spec().description(), style, wallS));
            outWriter.println();
            outWriter.println(style.dim("wrote " + dir.path().resolve(written.get(0)) + ", "
                    + String.join(", ", written.subList(1, written.size()))));
        }
        outWriter.flush();
        return Main.EXIT_OK;
    }
}
