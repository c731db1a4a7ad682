package org.llmsim.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jfree.chart.JFreeChart;
import org.llmsim.metrics.HeadlineMetric;
import org.llmsim.planning.DeploymentSearch;
import org.llmsim.planning.ScenarioSource;
import org.llmsim.scenario.SloSpec;

/**
 * {@code plan.pdf}: the cheapest deployment in three numbers, the ranked table of every shape, the cost/latency
 * Pareto frontier (fleet dollars per hour against p99 TTFT and p99 TPOT of every simulated deployment that meets the
 * SLOs, one colour per GPU, the frontier as a line, the cheapest ringed), what was skipped without simulating and
 * why, and the winner's scenario file as an appendix.
 */
public final class PlanReport {
    private PlanReport() {
    }

    /** @param winnerText the winner's scenario file, or null */
    public static void write(DeploymentSearch.Result r, ScenarioSource source, String winnerText, Path file)
            throws IOException {
        String name = source.spec().name();
        String footer = "llmsim plan · " + name + " at " + Format.plain(r.targetRps()) + " req/s · " + r.runs()
                + " simulations";
        try (PdfDocumentBuilder pdf = new PdfDocumentBuilder("llmsim plan: " + name, footer)) {
            pdf.overline("llmsim plan");
            pdf.title(name + " at " + Format.plain(r.targetRps()) + " req/s");
            String description = source.spec().description();
            if (description != null && !description.isBlank()) {
                pdf.lead(description.strip());
            }
            pdf.subtle("Scenario file " + source.fileName() + (source.overrides().isEmpty() ? ""
                    : " with --set " + String.join(" ", source.overrides())) + ". Traffic scaled to "
                    + Format.plain(r.targetRps()) + " req/s through " + r.scaling().description() + ". "
                    + r.options().size() + " shapes; " + PlanView.skipped(r) + "; " + r.runs() + " simulations."
                    + (r.autoscaled() ? " The pool autoscales: a deployment's replicas are its max_replicas, its "
                            + "$/hour the mean cost of the replicas it provisioned over the run." : ""));
            pdf.space(10);
            DeploymentSearch.Option w = r.winner();
            if (w != null) {
                var e = w.chosen();
                pdf.bigNumbers(List.of(
                        new PdfDocumentBuilder.BigNumber(w.replicas() + " x " + w.candidate().gpu(), "cheapest "
                                + "deployment", w.candidate().weightDtype().yamlName() + ", tensor parallel "
                                + w.candidate().tensorParallel()
                                + (w.candidate().pipelineParallel() == null ? "" : ", pipeline "
                                        + w.candidate().pipelineParallel())
                                + (w.candidate().dataParallel() == null ? "" : ", data parallel "
                                        + w.candidate().dataParallel())
                                + (Boolean.TRUE.equals(w.candidate().expertParallel()) ? ", expert parallel" : "")
                                + ", batch " + w.candidate().maxBatchSize(),
                                "meets the SLOs", Charts.GOOD),
                        new PdfDocumentBuilder.BigNumber(Format.usd(e.usdPerHour()) + "/h", "fleet cost",
                                Format.usd(e.usdPerHour() * 730) + " per month", MetricFormat.valueWithUnit(
                                        PlanView.PER_1M_OUTPUT, e.reps().mean(PlanView.PER_1M_OUTPUT))
                                        + " per 1M output tokens", null),
                        new PdfDocumentBuilder.BigNumber(Format.ms(e.reps().mean(PlanView.TTFT_P99)) + " ms",
                                "p99 time to first token", "p99 TPOT " + Format.ms(e.reps().mean(PlanView.TPOT_P99))
                                        + " ms", null, null)));
            } else {
                pdf.coloredLine("No deployment in the space meets the SLOs at this rate.", Charts.BAD, true);
            }
            pdf.paragraph("The SLOs hold when: " + r.criterion().describe() + ".");
            pdf.heading("Every shape, ranked");
            List<String[]> rows = PlanView.rows(r);
            float[] widths = pdf.widthsByContent(rows);
            pdf.table(rows, widths, (row, col) -> col == widths.length - 1 ? r.options().get(row - 1).outcome()
                    == DeploymentSearch.Outcome.MEETS ? Charts.GOOD : null : null);
            pdf.subtle("Replicas: the fewest that meet the SLOs (a search on the count, which only ever helps); for "
                    + "shapes that miss, the most tried (max_replicas). Latencies in milliseconds. Cost: the whole "
                    + "fleet's dollars per hour. Skipped shapes were not simulated: they do not fit, or the roofline "
                    + "says more than max_replicas would be needed to carry the rate (see below).");

            pdf.newPage();
            pdf.heading("Cost against latency");
            pdf.subtle("Every simulated deployment that meets the SLOs, one colour per GPU; the line is the Pareto "
                    + "frontier (no other deployment is both cheaper and faster); the ring is the cheapest.");
            SloSpec slo = source.spec().workload().slo();
            pdf.chartGrid(List.of(pareto(r, PlanView.TTFT_P99, slo.ttftS()), pareto(r, PlanView.TPOT_P99,
                    slo.tpotS())), 1, 250);

            List<DeploymentSearch.Option> skipped = r.options().stream().filter(o -> o.evaluations().isEmpty())
                    .toList();
            if (!skipped.isEmpty()) {
                pdf.heading("Skipped without simulating");
                List<String[]> why = new ArrayList<>();
                why.add(new String[] {"shape", "why"});
                for (DeploymentSearch.Option o : skipped) {
                    why.add(new String[] {o.candidate().label(), o.reason()});
                }
                pdf.leftTable(why, new float[] {0.3f, 0.7f}, (row, col) -> null);
            }
            if (winnerText != null) {
                pdf.newPage();
                pdf.heading("Appendix: the winner's scenario (winner.yaml)");
                pdf.code(winnerText, 110);
            }
            pdf.save(file);
        }
    }

    private static JFreeChart pareto(DeploymentSearch.Result r, HeadlineMetric latency, Double targetS) {
        Map<String, List<DeploymentSearch.Evaluation>> byGpu = new LinkedHashMap<>();
        for (String gpu : r.space().gpus()) {
            byGpu.put(gpu, new ArrayList<>());
        }
        for (DeploymentSearch.Evaluation e : PlanView.meeting(r)) {
            byGpu.get(e.candidate().gpu()).add(e);
        }
        List<LoadCharts.Series> groups = new ArrayList<>();
        byGpu.forEach((gpu, list) -> groups.add(series(gpu, list, latency)));
        List<DeploymentSearch.Evaluation> front = PlanView.frontier(r, latency);
        DeploymentSearch.Option w = r.winner();
        double[] chosen = w == null ? null : new double[] {w.usdPerHour(),
                SweepView.display(latency, w.chosen().reps().mean(latency))};
        LoadCharts.Target target = targetS == null ? null
                : new LoadCharts.Target(targetS * 1000, "SLO " + Format.latency(targetS));
        return LoadCharts.scatter("Fleet cost against " + latency.label(), "fleet $ per hour",
                SweepView.yLabel(latency), groups, front.isEmpty() ? null : series("frontier", front, latency),
                chosen, target);
    }

    private static LoadCharts.Series series(String name, List<DeploymentSearch.Evaluation> list,
            HeadlineMetric latency) {
        return new LoadCharts.Series(name, list.stream().mapToDouble(DeploymentSearch.Evaluation::usdPerHour)
                .toArray(), list.stream().mapToDouble(e -> SweepView.display(latency, e.reps().mean(latency)))
                .toArray());
    }
}
