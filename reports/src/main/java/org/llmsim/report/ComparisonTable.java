package org.llmsim.report;

import java.util.ArrayList;
import java.util.List;

import org.llmsim.metrics.HeadlineMetric;

/** The terminal view of a comparison: who is who, the key metrics side by side, and the verdicts. */
public final class ComparisonTable {
    private ComparisonTable() {
    }

    /**
     * @param wallS wall-clock seconds all runs took together
     */
    public static String render(Comparison c, Style st, double wallS) {
        StringBuilder b = new StringBuilder();
        long[] seeds = c.baseline().reps().seeds();
        long events = c.entries().stream().flatMap(e -> e.reps().runs().stream()).mapToLong(r -> r.sim().events())
                .sum();
        b.append(st.bold("llmsim compare · " + c.entries().size() + " scenarios"))
                .append(st.dim(" · " + (seeds.length > 1 ? seeds.length + " replications, seeds " + seeds[0] + "-"
                        + seeds[seeds.length - 1] : "seed " + seeds[0]) + " · all in " + Format.duration(wallS)
                        + " (" + Format.count(events) + " events)"))
                .append('\n');
        int nameWidth = c.entries().stream().mapToInt(e -> e.name().length()).max().orElse(0);
        for (Comparison.Entry e : c.entries()) {
            String description = e.scenario().spec().description();
            b.append("  ").append(st.bold(e.label())).append("  ").append(Format.right(e.name(), nameWidth))
                    .append(st.dim("  " + e.scenario().sourceFile()
                            + (description == null || description.isBlank() ? "" : " · " + description.strip())))
                    .append('\n');
        }
        b.append('\n');

        int n = c.entries().size();
        boolean pair = n == 2;
        List<String[]> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of(c.replications() > 1 ? "mean of " + c.replications() : ""));
        c.entries().forEach(e -> header.add(e.label()));
        if (pair) {
            header.add(c.entries().get(1).label() + "-" + c.baseline().label());
        }
        for (int i = 1; i < n; i++) {
            header.add(c.entries().get(i).label() + " vs " + c.baseline().label());
        }
        rows.add(header.toArray(String[]::new));
        List<HeadlineMetric> metrics = TerminalSummary.KEY_METRICS.stream().map(HeadlineMetric::byKey).toList();
        for (HeadlineMetric m : metrics) {
            List<String> row = new ArrayList<>(List.of(MetricFormat.labelWithUnit(m)));
            for (int i = 0; i < n; i++) {
                row.add(MetricFormat.value(m, c.value(i, m)));
            }
            if (pair) {
                row.add(MetricFormat.delta(m, c.delta(1, m)));
            }
            for (int i = 1; i < n; i++) {
                row.add(MetricFormat.relative(c.relativeDelta(i, m)));
            }
            rows.add(row.toArray(String[]::new));
        }
        int firstRelative = 1 + n + (pair ? 1 : 0);
        TerminalSummary.appendTable(b, rows, st, (r, col) -> {
            HeadlineMetric m = metrics.get(r - 1);
            int entry = pair && col == 1 + n ? 1 : col >= firstRelative ? col - firstRelative + 1 : -1;
            if (entry < 1) {
                return s -> s;
            }
            int direction = c.direction(entry, m);
            return direction > 0 ? st::green : direction < 0 ? st::red : s -> s;
        });
        b.append('\n');
        for (String verdict : Verdicts.of(c)) {
            b.append(Format.right("verdict", 9)).append(verdict.contains(" misses the ") ? st.red(verdict)
                    : verdict.contains(" meets the ") ? st.green(verdict) : verdict).append('\n');
        }
        return b.toString();
    }
}
