package org.llmsim.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import org.llmsim.metrics.AppResult;
import org.llmsim.metrics.CostLedger;
import org.llmsim.metrics.ElasticResult;
import org.llmsim.metrics.Estimate;
import org.llmsim.metrics.HeadlineMetric;
import org.llmsim.metrics.ItlResult;
import org.llmsim.metrics.LatencyStats;
import org.llmsim.metrics.ReplicationSummary;
import org.llmsim.metrics.RunResult;

/** The compact, aligned summary printed after a run. */
public final class TerminalSummary {
    private TerminalSummary() {
    }

    /** The metrics the terminal shows for replications and comparisons (the files have all of them). */
    public static final List<String> KEY_METRICS = List.of("ttft_s.p50", "ttft_s.p99", "tpot_s.p50", "tpot_s.p99",
            "e2e_s.p50", "e2e_s.p99", "queue_s.p99", "throughput.requests_per_s", "slo.attainment",
            "slo.goodput_rps", "cost.usd_per_hour", "cost.usd_per_month", "cost.usd_per_1m_output_tokens",
            "cost.usd_per_request",
            "utilization.kv_cache_mean", "utilization.busy_fraction", "preemptions", "requests.rejected");

    public static String render(RunResult r, String description, Style st) {
        return render(ReplicationSummary.of(List.of(r)), description, st, r.sim().wallS());
    }

