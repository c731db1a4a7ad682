package org.llmsim.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jfree.chart.JFreeChart;
import org.llmsim.metrics.HeadlineMetric;
import org.llmsim.metrics.RunResult;

/**
 * {@code comparison.pdf}: the scenarios and the verdicts, every headline metric side by side with its difference to
 * the baseline, overlaid latency distributions, the runs over time, spend per hour, and each scenario as an
 * appendix. Scenario {@code i} has palette colour {@code i} throughout.
 */
public final class ComparisonReport {
    private ComparisonReport() {
    }

    public static void write(Comparison c, Path file) throws IOException {
        String names = String.join(" vs ", c.entries().stream().map(Comparison.Entry::name).toList());
        String footer = "llmsim comparison · " + names + " · " + (c.replications() > 1
                ? c.replications() + " replications, seeds " + PdfReport.seedRange(c.baseline().reps())
                : "seed " + c.baseline().reps().first().seed());
        try (PdfDocumentBuilder pdf = new PdfDocumentBuilder("llmsim comparison: " + names, footer)) {
            pdf.overline("llmsim comparison");
            pdf.title(names);
            scenarios(pdf, c);
            pdf.heading("Verdict");
            for (String line : Verdicts.of(c)) {
                pdf.coloredLine(line, verdictColor(line), true);
            }
            pdf.subtle("A scenario meets an SLO when the p99 of that metric"
                    + (c.replications() > 1 ? " (mean over replications)" : "") + " is within the target. Cost "
                    + "compares the steady-state dollars per million output tokens.");
            metricsTable(pdf, c);
            pdf.heading("Spend");
            pdf.chart(spend(c), Math.max(140, 70 + 32 * c.entries().size()));
            if (!c.pricing().isEmpty()) {
                pdf.heading("The same fleets under each pricing");
                List<String[]> alternatives = PricingText.alternativeRows(c.labels(), c.pricing());
                pdf.table(alternatives, pdf.widthsByContent(alternatives));
                List<String[]> breakEven = PricingText.breakEvenRows(c.labels(), c.pricing());
                pdf.table(breakEven, pdf.widthsByContent(breakEven));
                pdf.subtle(PricingText.legend());
            }

            pdf.newPage();
            pdf.heading("Latency distributions");
            pdf.subtle("Share of measured requests (y) whose latency is at most x; the dashed red line is "
                    + c.baseline().label() + "'s SLO target." + seedNote(c));
            pdf.chartGrid(RunCharts.latencyCdfs(named(c)), 1, 208);

            pdf.newPage();
            pdf.heading("The runs over time");
            pdf.subtle("Each scenario's fleet, pools added up; lines that coincide (the same traffic, the same "
                    + "fleet) show as one." + seedNote(c) + " Shaded: warm-up of " + c.baseline().label()
                    + "; dashed line: its arrivals end.");
            pdf.chartGrid(RunCharts.timeSeries(named(c)), 2, 205);

            for (Comparison.Entry e : c.entries()) {
                pdf.newPage();
                pdf.heading("Appendix " + e.label() + ": " + e.name());
                pdf.subtle(e.scenario().sourceFile() + (e.scenario().overrides().isEmpty() ? ""
                        : ", then --set " + String.join(" ", e.scenario().overrides())));
                pdf.code(e.scenario().sourceText(), 110);
            }
            pdf.save(file);
        }
    }

    private static String seedNote(Comparison c) {
        return c.replications() > 1 ? " Runs with seed " + c.baseline().reps().first().seed() + "." : "";
    }

    private static List<RunCharts.Named> named(Comparison c) {
        return c.entries().stream().map(e -> new RunCharts.Named(e.title(), e.reps().first())).toList();
    }

    private static void scenarios(PdfDocumentBuilder pdf, Comparison c) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"", "scenario", "question", "file"});
        for (Comparison.Entry e : c.entries()) {
            String description = e.scenario().spec().description();
            rows.add(new String[] {e.label(), e.name(), description == null ? "" : description,
                    e.scenario().sourceFile()});
        }
        pdf.leftTable(rows, new float[] {0.05f, 0.2f, 0.47f, 0.28f}, (r, col) -> col == 0 ? Charts.color(r - 1) : null);
        long[] seeds = c.baseline().reps().seeds();
        pdf.subtle("All scenarios ran under the same " + (seeds.length > 1 ? "seeds " + seeds[0] + "-"
                + seeds[seeds.length - 1] + " (" + seeds.length + " replications each)" : "seed " + seeds[0])
                + ", so they saw the same traffic when their workloads are the same."
                + (c.baseline().scenario().overrides().isEmpty() ? ""
                        : " Overrides: --set " + String.join(" ", c.baseline().scenario().overrides()) + "."));
    }

    private static void metricsTable(PdfDocumentBuilder pdf, Comparison c) {
        pdf.heading("Headline metrics");
        boolean ci = c.entries().size() == 2 && c.replications() > 1;
        List<String[]> rows = ComparisonRows.rows(c, HeadlineMetric.ALL, "metric", ci);
        pdf.table(rows, widths(rows.get(0).length, ci), (r, col) -> {
            int entry = ComparisonRows.entryOfColumn(c, col);
            if (entry < 1) {
                return null;
            }
            int direction = c.direction(entry, HeadlineMetric.ALL.get(r - 1));
            return direction > 0 ? Charts.GOOD : direction < 0 ? Charts.BAD : null;
        });
        pdf.subtle("Differences are the other scenario minus " + c.baseline().label() + (c.replications() > 1
                ? ", means over " + c.replications() + " seeds; the interval comes from the paired per-seed "
                        + "differences" : "")
                + ". Green is better, red worse" + (c.replications() > 1 ? " (only where the interval excludes zero)"
                : " (changes under 0.5% are left uncoloured)") + "; fractions differ in percentage points (pp).");
    }

    private static float[] widths(int columns, boolean ci) {
        float first = ci ? 0.23f : 0.27f;
        float last = ci ? 0.26f : 0;
        float rest = (1 - first - last) / (columns - 1 - (ci ? 1 : 0));
        float[] w = new float[columns];
        java.util.Arrays.fill(w, rest);
        w[0] = first;
        if (ci) {
            w[columns - 1] = last;
        }
        return w;
    }

    private static JFreeChart spend(Comparison c) {
        List<RunResult> runs = c.entries().stream().map(e -> e.reps().first()).toList();
        if (AppReport.spendsPerCall(runs)) {
            return AppReport.spendByKind("Spend per hour by kind (each run's mix)",
                    c.entries().stream().map(Comparison.Entry::title).toList(), runs);
        }
        return RunCharts.spend("Fleet spend per hour", c.entries().stream().map(Comparison.Entry::title).toList(),
                runs.stream().map(r -> r.cost().usdPerHour()).toList(),
                runs.stream().map(RunResult::utilization).toList());
    }

    private static Color verdictColor(String line) {
        return line.contains(" misses the ") ? Charts.BAD : line.contains(" meets the ") ? Charts.GOOD : null;
    }
}
