package org.llmsim.report;

import java.util.ArrayList;
import java.util.List;

import org.llmsim.metrics.HeadlineMetric;
import org.llmsim.planning.CapacitySearch;
import org.llmsim.planning.ScenarioSource;
import org.llmsim.planning.SloCriterion;

/** The terminal view of a capacity search: the answer, its interval, the knee and the curve. */
public final class CapacityText {
    static final List<String> CURVE_COLUMNS = List.of("ttft_s.p50", "ttft_s.p99", "tpot_s.p99",
            "throughput.requests_per_s", "slo.goodput_rps", "slo.attainment");

    private CapacityText() {
    }

    /** A progress line for one evaluated load. */
    public static String progress(CapacitySearch.Point p, org.llmsim.scenario.LoadScaling.Unit unit) {
        SloCriterion.Judgement j = p.judgement();
        String verdict = j.meets() ? "meets" : "misses";
        String binding = j.checks().isEmpty() ? "no requests" : checkText(j.binding());
        return String.format(java.util.Locale.ROOT, "  %-16s %-8s %-7s %s", CapacityView.load(unit, p.load()),
                p.purpose().name().toLowerCase(java.util.Locale.ROOT), verdict, binding);
    }

    /** "TTFT p99 812 ms (target 1 s)", "lost share 3.1% (target 1.0%)". */
    static String checkText(SloCriterion.Check c) {
        boolean share = c.name().endsWith("lost share") || c.name().endsWith("attainment");
        String value = share ? Format.percent(c.value()) : seconds(c.value());
        String target = share ? Format.percent(c.target()) : Format.latency(c.target());
        return c.name() + " " + value + " (target " + target + ")";
    }

    /** A latency to three figures: "812 ms", "1.45 s", "353 s". */
    static String seconds(double s) {
        if (!Double.isFinite(s)) {
            return Double.isNaN(s) ? "-" : "none completed";
        }
        return s < 1 ? Format.ms(s) + " ms" : s < 10 ? Format.number(s, 2) + " s" : Format.number(s, 0) + " s";
    }

    /** The point evaluated nearest the capacity. */
    static CapacitySearch.Point nearest(CapacitySearch.Result r) {
        CapacitySearch.Point best = r.points().get(0);
        for (CapacitySearch.Point p : r.points()) {
            if (Math.abs(p.load() - r.capacity()) < Math.abs(best.load() - r.capacity())) {
                best = p;
            }
        }
        return best;
    }

    /** The curve as table rows, header first. */
    static List<String[]> curveRows(CapacitySearch.Result r, boolean everyPoint) {
        List<HeadlineMetric> metrics = CURVE_COLUMNS.stream().map(HeadlineMetric::byKey).toList();
        List<String[]> rows = new ArrayList<>();
        String[] header = new String[metrics.size() + 2];
        header[0] = r.scaling().unit().noun();
        for (int i = 0; i < metrics.size(); i++) {
            header[i + 1] = MetricFormat.labelWithUnit(metrics.get(i));
        }
        header[header.length - 1] = "SLOs";
        rows.add(header);
        for (CapacitySearch.Point p : everyPoint ? r.points() : r.curve()) {
            String[] row = new String[header.length];
            row[0] = CapacityView.load(r.scaling().unit(), p.load());
            for (int i = 0; i < metrics.size(); i++) {
                row[i + 1] = MetricFormat.value(metrics.get(i), p.reps().mean(metrics.get(i)));
            }
            row[row.length - 1] = p.judgement().meets() ? "met" : "missed";
            rows.add(row);
        }
        return rows;
    }

    /** @param wallS wall-clock seconds of the whole search */
    public static String render(CapacitySearch.Result r, ScenarioSource source, Style st, double wallS) {
        StringBuilder b = new StringBuilder();
        b.append(st.bold("llmsim capacity · " + source.base().name()))
                .append(st.dim(" · " + r.options().replications() + " replication"
                        + (r.options().replications() > 1 ? "s" : "") + " per load · " + r.runs() + " runs in "
                        + Format.duration(wallS))).append('\n');
        b.append(st.dim("criterion  " + r.criterion().describe())).append('\n');
        b.append(st.dim("scaled     " + r.scaling().description() + " (" + CapacityView.load(r.scaling().unit(),
                r.scaling().baseLoad()) + " as written)")).append("\n\n");
        String capacity = CapacityView.capacity(r);
        b.append(Format.right("capacity", 11)).append(st.bold(Format.right(capacity, 18)));
        if (r.status() == CapacitySearch.Status.FOUND) {
            b.append("  interval ").append(CapacityView.interval(r)).append('\n')
                    .append(" ".repeat(31)).append(st.dim("(" + r.intervalBasis() + ")"));
        } else {
            b.append("  ").append(r.intervalBasis());
        }
        b.append('\n');
        if (r.status() == CapacitySearch.Status.FOUND) {
            String knee = Double.isFinite(r.knee()) ? CapacityView.load(r.scaling().unit(), r.knee())
                    : "not reached";
            b.append(Format.right("knee", 11)).append(Format.right(knee, 18))
                    .append(st.dim("  " + CapacityView.kneeDefinition(r)
                            + (Double.isFinite(r.knee()) ? "" : ", up to the curve's highest load"))).append('\n');
            CapacitySearch.Point near = nearest(r);
            if (!near.judgement().checks().isEmpty()) {
                b.append(Format.right("binding", 11)).append("  ").append(checkText(near.judgement().binding()))
                        .append(st.dim(" at " + CapacityView.load(r.scaling().unit(), near.load()))).append('\n');
            }
            b.append('\n');
            TerminalSummary.appendTable(b, curveRows(r, false), st, (row, col) -> s -> s);
        }
        return b.toString();
    }
}