    /**
     * The summary of a run; with several replications, the figures of replication 0 followed by the means and 95%
     * confidence intervals of the key metrics over all replications.
     *
     * @param wallS wall-clock seconds all runs took together (shown with several replications; a single run shows
     *              its own simulation time)
     */
    public static String render(ReplicationSummary reps, String description, Style st, double wallS) {
        RunResult r = reps.first();
        StringBuilder b = new StringBuilder();
        if (reps.size() == 1) {
            b.append(st.bold("llmsim run · " + r.scenario())).append(st.dim(" · seed " + r.seed() + " · "
                    + Format.duration(r.sim().simulatedS()) + " simulated in " + Format.duration(r.sim().wallS()) + " ("
                    + Format.count(r.sim().events()) + " events)"));
        } else {
            long events = reps.runs().stream().mapToLong(x -> x.sim().events()).sum();
            b.append(st.bold("llmsim run · " + r.scenario())).append(st.dim(" · " + reps.size() + " replications, "
                    + "seeds " + reps.seeds()[0] + "-" + reps.seeds()[reps.size() - 1] + " · "
                    + Format.duration(r.sim().simulatedS()) + " simulated each, all in " + Format.duration(wallS)
                    + " (" + Format.count(events) + " events)"));
        }
        b.append('\n');
        if (description != null && !description.isBlank()) {
            b.append(description.strip()).append('\n');
        }
        b.append('\n');

        RunResult.RequestCounts n = r.requests();
        b.append(label("requests")).append("arrived ").append(Format.count(n.arrived()))
                .append("   completed ").append(Format.count(n.completed()))
                .append("   rejected ").append(warnIfPositive(n.rejected(), st))
                .append(n.failed() > 0 ? "   failed " + warnIfPositive(n.failed(), st) : "")
                .append("   unfinished ").append(warnIfPositive(n.unfinished(), st))
                .append(n.failed() > 0 || ElasticResult.of(r).faulted() ? "   failed " + warnIfPositive(n.failed(), st)
                        : "")
                .append(st.dim("   (" + Format.count(n.measured()) + " measured, arrivals in "
                        + Format.plain(r.window().startS()) + "-" + Format.plain(r.window().endS()) + " s)"))
                .append('\n');
        if (!n.rejectedByReason().isEmpty()) {
            b.append(label("")).append(st.dim("rejected: " + reasons(n.rejectedByReason()))).append('\n');
        }
        if (!n.failedByReason().isEmpty()) {
            b.append(label("")).append(st.dim("failed: " + reasons(n.failedByReason()))).append('\n');
        }
        b.append('\n');

        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"latency (ms)", "mean", "p50", "p90", "p95", "p99", "max"});
        rows.add(latencyRow("TTFT", r.ttft()));
        rows.add(latencyRow("TPOT", r.tpot()));
        rows.add(latencyRow("ITL", ItlResult.of(r).latency()));
        rows.add(latencyRow("E2E", r.e2e()));
        rows.add(latencyRow("queue", r.queue()));
        appendTable(b, rows, st);
        b.append('\n');
        if (r.classes().size() > 1) {
            appendTable(b, classRows(r), st);
            b.append('\n');
        }

        RunResult.Throughput t = r.throughput();
        b.append(label("throughput")).append(Format.number(t.requestsPerS(), 2)).append(" req/s   ")
                .append(Format.number(t.inputTokensPerS(), 0)).append(" input tok/s   ")
                .append(Format.number(t.outputTokensPerS(), 0)).append(" output tok/s\n");

        RunResult.SloResult slo = r.slo();
        b.append(label("SLO"));
        String targets = sloTargets(slo);
        if (targets.isEmpty() && r.classes().size() > 1 && r.classes().stream().anyMatch(
                c -> !sloTargets(c.slo()).isEmpty())) {
            targets = "each class's targets";
        }
        if (targets.isEmpty()) {
            b.append(st.dim("no SLO set")).append('\n');
        } else {
            String attained = Format.percent(slo.attainment()) + " met";
            b.append(targets).append(": ").append(slo.attainment() >= 0.99 ? st.green(attained)
                    : slo.attainment() >= 0.9 ? st.yellow(attained) : st.red(attained))
                    .append(", goodput ").append(Format.number(slo.goodputRps(), 2)).append(" req/s\n");
        }
        if (!r.replicas().isEmpty()) {
            RunResult.Utilization u = r.utilization();
            b.append(label("utilization")).append("KV cache ").append(Format.percent(u.kvCacheMean()))
                    .append("   batch ").append(Format.number(u.batchSizeMean(), 1)).append(" seq/pass")
                    .append("   busy ").append(Format.percent(u.busyFraction()));
            PreemptionOutput.terminal(b, r);
            b.append('\n');
        }
        PrefixCacheOutput.terminal(b, r);
        SpeculativeOutput.terminal(b, r);
        KvTransferOutput.terminal(b, r);
        EnergyOutput.terminal(b, r);
        RunResult.Cost c = r.cost();
        b.append(label("cost")).append(st.bold(Format.usd(c.usdPerHour()) + "/h")).append(" (")
                .append(Format.usd(c.usdPerMonth())).append("/month)   ")
                .append(Format.usd(c.usdPerRequest())).append("/request   ")
                .append(Format.usd(c.usdPer1mOutputTokens())).append(" per 1M output tokens   ")
                .append(st.dim("this run: " + Format.usd(c.totalUsd()) + thisRun(c)))
                .append('\n');
        String gpuBill = gpuBill(r);
        if (gpuBill != null) {
            b.append(label("GPU bill")).append(gpuBill).append('\n');
        }
        for (RunResult.PoolResult p : r.pools()) {
            RunResult.PoolLayout l = p.layout();
            String gpus = PdfReport.dataParallelPrefix(p) + (l.pipelineParallel() > 1
                    ? l.pipelineParallel() + "x" + p.tensorParallel() + " (pp x tp) " : p.tensorParallel() + "x ");
            b.append(label("pool " + p.name())).append(ElasticSummary.replicas(r, p)).append(" x ").append(p.model())
                    .append(' ')
                    .append(p.weightDtype()).append(" on ").append(gpus).append(p.gpu());
            if (l.draftModel() != null) {
                b.append(", draft ").append(l.draftModel()).append(" k=").append(l.speculativeK()).append(" a=")
                        .append(Format.plain(l.acceptance()));
            }
            if (l.prefillReplicas() > 0) {
                b.append(", ").append(l.prefillReplicas()).append(" prefill + ").append(l.decodeReplicas())
                        .append(" decode (KV over ").append(l.kvLink()).append(')');
            }
            b.append(", ").append(p.batching()).append(" batching, ")
                    .append(Format.count(p.kvTokensPerReplica())).append(" KV tokens per replica\n");
            if (r.pools().size() > 1) {
                b.append(label("")).append(st.dim(Format.count(p.completed()) + " completed   TTFT p99 "
                        + Format.ms(p.latency().ttft().p99()) + " ms   TPOT p99 " + Format.ms(p.latency().tpot().p99())
                        + " ms   busy " + Format.percent(p.utilization().busyFraction()) + "   "
                        + Format.usd(p.usdPerHour()) + "/h")).append('\n');
            }
        }
        ElasticSummary.append(b, r, st);
        AppSummary.append(b, r, st);
        FleetSummary.append(b, r, st);
        if (reps.size() > 1) {
            b.append('\n').append(replications(reps, st));
        }
        return b.toString();
    }

    /**
     * The GPU pools' spend by kind when their pricing makes it more than GPU time (a reservation, owned servers);
     * null otherwise.
     */
    private static String gpuBill(RunResult r) {
        Map<String, Double> kinds = new LinkedHashMap<>();
        for (AppResult.CostEntry e : AppResult.of(r).breakdown().entries()) {
            if (e.backend().equals(CostLedger.SELF_HOSTED)) {
                kinds.merge(e.kind(), e.usd(), Double::sum);
            }
        }
        if (kinds.isEmpty() || kinds.keySet().equals(java.util.Set.of(AppResult.GPU_TIME))) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        kinds.forEach((kind, usd) -> parts.add(kind + " " + Format.usd(usd)));
        return String.join(", ", parts);
    }

    /** What the run's bill is made of: GPU time, and API and gateway spend where there is any. */
    private static String thisRun(RunResult.Cost c) {
        if (c.apiUsd() == 0 && c.gatewayUsd() == 0) {
            return " for " + Format.number(c.gpuHours(), 2) + " GPU-h";
        }
        List<String> parts = new ArrayList<>();
        if (c.gpuHours() > 0) {
            parts.add("GPU " + Format.usd(c.gpuUsd()) + " for " + Format.number(c.gpuHours(), 2) + " GPU-h");
        }
        parts.add("API " + Format.usd(c.apiUsd()));
        if (c.gatewayUsd() > 0) {
            parts.add("gateway " + Format.usd(c.gatewayUsd()));
        }
        return " (" + String.join(", ", parts) + ")";
    }

    /** Means and 95% confidence intervals of the key metrics over the replications. */
    static String replications(ReplicationSummary reps, Style st) {
        StringBuilder b = new StringBuilder();
        b.append(st.bold("replications")).append(st.dim("  the figures above are seed " + reps.first().seed()
                + "; mean and 95% confidence interval over " + reps.size() + " seeds:")).append('\n');
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"", "mean", "95% CI", "+/-"});
        for (String key : KEY_METRICS) {
            HeadlineMetric m = HeadlineMetric.byKey(key);
            Estimate e = reps.estimate(m);
            rows.add(new String[] {MetricFormat.labelWithUnit(m), MetricFormat.value(m, e.mean()),
                    MetricFormat.value(m, e.ci95Low()) + " - " + MetricFormat.value(m, e.ci95High()),
                    e.mean() != 0 && Double.isFinite(e.halfWidth())
                            ? Format.percent(e.halfWidth() / Math.abs(e.mean())) : "-"});
        }
        appendTable(b, rows, st, (row, col) -> s -> s);
        return b.toString();
    }

    static String label(String s) {
        return s.length() >= 13 ? s + " " : Format.right(s, 13);
    }

    private static String warnIfPositive(long n, Style st) {
        String s = Format.count(n);
        return n > 0 ? st.yellow(s) : s;
    }

    /** One row per class: its requests, rejections, p99 latencies and SLO attainment. */
    private static List<String[]> classRows(RunResult r) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"class", "prio", "arrived", "rejected", "TTFT p99", "TPOT p99", "E2E p99",
                "SLO met", "goodput/s"});
        for (RunResult.ClassResult c : r.classes()) {
            RunResult.SloResult slo = c.slo();
            boolean hasSlo = !sloTargets(slo).isEmpty() || slo.deadlineS() != null;
            rows.add(new String[] {c.name(), Integer.toString(c.priority()), Format.count(c.requests().arrived()),
                    Format.count(c.requests().rejected()), Format.ms(c.ttft().p99()), Format.ms(c.tpot().p99()),
                    Format.ms(c.e2e().p99()), hasSlo ? Format.percent(slo.attainment()) : "-",
                    hasSlo ? Format.number(slo.goodputRps(), 2) : "-"});
        }
        return rows;
    }

    private static String reasons(java.util.Map<String, Long> byReason) {
        List<String> parts = new ArrayList<>();
        byReason.forEach((reason, count) -> parts.add(reason + " " + Format.count(count)));
        return String.join(", ", parts);
    }

    static String sloTargets(RunResult.SloResult slo) {
        List<String> parts = new ArrayList<>();
        if (slo.ttftS() != null) {
            parts.add("TTFT <= " + Format.plain(slo.ttftS()) + " s");
        }
        if (slo.tpotS() != null) {
            parts.add("TPOT <= " + Format.plain(slo.tpotS()) + " s");
        }
        if (slo.e2eS() != null) {
            parts.add("E2E <= " + Format.plain(slo.e2eS()) + " s");
        }
        if (slo.deadlineS() != null) {
            parts.add("done within " + Format.duration(slo.deadlineS()));
        }
        return String.join(", ", parts);
    }

    private static String[] latencyRow(String name, LatencyStats s) {
        return new String[] {name, Format.ms(s.mean()), Format.ms(s.p50()), Format.ms(s.p90()), Format.ms(s.p95()),
                Format.ms(s.p99()), Format.ms(s.max())};
    }

    static void appendTable(StringBuilder b, List<String[]> rows, Style st) {
        appendTable(b, rows, st, (row, col) -> s -> s);
    }

    /**
     * Appends an aligned table: the first column left-aligned, the others right-aligned, the header dimmed.
     * {@code paint} may colour a body cell after padding (so colour codes do not upset the alignment).
     */
    static void appendTable(StringBuilder b, List<String[]> rows, Style st,
            BiFunction<Integer, Integer, java.util.function.UnaryOperator<String>> paint) {
        int cols = rows.get(0).length;
        int[] width = new int[cols];
        for (String[] row : rows) {
            for (int i = 0; i < cols; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            StringBuilder line = new StringBuilder();
            String[] row = rows.get(r);
            line.append(Format.right(row[0], Math.max(13, width[0] + 2)));
            for (int i = 1; i < cols; i++) {
                String cell = Format.left(row[i], width[i] + 3);
                line.append(r == 0 ? cell : paint.apply(r, i).apply(cell));
            }
            b.append(r == 0 ? st.dim(line.toString()) : line.toString()).append('\n');
        }
    }
}
