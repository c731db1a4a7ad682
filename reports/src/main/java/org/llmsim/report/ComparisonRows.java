package org.llmsim.report;

import java.util.ArrayList;
import java.util.List;

import org.llmsim.metrics.Estimate;
import org.llmsim.metrics.HeadlineMetric;

/**
 * The side-by-side table of a comparison, shared by the PDF and the terminal: per metric, each scenario's value,
 * then (for two scenarios) the absolute difference, then each scenario's relative difference to the baseline, and
 * optionally the 95% interval of the difference.
 */
final class ComparisonRows {
    private ComparisonRows() {
    }

    /**
     * @param corner    the header of the metric column
     * @param intervals add the interval of the difference (two scenarios with replications only)
     * @return the header row, then one row per metric
     */
    static List<String[]> rows(Comparison c, List<HeadlineMetric> metrics, String corner, boolean intervals) {
        int n = c.entries().size();
        List<String> header = new ArrayList<>(List.of(corner));
        c.entries().forEach(e -> header.add(e.label()));
        if (n == 2) {
            header.add(c.entries().get(1).label() + "-" + c.baseline().label());
        }
        for (int i = 1; i < n; i++) {
            header.add(c.entries().get(i).label() + " vs " + c.baseline().label());
        }
        if (intervals) {
            header.add("95% CI of difference");
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(header.toArray(String[]::new));
        for (HeadlineMetric m : metrics) {
            List<String> row = new ArrayList<>(List.of(MetricFormat.labelWithUnit(m)));
            for (int i = 0; i < n; i++) {
                row.add(MetricFormat.value(m, c.value(i, m)));
            }
            if (n == 2) {
                row.add(MetricFormat.delta(m, c.delta(1, m)));
            }
            for (int i = 1; i < n; i++) {
                row.add(MetricFormat.relative(c.relativeDelta(i, m)));
            }
            if (intervals) {
                Estimate d = c.pairedDelta(1, m);
                row.add(MetricFormat.delta(m, d.ci95Low()) + " to " + MetricFormat.delta(m, d.ci95High()));
            }
            rows.add(row.toArray(String[]::new));
        }
        return rows;
    }

    /** The entry whose difference column {@code col} shows, or -1 for the metric, value and interval columns. */
    static int entryOfColumn(Comparison c, int col) {
        int n = c.entries().size();
        if (n == 2 && col == 1 + n) {
            return 1;
        }
        int firstRelative = 1 + n + (n == 2 ? 1 : 0);
        return col >= firstRelative && col < firstRelative + n - 1 ? col - firstRelative + 1 : -1;
    }
}
