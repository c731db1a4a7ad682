package org.llmsim.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.llmsim.metrics.HeadlineMetric;
import org.llmsim.metrics.ReplicationSummary;
import org.llmsim.metrics.RunResult;

/**
 * {@code replications.csv}: one row per replication with its seed and every headline metric, the columns named
 * by their {@code summary.json} paths ({@code ttft_s.p99}, ...), in {@link HeadlineMetric#ALL} order.
 */
public final class ReplicationsCsv {
    private ReplicationsCsv() {
    }

    public static String header() {
        StringBuilder b = new StringBuilder("replication,seed");
        for (HeadlineMetric m : HeadlineMetric.ALL) {
            b.append(',').append(m.key());
        }
        return b.toString();
    }

    public static void write(ReplicationSummary reps, Path file) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(header());
            out.write('\n');
            for (int i = 0; i < reps.size(); i++) {
                RunResult r = reps.runs().get(i);
                StringBuilder b = new StringBuilder().append(i).append(',').append(r.seed());
                for (HeadlineMetric m : HeadlineMetric.ALL) {
                    b.append(',').append(Csv.number(m.of(r)));
                }
                out.write(b.append('\n').toString());
            }
        }
    }
}
