package org.llmsim.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.llmsim.metrics.Estimate;
import org.llmsim.metrics.HeadlineMetric;

/**
 * {@code comparison.csv}: one row per headline metric and scenario (long format), with the difference to the
 * baseline; confidence-interval cells are empty with one replication, difference cells are empty for the baseline.
 */
public final class ComparisonCsv {
    /** Column names, documented in the README; append new columns at the end. */
    public static final String HEADER = "metric,scenario,name,value,ci95_low,ci95_high,delta,relative_delta,"
            + "delta_ci95_low,delta_ci95_high";

    private ComparisonCsv() {
    }

    public static void write(Comparison c, Path file) throws IOException {
        boolean replicated = c.replications() > 1;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(HEADER);
            out.write('\n');
            for (HeadlineMetric m : HeadlineMetric.ALL) {
                for (int i = 0; i < c.entries().size(); i++) {
                    Comparison.Entry e = c.entries().get(i);
                    Estimate ci = e.reps().estimate(m);
                    Estimate d = i > 0 && replicated ? c.pairedDelta(i, m) : null;
                    String[] cells = {m.key(), e.label(), Csv.field(e.name()), Csv.number(c.value(i, m)),
                            replicated ? Csv.number(ci.ci95Low()) : "", replicated ? Csv.number(ci.ci95High()) : "",
                            i > 0 ? Csv.number(c.delta(i, m)) : "", i > 0 ? Csv.number(c.relativeDelta(i, m)) : "",
                            d != null ? Csv.number(d.ci95Low()) : "", d != null ? Csv.number(d.ci95High()) : ""};
                    out.write(String.join(",", cells));
                    out.write('\n');
                }
            }
        }
    }
}
