package org.llmsim.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.llmsim.metrics.HeadlineMetric;
import org.llmsim.planning.CapacitySearch;

/**
 * {@code capacity.csv}: one row per simulated load, by load: the load ({@code rate_rps}, {@code users} or
 * {@code traffic_factor}), {@code factor} (the multiple of the scenario's traffic), {@code purpose} (bracket, root,
 * interval or curve), {@code meets}, {@code surely_meets}, {@code surely_fails} (the whole 95% interval on one side),
 * {@code margin} (ln of figure over target for the binding check; > 0 misses), {@code binding} (that check), then
 * every headline metric (mean over replications).
 */
public final class CapacityCsv {
    private CapacityCsv() {
    }

    public static String header(CapacitySearch.Result r) {
        StringBuilder b = new StringBuilder(CapacityView.loadKey(r.scaling().unit()))
                .append(",factor,purpose,meets,surely_meets,surely_fails,margin,binding");
        for (HeadlineMetric m : HeadlineMetric.ALL) {
            b.append(',').append(m.key());
        }
        return b.toString();
    }

    public static void write(CapacitySearch.Result r, Path file) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(header(r));
            out.write('\n');
            for (CapacitySearch.Point p : r.points()) {
                StringBuilder b = new StringBuilder()
                        .append(Csv.number(p.load())).append(',')
                        .append(Csv.number(p.factor())).append(',')
                        .append(p.purpose().name().toLowerCase(java.util.Locale.ROOT)).append(',')
                        .append(p.judgement().meets()).append(',')
                        .append(p.judgement().surelyMeets()).append(',')
                        .append(p.judgement().surelyFails()).append(',')
                        .append(Csv.number(p.judgement().margin())).append(',')
                        .append(Csv.field(p.judgement().checks().isEmpty() ? ""
                                : p.judgement().binding().name()));
                for (HeadlineMetric m : HeadlineMetric.ALL) {
                    b.append(',').append(Csv.number(p.reps().mean(m)));
                }
                out.write(b.append('\n').toString());
            }
        }
    }
}
