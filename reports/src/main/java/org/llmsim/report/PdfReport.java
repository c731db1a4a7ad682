package org.llmsim.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.llmsim.metrics.Estimate;
import org.llmsim.metrics.HeadlineMetric;
import org.llmsim.metrics.ItlResult;
import org.llmsim.metrics.LatencyStats;
import org.llmsim.metrics.PreemptionResult;
import org.llmsim.metrics.ReplicationSummary;
import org.llmsim.metrics.AppResult;
import org.llmsim.metrics.RunResult;
import org.llmsim.scenario.Scenario;

/**
 * {@code report.pdf} of one run (or of its replications), in the order a reader asks: the question and its answer
 * in three numbers, latency percentiles, latency distributions against the SLO, the run over time, cost, utilization
 * per replica, the deployment, and the scenario itself as an appendix so the report describes itself.
 *
 * <p>With several replications the headline numbers and a table of every headline metric show the mean over
 * replications with its 95% confidence interval; tables and charts of a single run show replication 0 (the
 * scenario's own seed). The answer and the verdict on the title page come from {@link RunVerdict}.
 *
 * <p>Per-class results slot in as further {@link LatencyGroup}s of the percentile tables and as further named
 * series of the distribution charts ({@link RunCharts#latencyCdfs}).
 */
public final class PdfReport {
    private PdfReport() {
    }

    public static void write(RunResult r, Scenario scenario, Path file) throws IOException {
        write(ReplicationSummary.of(List.of(r)), scenario, file);
    }

    public static void write(ReplicationSummary reps, Scenario scenario, Path file) throws IOException {
        RunResult r = reps.first();
        String footer = "llmsim report · " + r.scenario() + " · " + scenario.sourceFile() + " · "
                + (reps.size() > 1 ? reps.size() + " replications, seeds " + seedRange(reps) : "seed " + r.seed());
        try (PdfDocumentBuilder pdf = new PdfDocumentBuilder("llmsim report: " + r.scenario(), footer)) {
            titlePage(pdf, reps, scenario);
            distributions(pdf, r, reps.size() > 1);
            overTime(pdf, r, reps.size() > 1);
            cost(pdf, r);
            AppReport.layers(pdf, r);
            if (!r.replicas().isEmpty()) {
                replicas(pdf, r);
            }
            if (!r.pools().isEmpty()) {
                deployment(pdf, reps);
            }
            if (EnergyPage.applies(r)) {
                EnergyPage.write(pdf, r);
            }
            appendix(pdf, scenario);
            pdf.save(file);
        }
    }

    private static void titlePage(PdfDocumentBuilder pdf, ReplicationSummary reps, Scenario scenario) {
        RunResult r = reps.first();
        pdf.overline("llmsim run report");
        pdf.title(r.scenario());
        String description = scenario.spec().description();
        if (description != null && !description.isBlank()) {
            pdf.lead(description.strip());
        }
        pdf.subtle(provenance(reps, scenario));
        pdf.space(10);
        pdf.bigNumbers(RunVerdict.answer(reps));
        pdf.paragraph(RunVerdict.verdict(r));

        pdf.heading("Latency percentiles");
        if (reps.size() > 1) {
            pdf.subtle("The run with seed " + r.seed() + "; the replication table below gives the means over all "
                    + reps.size() + " seeds.");
        }
        List<LatencyGroup> groups = new ArrayList<>();
        groups.add(new LatencyGroup("all requests", r.ttft(), r.tpot(), r.e2e(), r.queue(),
                ItlResult.of(r).latency()));
        if (r.classes().size() > 1) {
            for (RunResult.ClassResult c : r.classes()) {
                groups.add(new LatencyGroup("class " + c.name(), c.ttft(), c.tpot(), c.e2e(), c.queue()));
            }
        }
        latencyTables(pdf, groups);

        pdf.heading("At a glance");
        pdf.table(glance(r), new float[] {0.5f, 0.5f});
        if (reps.size() > 1) {
            replicationTable(pdf, reps);
        }
    }

    /** Where the numbers come from: file, overrides, seed, simulated span and measurement window. */
    static String provenance(ReplicationSummary reps, Scenario scenario) {
        RunResult r = reps.first();
        String seeds = reps.size() > 1 ? reps.size() + " replications (seeds " + seedRange(reps) + ")"
                : "seed " + r.seed();
        return "Scenario file " + scenario.sourceFile() + (scenario.overrides().isEmpty() ? ""
                : " with --set " + String.join(" ", scenario.overrides())) + "; " + seeds + "; "
                + Format.duration(r.sim().simulatedS()) + " simulated" + (reps.size() > 1 ? " each" : "")
                + "; statistics over requests arriving in " + Format.plain(r.window().startS()) + "-"
                + Format.plain(r.window().endS()) + " s (the first " + Format.plain(r.window().startS())
                + " s are warm-up).";
    }

