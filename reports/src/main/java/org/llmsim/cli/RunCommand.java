package org.llmsim.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.llmsim.kernel.Simulation;
import org.llmsim.metrics.RunResult;
import org.llmsim.report.OutputDirectory;
import org.llmsim.report.PdfReport;
import org.llmsim.report.RequestsCsvWriter;
import org.llmsim.report.Style;
import org.llmsim.report.SummaryJson;
import org.llmsim.report.TerminalSummary;
import org.llmsim.report.VllmBenchJson;
import org.llmsim.scenario.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code llmsim run}: simulate one scenario and write its outputs. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Simulate a scenario and write summary.json, requests.csv and report.pdf.",
                "Outputs go to out/<scenario name>/ unless --out is given; llmsim only writes into a directory that "
                        + "is new, empty, or one it wrote before."})
final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SCENARIO", description = "Scenario file (YAML or JSON).")
    Path scenarioFile;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Output directory (default: out/<name>/).")
    Path out;

    @Option(names = "--format", paramLabel = "FORMAT", description = "Terminal output: ${COMPLETION-CANDIDATES} "
            + "(default: table; json prints summary.json, vllm the result JSON of vllm bench serve).")
    TerminalFormat format = TerminalFormat.table;

    @Option(names = "--no-pdf", description = "Skip report.pdf (faster for scripted sweeps).")
    boolean noPdf;

    @Mixin
    ScenarioOptions options;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    enum TerminalFormat { table, json, vllm }

    @Override
    public Integer call() throws IOException {
        Scenario scenario = options.load(scenarioFile);
        OutputDirectory dir = OutputDirectory.claim(out != null ? out : Path.of("out", scenario.name()));
        Style style = format == TerminalFormat.table ? Style.detect() : Style.PLAIN;
        var err = spec.commandLine().getErr();
        RunResult result;
        try (RequestsCsvWriter csv = new RequestsCsvWriter(dir.resolve("requests.csv"), scenario)) {
            Simulation simulation = new Simulation(scenario, csv);
            try (AutoCloseable progress = ProgressLine.start(style.isColor() || System.console() != null, err,
                    simulation::progress, simulation::simulatedS, simulation::events, "simulating " + scenario.name())) {
                result = simulation.run();
            } catch (RuntimeException | IOException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        SummaryJson.write(result, dir.resolve("summary.json"));
        if (!noPdf) {
            PdfReport.write(result, scenario, dir.resolve("report.pdf"));
        }
        var outWriter = spec.commandLine().getOut();
        if (format == TerminalFormat.json) {
            outWriter.print(SummaryJson.render(result));
        } else if (format == TerminalFormat.vllm) {
            outWriter.print(VllmBenchJson.render(result, scenario));
        } else {
            outWriter.print(TerminalSummary.render(result, scenario.spec().description(), style));
            outWriter.println();
            outWriter.println(style.dim("wrote " + dir.path().resolve("summary.json") + ", requests.csv"
                    + (noPdf ? "" : ", report.pdf")));
        }
        outWriter.flush();
        return Main.EXIT_OK;
    }
}
