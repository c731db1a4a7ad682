package org.llmsim.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.llmsim.jobs.JobEngines;
import org.llmsim.planning.Axis;
import org.llmsim.planning.Grid;
import org.llmsim.planning.ScenarioSource;
import org.llmsim.planning.Sweep;
import org.llmsim.report.OutputDirectory;
import org.llmsim.report.Style;
import org.llmsim.report.SweepCsv;
import org.llmsim.report.SweepJson;
import org.llmsim.report.SweepReport;
import org.llmsim.report.SweepTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code llmsim sweep}: the scenario over a grid of field values. */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Simulate the scenario at every combination of the values of the varied fields, in parallel, "
                + "and write sweep.csv (one row per point), sweep.json and sweep.pdf (p50/p99 TTFT and TPOT, "
                + "throughput, goodput and cost against the first field, one curve per value of the others).",
                "Paths are those of --set, list indices included; values are read as YAML. Points where the scenario "
                        + "is invalid (a model that does not fit, say) are reported, not simulated. Every point runs "
                        + "under the scenario's seed. Default directory: out/sweep-<name>/."})
final class SweepCommand extends SearchingCommand {
    @Parameters(index = "0", paramLabel = "SCENARIO", description = "Scenario file (YAML or JSON).")
    Path scenarioFile;

    @Option(names = "--vary", required = true, paramLabel = "PATH=V1,V2,...", description = "A field and its "
            + "values, e.g. --vary workload.arrival.rate_rps=5,10,20 --vary cluster.pools[0].replicas=1,2 "
            + "(repeatable; the first is the charts' x axis).")
    List<String> vary;

    @Override
    public Integer call() throws IOException {
        checkOptions("sweep", run.replications);
        Grid grid = new Grid(vary.stream().map(Axis::parse).toList());
        JobEngines.check(engine.engine, engine.master);
        ScenarioSource source = options.source(scenarioFile, search.assignments());
        Sweep.Loaded points = Sweep.load(source, grid); // every point checked before the output directory is claimed
        var err = spec.commandLine().getErr();
        OutputDirectory dir = output.claim("sweep-" + source.base().name(), err);
        Style style = run.style();
        String label = "sweep " + grid.size() + " points" + (run.replications > 1 ? " x" + run.replications : "");
        return StagedSearch.run(dir, err, engine, jobs -> Sweep.run(points, run.replications, engine.runner(jobs,
                scenarioFile, options.catalog(), RunOptions.progress(style), err, label)), (result, staged) -> {
                    SweepCsv.write(result, staged.file("sweep.csv"));
                    SweepJson.write(result, staged.file("sweep.json"));
                    if (!run.noPdf) {
                        SweepReport.write(result, staged.file("sweep.pdf"));
                    }
                }, (result, wallS) -> print(result, dir, style, wallS));
    }

    private void print(Sweep.Result result, OutputDirectory dir, Style style, double wallS) {
        var w = spec.commandLine().getOut();
        if (run.json()) {
            w.print(SweepJson.render(result));
        } else {
            w.print(SweepTable.render(result, style, wallS));
            w.println();
            w.println(style.dim("wrote " + dir.path().resolve("sweep.csv") + ", sweep.json"
                    + (run.noPdf ? "" : ", sweep.pdf")));
        }
        w.flush();
    }
}