    static String seedRange(ReplicationSummary reps) {
        long[] seeds = reps.seeds();
        return seeds[0] + "-" + seeds[seeds.length - 1];
    }

    /**
     * Latency statistics of one group of requests (all requests, or one class); {@code itl}, the gaps between tokens,
     * only for all requests (null otherwise).
     */
    record LatencyGroup(String name, LatencyStats ttft, LatencyStats tpot, LatencyStats e2e, LatencyStats queue,
            LatencyStats itl) {

        LatencyGroup(String name, LatencyStats ttft, LatencyStats tpot, LatencyStats e2e, LatencyStats queue) {
            this(name, ttft, tpot, e2e, queue, null);
        }
    }

    /** One percentile table per group; with one group the table has no group heading. */
    static void latencyTables(PdfDocumentBuilder pdf, List<LatencyGroup> groups) {
        for (LatencyGroup g : groups) {
            if (groups.size() > 1) {
                pdf.subheading(g.name() + " (" + Format.count(g.ttft().count()) + " requests)");
            }
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"metric (ms)", "mean", "p50", "p90", "p95", "p99", "max"});
            rows.add(latencyRow("TTFT (time to first token)", g.ttft()));
            rows.add(latencyRow("TPOT (time per output token)", g.tpot()));
            if (g.itl() != null && g.itl().count() > 0) {
                rows.add(latencyRow("ITL (gap between tokens)", g.itl()));
            }
            rows.add(latencyRow("E2E (end to end)", g.e2e()));
            rows.add(latencyRow("Queueing", g.queue()));
            pdf.table(rows, new float[] {0.34f, 0.11f, 0.11f, 0.11f, 0.11f, 0.11f, 0.11f});
        }
    }

    private static String[] latencyRow(String name, LatencyStats s) {
        return new String[] {name, Format.ms(s.mean()), Format.ms(s.p50()), Format.ms(s.p90()), Format.ms(s.p95()),
                Format.ms(s.p99()), Format.ms(s.max())};
    }

    private static List<String[]> glance(RunResult r) {
        List<String[]> facts = new ArrayList<>();
        facts.add(new String[] {"figure", "value"});
        RunResult.RequestCounts n = r.requests();
        facts.add(new String[] {"Requests arrived / completed / rejected / unfinished",
                Format.count(n.arrived()) + " / " + Format.count(n.completed()) + " / " + Format.count(n.rejected())
                        + " / " + Format.count(n.unfinished())});
        facts.add(new String[] {"Throughput", Format.number(r.throughput().requestsPerS(), 2) + " requests/s"});
        facts.add(new String[] {"Tokens", Format.number(r.throughput().inputTokensPerS(), 0) + " input/s, "
                + Format.number(r.throughput().outputTokensPerS(), 0) + " output/s"});
        if (!r.replicas().isEmpty()) {
            facts.add(new String[] {"KV cache in use (time-weighted mean)",
                    Format.percent(r.utilization().kvCacheMean())});
            facts.add(new String[] {"Sequences per forward pass (mean)",
                    Format.number(r.utilization().batchSizeMean(), 1)});
            facts.add(new String[] {"Replica time in forward passes", Format.percent(r.utilization().busyFraction())});
            facts.add(new String[] {"Preemptions", Format.count(PreemptionResult.of(r).total())});
        }
        if (!AppResult.of(r).cache().isNone()) {
            facts.add(new String[] {"Response cache hit rate", Format.percent(AppResult.of(r).cache().hitRate())});
        }
        facts.add(new String[] {"Cost per request", Format.usd(r.cost().usdPerRequest())});
        return facts;
    }

    /** Every headline metric as mean and 95% confidence interval over the replications. */
    static void replicationTable(PdfDocumentBuilder pdf, ReplicationSummary reps) {
        pdf.heading("Replications: mean and 95% confidence interval");
        pdf.subtle(reps.size() + " independent runs with seeds " + seedRange(reps) + "; intervals from Student's t "
                + "with " + (reps.size() - 1) + " degrees of freedom. Tables and charts elsewhere in this report show "
                + "the run with seed " + reps.first().seed() + ".");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"metric", "mean", "95% CI low", "95% CI high", "+/- of mean"});
        for (HeadlineMetric m : HeadlineMetric.ALL) {
            Estimate e = reps.estimate(m);
            rows.add(new String[] {MetricFormat.labelWithUnit(m), MetricFormat.value(m, e.mean()),
                    MetricFormat.value(m, e.ci95Low()), MetricFormat.value(m, e.ci95High()),
                    e.mean() != 0 && Double.isFinite(e.halfWidth())
                            ? Format.percent(e.halfWidth() / Math.abs(e.mean())) : "-"});
        }
        pdf.table(rows, new float[] {0.36f, 0.16f, 0.16f, 0.16f, 0.16f});
    }

    private static void distributions(PdfDocumentBuilder pdf, RunResult r, boolean replicated) {
        pdf.newPage();
        pdf.heading("Latency distributions");
        pdf.subtle("Share of measured requests (y) whose latency is at most x; the dashed red line is the SLO target. "
                + (replicated ? "Run with seed " + r.seed() + ". " : "")
                + "TPOT covers requests with more than one output token.");
        pdf.chartGrid(RunCharts.latencyCdfs(List.of(new RunCharts.Named(r.scenario(), r))), 1, 208);
    }

    private static void overTime(PdfDocumentBuilder pdf, RunResult r, boolean replicated) {
        if (r.timeSeries().samples().isEmpty()) {
            return;
        }
        pdf.newPage();
        pdf.heading("The run over time");
        pdf.subtle("Sampled every " + Format.plain(r.timeSeries().intervalS()) + " s of simulated time"
                + (replicated ? " (run with seed " + r.seed() + ")" : "") + ": arrivals are counted over each interval, "
                + "the other series are the state at the sample. Shaded: warm-up, not measured; dashed line: arrivals "
                + "end, the fleet drains what is left." + (r.timeSeries().pools().size() > 1 ? " One line per pool."
                : ""));
        pdf.chartGrid(RunCharts.timeSeries(r), 2, 205);
    }

    private static void cost(PdfDocumentBuilder pdf, RunResult r) {
        pdf.newPage();
        pdf.heading("Cost");
        if (!r.pools().isEmpty()) {
            gpuCost(pdf, r);
        }
        RunResult.Cost c = r.cost();
        List<String[]> unit = new ArrayList<>();
        unit.add(new String[] {"steady state, measurement window", "value"});
        unit.add(new String[] {"Cost per request", Format.usd(c.usdPerRequest())});
        unit.add(new String[] {"Cost per 1M output tokens", Format.usd(c.usdPer1mOutputTokens())});
        unit.add(new String[] {"Cost per 1M tokens (input + output)", Format.usd(c.usdPer1mTokens())});
        unit.add(new String[] {"Cost per day / per month", Format.usd(c.usdPerDay()) + " / "
                + Format.usd(c.usdPerMonth())});
        unit.add(new String[] {"GPU spend of this run (" + Format.duration(r.sim().simulatedS()) + ", drain included)",
                Format.usd(c.gpuUsd()) + " for " + Format.number(c.gpuHours(), 2) + " GPU-hours"});
        unit.add(new String[] {"API spend of this run", Format.usd(c.apiUsd())});
        if (c.gatewayUsd() > 0) {
            unit.add(new String[] {"Gateway spend of this run (classifier, embeddings)", Format.usd(c.gatewayUsd())});
        }
        pdf.table(unit, new float[] {0.6f, 0.4f});
        pdf.subtle("Self-hosted cost is provisioned GPU time, idle included, billed as each pool's pricing says "
                + "(on demand, reserved, spot or owned); API and gateway cost is per call. Per-request and per-token "
                + "figures divide the steady-state spend rate (the fleet, plus the per-call spend of requests that "
                + "arrived in the measurement window) by the completion rate in the window.");
        AppReport.costBreakdown(pdf, r);
    }

    /** Each GPU pool's spend rate, busy and idle. */
    private static void gpuCost(PdfDocumentBuilder pdf, RunResult r) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"pool", "GPUs", "$/GPU-hour", "$/hour", "$/month", "busy", "idle $/hour"});
        double totalIdle = 0;
        int totalGpus = 0;
        for (RunResult.PoolResult p : r.pools()) {
            int gpus = p.replicas() * p.layout().gpusPerReplica();
            double idle = p.usdPerHour() * (1 - p.utilization().busyFraction());
            totalIdle += idle;
            totalGpus += gpus;
            rows.add(new String[] {p.name() + " (" + p.gpu() + ")", Integer.toString(gpus),
                    Format.usd(p.usdPerHour() / gpus), Format.usd(p.usdPerHour()),
                    Format.usd(p.usdPerHour() * org.llmsim.metrics.CostCalculator.HOURS_PER_MONTH),
                    Format.percent(p.utilization().busyFraction()), Format.usd(idle)});
        }
        if (r.pools().size() > 1) {
            rows.add(new String[] {"fleet", Integer.toString(totalGpus), "", Format.usd(r.cost().usdPerHour()),
                    Format.usd(r.cost().usdPerMonth()), Format.percent(r.utilization().busyFraction()),
                    Format.usd(totalIdle)});
        }
        pdf.table(rows, new float[] {0.28f, 0.08f, 0.13f, 0.12f, 0.13f, 0.12f, 0.14f});
        pdf.chart(RunCharts.costBreakdown(r), Math.max(120, 70 + 30 * r.pools().size()));
    }

    private static void replicas(PdfDocumentBuilder pdf, RunResult r) {
        pdf.heading("Utilization per replica");
        pdf.chart(RunCharts.replicaUtilization(r), 190);
        if (r.replicas().size() > 32) {
            pdf.subtle("The table is left out for " + r.replicas().size() + " replicas; summary.json lists each one.");
            return;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"replica", "pool", "completed", "forward passes", "busy", "KV in use", "seq/pass"});
        for (RunResult.ReplicaResult rr : r.replicas()) {
            rows.add(new String[] {Integer.toString(rr.index()), rr.pool(), Format.count(rr.completed()),
                    Format.count(rr.iterations()), Format.percent(rr.utilization().busyFraction()),
                    Format.percent(rr.utilization().kvCacheMean()), Format.number(rr.utilization().batchSizeMean(), 1)});
        }
        pdf.table(rows, new float[] {0.1f, 0.2f, 0.14f, 0.16f, 0.13f, 0.13f, 0.14f});
    }

    /**
     * "4x h100-sxm", "2x2 a100-80gb (pp x tp)", "dp2 x 2x h100-sxm" (data-parallel ranks), with the draft model and
     * the prefill/decode split where used.
     */
    static String gpusPerReplica(RunResult.PoolResult p) {
        RunResult.PoolLayout l = p.layout();
        String s = dataParallelPrefix(p) + (l.pipelineParallel() > 1
                ? l.pipelineParallel() + "x" + p.tensorParallel() + " " + p.gpu() + " (pp x tp)"
                : p.tensorParallel() + "x " + p.gpu());
        if (l.draftModel() != null) {
            s += ", draft " + l.draftModel();
        }
        if (l.prefillReplicas() > 0) {
            s += ", " + l.prefillReplicas() + " prefill + " + l.decodeReplicas() + " decode";
        }
        return s;
    }

    /** "dp2 x " when a replica is several data-parallel ranks (its GPUs over pp x tp), else "". */
    static String dataParallelPrefix(RunResult.PoolResult p) {
        int rank = p.layout().pipelineParallel() * p.tensorParallel();
        int dp = rank > 0 ? p.layout().gpusPerReplica() / rank : 1;
        return dp > 1 ? "dp" + dp + " x " : "";
    }

    private static void deployment(PdfDocumentBuilder pdf, ReplicationSummary reps) {
        RunResult r = reps.first();
        pdf.heading("Deployment");
        List<String[]> pools = new ArrayList<>();
        pools.add(new String[] {"pool", "replicas", "model", "GPUs per replica", "batching", "KV tokens/replica"});
        for (RunResult.PoolResult p : r.pools()) {
            pools.add(new String[] {p.name(), Integer.toString(p.replicas()), p.model() + " " + p.weightDtype(),
                    gpusPerReplica(p), p.batching(), Format.count(p.kvTokensPerReplica())});
        }
        pdf.table(pools, new float[] {0.14f, 0.1f, 0.24f, 0.18f, 0.14f, 0.2f});
        pdf.subtle("Simulated " + Format.duration(r.sim().simulatedS()) + " (" + Format.count(r.sim().events())
                + " events) with seed " + r.seed() + ".");
        FleetSummary.pdf(pdf, r);
    }

    /** The scenario file as written, so the report describes itself. */
    static void appendix(PdfDocumentBuilder pdf, Scenario scenario) {
        pdf.newPage();
        pdf.heading("Appendix: the scenario");
        pdf.subtle(scenario.sourceFile() + (scenario.overrides().isEmpty() ? ""
                : ", then --set " + String.join(" ", scenario.overrides())));
        pdf.code(scenario.sourceText(), 110);
    }
}
