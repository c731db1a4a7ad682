package org.llmsim.report;

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

        List<HeadlineMetric> metrics = TerminalSummary.KEY_METRICS.stream().map(HeadlineMetric::byKey).toList();
        List<String[]> rows = ComparisonRows.rows(c, metrics,
                c.replications() > 1 ? "mean of " + c.replications() : "", false);
        TerminalSummary.appendTable(b, rows, st, (r, col) -> {
            int entry = ComparisonRows.entryOfColumn(c, col);
            int direction = entry < 1 ? 0 : c.direction(entry, metrics.get(r - 1));
            return direction > 0 ? st::green : direction < 0 ? st::red : s -> s;
        });
        b.append('\n');
        for (String verdict : Verdicts.of(c)) {
            b.append(Format.right("verdict", 9)).append(verdict.contains(" misses the ") ? st.red(verdict)
                    : verdict.contains(" meets the ") ? st.green(verdict) : verdict).append('\n');
        }
        if (!c.pricing().isEmpty()) {
            b.append('\n').append(st.bold("the same fleets under each pricing")).append('\n');
            TerminalSummary.appendTable(b, PricingText.alternativeRows(c.labels(), c.pricing()), st,
                    (r, col) -> s -> s);
            b.append('\n');
            TerminalSummary.appendTable(b, PricingText.breakEvenRows(c.labels(), c.pricing()), st,
                    (r, col) -> s -> s);
        }
        return b.toString();
    }
}
