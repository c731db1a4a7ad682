package org.llmsim.cli;

import java.io.IOException;
import java.nio.file.Path;

import org.llmsim.jobs.JobEngines;
import org.llmsim.planning.CapacitySearch;
import org.llmsim.planning.Knee;
import org.llmsim.scenario.LoadScaling;
import org.llmsim.planning.ScenarioSource;
import org.llmsim.planning.SloCriterion;
import org.llmsim.report.CapacityCsv;
import org.llmsim.report.CapacityJson;
import org.llmsim.report.CapacityReport;
import org.llmsim.report.CapacityText;
import org.llmsim.report.OutputDirectory;
import org.llmsim.report.Style;
import org.llmsim.scenario.InputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code llmsim capacity}: the highest load the deployment sustains within its SLOs, and the knee. */
@Command(name = "capacity", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Find the highest arrival rate the scenario's deployment sustains while meeting its SLOs: the "
                + "traffic is scaled (every arrival source's rates; closed-loop users), bracketed by doubling, and the "
                + "crossing found by Brent's method, with replications for an interval; then the latency curve and "
                + "its knee.",
                "Writes capacity.json, capacity.csv (every simulated load) and capacity.pdf (p99 TTFT and TPOT "
                        + "against the rate with the SLO lines, the capacity and the knee). Default directory: "
                        + "out/capacity-<name>/. Default: 3 replications per load."})
final class CapacityCommand extends SearchingCommand {
    static final int DEFAULT_REPLICATIONS = 3;

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "Scenario file (YAML or JSON).")
    Path scenarioFile;

    @Mixin
    SearchOptions.Slo slo;

    @Option(names = "--tolerance", paramLabel = "F", description = "Relative resolution of the search on the load "
            + "(default 0.01).")
    double tolerance = 0.01;

    @Option(names = "--curve-points", paramLabel = "N", description = "Loads on the latency curve, evenly spaced up "
            + "to 1.2x the capacity (default 12).")
    int curvePoints = 12;

    @Option(names = "--knee-elasticity", paramLabel = "E", description = "The knee is where d ln(p99 TTFT) / "
            + "d ln(load) reaches E (default 1: latency grows as fast as the load).")
    double kneeElasticity = Knee.DEFAULT_ELASTICITY;

    @Override
    public Integer call() throws IOException {
        int replications = spec.commandLine().getParseResult().hasMatchedOption("--replications")
                ? run.replications : DEFAULT_REPLICATIONS;
        checkOptions("capacity", replications);
        if (!(tolerance > 0 && tolerance < 0.5)) {
            throw new InputException("--tolerance " + tolerance, "must be in (0, 0.5), e.g. 0.01");
        }
        if (curvePoints < 2 || curvePoints > 100) {
            throw new InputException("--curve-points " + curvePoints, "must be between 2 and 100");
        }
        if (!(kneeElasticity > 0)) {
            throw new InputException("--knee-elasticity " + kneeElasticity, "must be > 0");
        }
        JobEngines.check(engine.engine, engine.master);
        SloCriterion criterion = slo.criterion(); // checked before the output directory is claimed
        ScenarioSource source = options.source(scenarioFile, search.assignments());
        var err = spec.commandLine().getErr();
        OutputDirectory dir = output.claim("capacity-" + source.base().name(), err);
        Style style = run.style();
        CapacitySearch.Options settings = new CapacitySearch.Options(replications, tolerance, 12, curvePoints, 1.2,
                kneeElasticity);
        LoadScaling.Unit unit = LoadScaling.of(source.base()).unit();
        return StagedSearch.run(dir, err, engine, jobs -> new CapacitySearch(source, criterion, settings,
                engine.runner(jobs, scenarioFile, options.catalog(), RunOptions.progress(style), err, "capacity"),
                p -> {
                    err.println(CapacityText.progress(p, unit));
                    err.flush();
                }).run(), (result, staged) -> {
                    CapacityJson.write(result, source, staged.file("capacity.json"));
                    CapacityCsv.write(result, staged.file("capacity.csv"));
                    if (!run.noPdf) {
                        CapacityReport.write(result, source, staged.file("capacity.pdf"));
                    }
                }, (result, wallS) -> print(result, source, dir, style, wallS));
    }

    private void print(CapacitySearch.Result result, ScenarioSource source, OutputDirectory dir, Style style,
            double wallS) {
        var w = spec.commandLine().getOut();
        if (run.json()) {
            w.print(CapacityJson.render(result, source));
        } else {
            w.print(CapacityText.render(result, source, style, wallS));
            w.println();
            w.println(style.dim("wrote " + dir.path().resolve("capacity.json") + ", capacity.csv"
                    + (run.noPdf ? "" : ", capacity.pdf")));
        }
        w.flush();
    }
}
