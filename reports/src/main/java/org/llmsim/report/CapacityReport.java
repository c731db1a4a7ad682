package org.llmsim.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jfree.chart.JFreeChart;
import org.llmsim.metrics.HeadlineMetric;
import org.llmsim.planning.CapacitySearch;
import org.llmsim.scenario.LoadScaling;
import org.llmsim.planning.ScenarioSource;
import org.llmsim.scenario.SloSpec;

/**
 * {@code capacity.pdf}: the capacity with its interval and the knee, p99 TTFT and TPOT against the load with the SLO
 * targets, the capacity and the knee marked, throughput and goodput against the load, every simulated load in a
 * table, and the scenario as an appendix.
 */
public final class CapacityReport {
    private CapacityReport() {
    }

    public static void write(CapacitySearch.Result r, ScenarioSource source, Path file) throws IOException {
        String name = source.base().name();
        String footer = "llmsim capacity · " + name + " · " + r.runs() + " runs, " + r.options().replications()
                + " per load";
        LoadScaling.Unit unit = r.scaling().unit();
        try (PdfDocumentBuilder pdf = new PdfDocumentBuilder("llmsim capacity: " + name, footer)) {
            pdf.overline("llmsim capacity");
            pdf.title(name);
            String description = source.base().spec().description();
            if (description != null && !description.isBlank()) {
                pdf.lead(description.strip());
            }
            pdf.subtle("Scenario file " + source.fileName() + (source.overrides().isEmpty() ? ""
                    : " with --set " + String.join(" ", source.overrides())) + ". Scaled: " + r.scaling()
                    .description() + " (" + CapacityView.load(unit, r.scaling().baseLoad()) + " as written).");
            pdf.space(10);
            List<PdfDocumentBuilder.BigNumber> numbers = new ArrayList<>();
            numbers.add(new PdfDocumentBuilder.BigNumber(CapacityView.capacity(r), "capacity",
                    r.status() == CapacitySearch.Status.FOUND ? "interval " + CapacityView.interval(r) : null,
                    switch (r.status()) {
                        case FOUND -> "the SLOs hold below it, not above";
                        case ABOVE_RANGE -> "the SLOs held at every load tried";
                        case BELOW_RANGE -> "the SLOs failed at every load tried";
                    }, r.status() == CapacitySearch.Status.FOUND ? null : Charts.BAD));
            numbers.add(new PdfDocumentBuilder.BigNumber(CapacityView.load(unit, r.knee()), "knee of p99 TTFT",
                    "elasticity " + Format.plain(r.options().kneeElasticity()), null, null));
            pdf.bigNumbers(numbers);
            pdf.paragraph("The SLOs hold when: " + r.criterion().describe() + ".");
            pdf.subtle("Capacity: where the margin of the binding check crosses zero (Brent's method on the mean over "
                    + "replications, to " + Format.percent(r.options().relativeTolerance()) + " of the load). "
                    + "Interval: " + r.intervalBasis() + ". Knee: " + CapacityView.kneeDefinition(r) + ".");
            if (r.status() == CapacitySearch.Status.FOUND) {
                pdf.heading("Latency against load");
                pdf.chartGrid(charts(r, source.base().spec().workload().slo()), 2, 200);
            }
            pdf.heading("Every simulated load");
            List<String[]> rows = CapacityText.curveRows(r, true);
            float[] widths = new float[rows.get(0).length];
            java.util.Arrays.fill(widths, 0.8f / (widths.length - 2));
            widths[0] = 0.12f;
            widths[widths.length - 1] = 0.08f;
            pdf.table(rows, widths, (row, col) -> col == widths.length - 1
                    ? r.points().get(row - 1).judgement().meets() ? Charts.GOOD : Charts.BAD : null);
            pdf.newPage();
            pdf.heading("Appendix: the scenario");
            pdf.subtle(source.fileName() + "; each load scales " + r.scaling().description() + ".");
            pdf.code(source.text(), 110);
            pdf.save(file);
        }
    }

    static List<JFreeChart> charts(CapacitySearch.Result r, SloSpec slo) {
        LoadScaling.Unit unit = r.scaling().unit();
        String x = r.scaling().unit().noun() + " (" + unit.symbol() + ")";
        List<LoadCharts.Mark> marks = List.of(
                new LoadCharts.Mark(r.capacity(), "capacity " + CapacityView.load(unit, r.capacity()), Charts.BAD,
                        true),
                new LoadCharts.Mark(r.knee(), "knee " + CapacityView.load(unit, r.knee()), Charts.color(1), false));
        List<JFreeChart> charts = new ArrayList<>();
        charts.add(curve(r, "ttft_s.p99", x, slo.ttftS(), marks));
        charts.add(curve(r, "tpot_s.p99", x, slo.tpotS(), marks));
        charts.add(curve(r, "throughput.requests_per_s", x, null, List.of(marks.get(0))));
        charts.add(curve(r, "slo.goodput_rps", x, null, List.of(marks.get(0))));
        return charts;
    }

    private static JFreeChart curve(CapacitySearch.Result r, String key, String xLabel, Double targetS,
            List<LoadCharts.Mark> marks) {
        HeadlineMetric m = HeadlineMetric.byKey(key);
        List<CapacitySearch.Point> curve = r.curve();
        double[] xs = curve.stream().mapToDouble(CapacitySearch.Point::load).toArray();
        double[] ys = curve.stream().mapToDouble(p -> SweepView.display(m, p.reps().mean(m))).toArray();
        LoadCharts.Target target = targetS == null ? null
                : new LoadCharts.Target(targetS * 1000, "SLO " + Format.latency(targetS));
        return LoadCharts.curves(m.label() + " against load", xLabel, SweepView.yLabel(m),
                List.of(new LoadCharts.Series(m.label(), xs, ys)), null, target, marks,
                m.kind() == HeadlineMetric.Kind.SECONDS);
    }
}
