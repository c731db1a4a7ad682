package org.llmsim.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.llmsim.metrics.HeadlineMetric;
import org.llmsim.planning.DeploymentSearch;
import org.llmsim.planning.Footprint;

/**
 * {@code plan.csv}: one row per deployment shape, ranked (those that meet the SLOs by cost, then the rest):
 * {@code rank, gpu, weight_dtype, tensor_parallel, max_batch_size, outcome} ({@code meets}, {@code misses},
 * {@code too_slow}, {@code does_not_fit}, {@code invalid}), {@code replicas} (the fewest that meet; for
 * {@code misses} the most tried), {@code gpus, usd_per_hour, facility_kwh_per_hour, kwh_per_1m_output_tokens,
 * co2_kg_per_hour}, every headline metric at that count,
 * {@code roofline_min_replicas, simulations, reason}.
 */
public final class PlanCsv {
    private PlanCsv() {
    }

    public static String header() {
        StringBuilder b = new StringBuilder("rank,gpu,weight_dtype,tensor_parallel,max_batch_size,pipeline_parallel,data_parallel,"
                + "expert_parallel,outcome,replicas,"
                + "gpus,usd_per_hour,facility_kwh_per_hour,kwh_per_1m_output_tokens,co2_kg_per_hour");
        for (HeadlineMetric m : HeadlineMetric.ALL) {
            b.append(',').append(m.key());
        }
        return b.append(",roofline_min_replicas,simulations,reason").toString();
    }

    public static void write(DeploymentSearch.Result r, Path file) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(header());
            out.write('\n');
            int rank = 0;
            for (DeploymentSearch.Option o : r.options()) {
                var c = o.candidate();
                var e = o.chosen();
                boolean meets = o.outcome() == DeploymentSearch.Outcome.MEETS;
                StringBuilder b = new StringBuilder()
                        .append(meets ? Integer.toString(++rank) : "").append(',')
                        .append(Csv.field(c.gpu())).append(',')
                        .append(c.weightDtype().yamlName()).append(',')
                        .append(c.tensorParallel()).append(',')
                        .append(c.maxBatchSize()).append(',')
                        // empty where the plan did not search the axis: the pool's own value
                        .append(c.pipelineParallel() == null ? "" : c.pipelineParallel().toString()).append(',')
                        .append(c.dataParallel() == null ? "" : c.dataParallel().toString()).append(',')
                        .append(c.expertParallel() == null ? "" : c.expertParallel().toString()).append(',')
                        .append(PlanView.outcomeKey(o.outcome())).append(',')
                        .append(e == null ? "" : Integer.toString(e.replicas())).append(',')
                        .append(e == null ? "" : Integer.toString(o.gpus())).append(',')
                        .append(e == null ? "" : Csv.number(e.usdPerHour()));
                Footprint f = e == null ? null : e.footprint();
                b.append(',').append(f == null ? "" : Csv.number(f.facilityKwhPerHour()))
                        .append(',').append(f == null ? "" : Csv.number(f.kwhPerMillionOutputTokens()))
                        .append(',').append(f == null ? "" : Csv.number(f.co2KgPerHour()));
                for (HeadlineMetric m : HeadlineMetric.ALL) {
                    b.append(',').append(e == null ? "" : Csv.number(e.reps().mean(m)));
                }
                b.append(',').append(o.bound() == null ? "" : Integer.toString(o.bound().replicas()))
                        .append(',').append(o.evaluations().size())
                        .append(',').append(Csv.field(o.reason() == null ? "" : o.reason()));
                out.write(b.append('\n').toString());
            }
        }
    }
}
