package org.llmsim.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jfree.chart.JFreeChart;
import org.llmsim.metrics.HeadlineMetric;
import org.llmsim.planning.Axis;
import org.llmsim.planning.Sweep;
import org.llmsim.scenario.Scenario;

/**
 * {@code sweep.pdf}: the grid and its points in a table, then p50/p99 TTFT and TPOT, throughput, goodput and cost
 * against the first varied field, one curve per value of the others (curve {@code i} in palette colour {@code i}),
 * with the SLO targets as dashed lines; invalid points and the scenario as an appendix.
 */
public final class SweepReport {
    /** The charted metrics, in order. */
    static final List<String> CHARTS = List.of("ttft_s.p50", "ttft_s.p99", "tpot_s.p50", "tpot_s.p99",
            "throughput.requests_per_s", "slo.goodput_rps", "cost.usd_per_hour", "cost.usd_per_1m_output_tokens");

    private SweepReport() {
    }

    public static void write(Sweep.Result r, Path file) throws IOException {
        Scenario base = r.source().base();
        String fields = String.join(" x ", r.grid().axes().stream().map(a -> SweepView.shortName(a.path())).toList());
        String footer = "llmsim sweep · " + base.name() + " · " + fields + " · " + r.points().size() + " points";
        try (PdfDocumentBuilder pdf = new PdfDocumentBuilder("llmsim sweep: " + base.name(), footer)) {
            pdf.overline("llmsim sweep");
            pdf.title(base.name() + ": " + fields);
            String description = base.spec().description();
            if (description != null && !description.isBlank()) {
                pdf.lead(description.strip());
            }
            pdf.subtle(provenance(r));
            pdf.heading("Points");
            List<String[]> rows = SweepTable.rows(r);
            float[] widths = pdf.widthsByContent(rows);
            pdf.table(rows, widths);
            pdf.subtle("Latencies in milliseconds." + (r.replications() > 1 ? " Means over " + r.replications()
                    + " replications; sweep.csv and sweep.json give every metric's 95% confidence interval." : ""));

            pdf.newPage();
            pdf.heading("Against " + r.grid().axes().get(0).path());
            pdf.subtle(chartNote(r));
            pdf.chartGrid(charts(r), 2, 150);

            List<Sweep.PointResult> invalid = r.points().stream().filter(p -> !p.valid()).toList();
            if (!invalid.isEmpty()) {
                pdf.heading("Invalid points");
                List<String[]> bad = new ArrayList<>();
                bad.add(new String[] {"point", "why it was not simulated"});
                for (Sweep.PointResult p : invalid) {
                    bad.add(new String[] {String.join(", ", p.point().values()), p.error()});
                }
                pdf.leftTable(bad, new float[] {0.25f, 0.75f}, (row, col) -> null);
            }
            pdf.newPage();
            pdf.heading("Appendix: the scenario");
            pdf.subtle(r.source().fileName() + (r.source().overrides().isEmpty() ? ""
                    : ", then --set " + String.join(" ", r.source().overrides())) + "; each point adds its own --set "
                    + "of the varied fields.");
            pdf.code(r.source().text(), 110);
            pdf.save(file);
        }
    }

    private static String provenance(Sweep.Result r) {
        List<String> parts = new ArrayList<>();
        for (Axis a : r.grid().axes()) {
            parts.add(a.path() + " = " + String.join(", ", a.values()));
        }
        long invalid = r.points().size() - r.validPoints();
        return "Scenario file " + r.source().fileName() + (r.source().overrides().isEmpty() ? ""
                : " with --set " + String.join(" ", r.source().overrides())) + ". Varied: " + String.join("; ", parts)
                + ". " + r.points().size() + " points" + (invalid > 0 ? " (" + invalid + " invalid)" : "") + ", "
                + SweepTable.seedNote(r) + (r.replications() > 1 ? ", " + r.replications() + " replications each"
                : "") + ".";
    }

    private static String chartNote(Sweep.Result r) {
        String curves = r.grid().axes().size() > 1 ? "One curve per value of "
                + String.join(" and ", r.grid().axes().subList(1, r.grid().axes().size()).stream()
                        .map(Axis::path).toList()) + ". " : "";
        return curves + "Dashed red lines: the workload's SLO targets." + (r.replications() > 1
                ? " Points are means over " + r.replications() + " replications." : "");
    }

    static List<JFreeChart> charts(Sweep.Result r) {
        SweepView view = new SweepView(r);
        var slo = r.source().base().spec().workload().slo();
        List<JFreeChart> charts = new ArrayList<>();
        for (String key : CHARTS) {
            HeadlineMetric m = HeadlineMetric.byKey(key);
            Double target = key.startsWith("ttft_s.p99") ? slo.ttftS() : key.startsWith("tpot_s.p99") ? slo.tpotS()
                    : null;
            LoadCharts.Target line = target == null ? null
                    : new LoadCharts.Target(target * 1000, "SLO " + Format.latency(target));
            charts.add(LoadCharts.curves(m.label(), view.xLabel(), SweepView.yLabel(m), view.series(m),
                    view.categories(), line, List.of(), m.kind() == HeadlineMetric.Kind.SECONDS));
        }
        return charts;
    }
}
