package org.llmsim.report;

import java.util.ArrayList;
import java.util.List;

import org.llmsim.metrics.HeadlineMetric;
import org.llmsim.planning.Axis;
import org.llmsim.planning.Sweep;

/** The terminal view of a sweep: one row per point, the varied values then the key figures. */
public final class SweepTable {
    /** The figures shown per point, by summary.json key. */
    static final List<String> COLUMNS = List.of("ttft_s.p50", "ttft_s.p99", "tpot_s.p50", "tpot_s.p99",
            "throughput.requests_per_s", "slo.goodput_rps", "slo.attainment", "cost.usd_per_hour",
            "cost.usd_per_1m_output_tokens");

    /** Short column names (latencies in ms), so a table fits a page. */
    static final List<String> SHORT = List.of("TTFT p50", "TTFT p99", "TPOT p50", "TPOT p99", "req/s", "goodput/s",
            "SLO met", "$/hour", "$/1M out");

    private SweepTable() {
    }

    /** The table rows, header first (shared with the PDF). */
    static List<String[]> rows(Sweep.Result r) {
        List<Axis> axes = r.grid().axes();
        List<HeadlineMetric> metrics = COLUMNS.stream().map(HeadlineMetric::byKey).toList();
        List<String[]> rows = new ArrayList<>();
        String[] header = new String[axes.size() + metrics.size()];
        for (int i = 0; i < axes.size(); i++) {
            header[i] = SweepView.shortName(axes.get(i).path());
        }
        for (int i = 0; i < metrics.size(); i++) {
            header[axes.size() + i] = SHORT.get(i);
        }
        rows.add(header);
        for (Sweep.PointResult p : r.points()) {
            String[] row = new String[header.length];
            for (int i = 0; i < axes.size(); i++) {
                row[i] = p.point().values().get(i);
            }
            for (int i = 0; i < metrics.size(); i++) {
                row[axes.size() + i] = !p.valid() ? (i == 0 ? "invalid" : "")
                        : MetricFormat.value(metrics.get(i), p.reps().mean(metrics.get(i)));
            }
            rows.add(row);
        }
        return rows;
    }

    /** Which seeds the points ran under. */
    static String seedNote(Sweep.Result r) {
        boolean varied = r.grid().axes().stream().anyMatch(a -> a.path().equals("seed"));
        return varied ? "each point under its own seed" : "every point under seed " + r.source().base().seed()
                + (r.replications() > 1 ? "-" + (r.source().base().seed() + r.replications() - 1) : "")
                + " (the same traffic where the workload is the same)";
    }

    /** @param wallS wall-clock seconds of the whole sweep */
    public static String render(Sweep.Result r, Style st, double wallS) {
        StringBuilder b = new StringBuilder();
        long events = r.points().stream().filter(Sweep.PointResult::valid)
                .flatMap(p -> p.reps().runs().stream()).mapToLong(x -> x.sim().events()).sum();
        b.append(st.bold("llmsim sweep · " + r.source().base().name() + " · " + r.points().size() + " points"))
                .append(st.dim((r.replications() > 1 ? " x " + r.replications() + " replications" : "")
                        + " · " + Format.duration(wallS) + " (" + Format.count(events) + " events)"))
                .append('\n');
        String means = r.replications() > 1 ? "; figures are means over " + r.replications() + " seeds" : "";
        b.append(st.dim(seedNote(r) + means)).append("\n\n");
        TerminalSummary.appendTable(b, rows(r), st, (row, col) -> s -> s);
        for (Sweep.PointResult p : r.points()) {
            if (!p.valid()) {
                b.append('\n').append(st.red("invalid " + String.join(" ", p.point().assignments()) + ": "))
                        .append(p.error().lines().findFirst().orElse(""));
            }
        }
        if (r.validPoints() < r.points().size()) {
            b.append('\n');
        }
        return b.toString();
    }
}
