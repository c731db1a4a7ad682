package org.llmsim.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.llmsim.metrics.RunResult;

/**
 * {@code timeseries.csv}: one row per pool per sampling instant, in time order (long format, ready for a pivot).
 * Rates cover the interval ending at {@code time_s}; the other columns are the state at {@code time_s}:
 * {@code replicas} are provisioned (paid, cold starts included), {@code serving_replicas} run forward passes.
 */
public final class TimeSeriesCsv {
    /** Column names, documented in the README; append new columns at the end. */
    public static final String HEADER = "time_s,pool,arrivals_per_s,queue_length,running_sequences,kv_utilization,"
            + "replicas,usd_per_hour,serving_replicas";

    private TimeSeriesCsv() {
    }

    public static void write(RunResult.TimeSeries series, Path file) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(HEADER);
            out.write('\n');
            StringBuilder b = new StringBuilder(128);
            for (RunResult.Sample s : series.samples()) {
                b.setLength(0);
                RequestsCsvWriter.seconds(b, s.timeS()).append(',');
                b.append(Csv.field(s.pool())).append(',');
                b.append(Csv.number(s.arrivalsPerS())).append(',');
                b.append(s.queueLength()).append(',');
                b.append(s.runningSequences()).append(',');
                b.append(Csv.number(s.kvUtilization())).append(',');
                b.append(s.replicas()).append(',');
                b.append(Csv.number(s.usdPerHour())).append(',');
                b.append(s.servingReplicas()).append('\n');
                out.append(b);
            }
        }
    }
}
