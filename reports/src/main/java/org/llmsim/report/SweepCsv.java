package org.llmsim.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.llmsim.metrics.Estimate;
import org.llmsim.metrics.HeadlineMetric;
import org.llmsim.planning.Axis;
import org.llmsim.planning.Sweep;

/**
 * {@code sweep.csv}: one row per point of the grid, in grid order: the varied fields (named by their path, values as
 * written), every headline metric (named by its {@code summary.json} path; the mean over replications), then
 * {@code status} ({@code ok} or {@code invalid}), {@code seed} (of replication 0), {@code replications}, with
 * replications the 95% interval of every metric ({@code <metric>.ci95_low}, {@code <metric>.ci95_high}), and
 * {@code error} (why an invalid point is invalid). Metrics of invalid points are empty.
 */
public final class SweepCsv {
    private SweepCsv() {
    }

    public static String header(Sweep.Result r) {
        StringBuilder b = new StringBuilder();
        for (Axis a : r.grid().axes()) {
            b.append(Csv.field(a.path())).append(',');
        }
        b.append(String.join(",", HeadlineMetric.ALL.stream().map(HeadlineMetric::key).toList()));
        b.append(",status,seed,replications");
        if (r.replications() > 1) {
            for (HeadlineMetric m : HeadlineMetric.ALL) {
                b.append(',').append(m.key()).append(".ci95_low,").append(m.key()).append(".ci95_high");
            }
        }
        return b.append(",error").toString();
    }

    public static void write(Sweep.Result r, Path file) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(header(r));
            out.write('\n');
            for (Sweep.PointResult p : r.points()) {
                StringBuilder b = new StringBuilder();
                for (String v : p.point().values()) {
                    b.append(Csv.field(v)).append(',');
                }
                for (HeadlineMetric m : HeadlineMetric.ALL) {
                    b.append(p.valid() ? Csv.number(p.reps().mean(m)) : "").append(',');
                }
                b.append(p.valid() ? "ok" : "invalid").append(',')
                        .append(p.valid() ? Long.toString(p.reps().first().seed()) : "").append(',')
                        .append(r.replications());
                if (r.replications() > 1) {
                    for (HeadlineMetric m : HeadlineMetric.ALL) {
                        Estimate e = p.valid() ? p.reps().estimate(m) : null;
                        b.append(',').append(e == null ? "" : Csv.number(e.ci95Low()))
                                .append(',').append(e == null ? "" : Csv.number(e.ci95High()));
                    }
                }
                b.append(',').append(Csv.field(p.valid() ? "" : p.error().replace('\n', ' ')));
                out.write(b.append('\n').toString());
            }
        }
    }
}
