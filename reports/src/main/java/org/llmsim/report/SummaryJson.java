package org.llmsim.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.llmsim.metrics.AppResult;
import org.llmsim.metrics.ElasticResult;
import org.llmsim.metrics.Estimate;
import org.llmsim.metrics.HeadlineMetric;
import org.llmsim.metrics.ItlResult;
import org.llmsim.metrics.ReplicationSummary;
import org.llmsim.metrics.RunResult;

/**
 * {@code summary.json}: the headline figures of a run under stable keys (seconds, USD). Users' scripts depend on
 * these names; add keys, never rename them. Values that cannot be computed are {@code null}.
 */
public final class SummaryJson {
    private SummaryJson() {
    }

    /**
     * The summary of one run. Its layout, block by block: the core figures interleaved with each optional section's
     * block (written by the section's own output class) at the place users' scripts know it from.
     */
    public static ObjectNode toJson(RunResult r) {
        ObjectNode root = Json.object();
        root.put("scenario", r.scenario());
        root.put("seed", r.seed());
        root.set("requests", requests(r.requests()));
        root.set("ttft_s", Json.latency(r.ttft()));
        root.set("tpot_s", Json.latency(r.tpot()));
        root.set("e2e_s", Json.latency(r.e2e()));
        root.set("queue_s", Json.latency(r.queue()));
        root.set("itl_s", Json.latency(ItlResult.of(r).latency()));
        root.set("throughput", throughput(r.throughput()));
        root.set("slo", slo(r.slo()));
        ObjectNode cost = cost(r.cost());
        cost.set("breakdown", AppJson.breakdown(AppResult.of(r).breakdown()));
        root.set("cost", cost);
        root.set("utilization", utilization(r.utilization()));
        EnergyOutput.json(root, r);
        PreemptionOutput.json(root, r);
        PrefixCacheOutput.json(root, r);
        SpeculativeOutput.json(root, r);
        KvTransferOutput.json(root, r);
        ObjectNode window = root.putObject("window");
        Json.number(window, "start_s", r.window().startS());
        Json.number(window, "end_s", r.window().endS());
        ArrayNode pools = root.putArray("pools");
        r.pools().forEach(p -> pools.add(pool(p)));
        ArrayNode replicas = root.putArray("replicas");
        for (RunResult.ReplicaResult rr : r.replicas()) {
            ObjectNode replica = replicas.addObject();
            replica.put("index", rr.index());
            replica.put("pool", rr.pool());
            replica.put("completed", rr.completed());
            replica.put("iterations", rr.iterations());
            replica.set("utilization", utilization(rr.utilization()));
        }
        ObjectNode classes = root.putObject("classes");
        r.classes().forEach(k -> classes.set(k.name(), classResult(k)));
        EnergyOutput.perPoolAndClass(root, r);
        ObjectNode sim = root.putObject("sim");
        Json.number(sim, "wall_s", r.sim().wallS());
        sim.put("events", r.sim().events());
        Json.number(sim, "simulated_s", r.sim().simulatedS());
        if (!Double.isNaN(r.timeSeries().intervalS())) {
            ObjectNode ts = root.putObject("timeseries");
            Json.number(ts, "sample_interval_s", r.timeSeries().intervalS());
            ts.put("samples", r.timeSeries().samples().size());
        }
        AppJson.addTo(root, AppResult.of(r));
        ElasticJson.addTo(root, ElasticResult.of(r));
        FleetSummary.addTo(root, r);
        return root;
    }

    /**
     * The summary of replication 0 (the scenario's own seed) with a {@code replications} block when there are
     * several: their seeds and, per headline metric, the mean with its 95% confidence interval.
     */
    public static ObjectNode toJson(ReplicationSummary reps) {
        ObjectNode root = toJson(reps.first());
        if (reps.size() > 1) {
            root.set("replications", replications(reps));
        }
        return root;
    }

    /** The {@code replications} block: {@code n}, {@code seeds}, {@code confidence} and {@code metrics}. */
    public static ObjectNode replications(ReplicationSummary reps) {
        ObjectNode node = Json.object();
        node.put("n", reps.size());
        ArrayNode seeds = node.putArray("seeds");
        for (long seed : reps.seeds()) {
            seeds.add(seed);
        }
        node.put("confidence", Estimate.CONFIDENCE);
        ObjectNode metrics = node.putObject("metrics");
        for (HeadlineMetric m : HeadlineMetric.ALL) {
            metrics.set(m.key(), Json.estimate(reps.estimate(m)));
        }
        return node;
    }


    public static String render(RunResult r) {
        return render(toJson(r));
    }

    public static String render(ReplicationSummary reps) {
        return render(toJson(reps));
    }

    static String render(ObjectNode node) {
        return Json.render(node);
    }

    public static void write(RunResult r, Path file) throws IOException {
        Files.writeString(file, render(r));
    }

    public static void write(ReplicationSummary reps, Path file) throws IOException {
        Files.writeString(file, render(reps));
    }

    private static ObjectNode cost(RunResult.Cost c) {
        ObjectNode cost = Json.object();
        Json.number(cost, "total_usd", c.totalUsd());
        Json.number(cost, "gpu_usd", c.gpuUsd());
        Json.number(cost, "api_usd", c.apiUsd());
        Json.number(cost, "gpu_hours", c.gpuHours());
        Json.number(cost, "usd_per_request", c.usdPerRequest());
        Json.number(cost, "usd_per_1m_output_tokens", c.usdPer1mOutputTokens());
        Json.number(cost, "usd_per_1m_tokens", c.usdPer1mTokens());
        Json.number(cost, "usd_per_hour", c.usdPerHour());
        Json.number(cost, "usd_per_month", c.usdPerMonth());
        Json.number(cost, "gateway_usd", c.gatewayUsd());
        Json.number(cost, "usd_per_day", c.usdPerDay());
        return cost;
    }

    private static ObjectNode pool(RunResult.PoolResult p) {
        ObjectNode pool = Json.object();
        pool.put("name", p.name());
        pool.put("gpu", p.gpu());
        pool.put("model", p.model());
        pool.put("replicas", p.replicas());
        pool.put("tensor_parallel", p.tensorParallel());
        pool.put("weight_dtype", p.weightDtype());
        pool.put("kv_dtype", p.kvDtype());
        pool.put("batching", p.batching());
        pool.put("scheduler_order", p.schedulerOrder());
        pool.put("prefix_caching", p.prefixCaching());
        pool.put("preemption", p.preemption());
        pool.put("kv_blocks_per_replica", p.kvBlocksPerReplica());
        pool.put("kv_tokens_per_replica", p.kvTokensPerReplica());
        Json.number(pool, "usd_per_hour", p.usdPerHour());
        pool.put("completed", p.completed());
        pool.set("utilization", utilization(p.utilization()));
        layout(pool, p.layout());
        pool.set("ttft_s", Json.latency(p.latency().ttft()));
        pool.set("tpot_s", Json.latency(p.latency().tpot()));
        pool.set("e2e_s", Json.latency(p.latency().e2e()));
        return pool;
    }

    private static ObjectNode classResult(RunResult.ClassResult k) {
        ObjectNode node = Json.object();
        node.put("priority", k.priority());
        node.set("requests", requests(k.requests()));
        node.set("ttft_s", Json.latency(k.ttft()));
        node.set("tpot_s", Json.latency(k.tpot()));
        node.set("e2e_s", Json.latency(k.e2e()));
        node.set("queue_s", Json.latency(k.queue()));
        node.set("throughput", throughput(k.throughput()));
        node.set("slo", slo(k.slo()));
        return node;
    }

    private static ObjectNode requests(RunResult.RequestCounts n) {
        ObjectNode node = Json.object();
        node.put("arrived", n.arrived());
        node.put("completed", n.completed());
        node.put("rejected", n.rejected());
        node.put("unfinished", n.unfinished());
        node.put("measured", n.measured());
        ObjectNode reasons = node.putObject("rejected_by_reason");
        n.rejectedByReason().forEach(reasons::put);
        node.put("failed", n.failed());
        ObjectNode failedReasons = node.putObject("failed_by_reason");
        n.failedByReason().forEach(failedReasons::put);
        return node;
    }

    private static ObjectNode throughput(RunResult.Throughput t) {
        ObjectNode node = Json.object();
        Json.number(node, "requests_per_s", t.requestsPerS());
        Json.number(node, "input_tokens_per_s", t.inputTokensPerS());
        Json.number(node, "output_tokens_per_s", t.outputTokensPerS());
        return node;
    }

    private static ObjectNode slo(RunResult.SloResult s) {
        ObjectNode node = Json.object();
        Json.number(node, "attainment", s.attainment());
        Json.number(node, "goodput_rps", s.goodputRps());
        Json.number(node, "ttft_s", s.ttftS());
        Json.number(node, "tpot_s", s.tpotS());
        Json.number(node, "e2e_s", s.e2eS());
        Json.number(node, "deadline_s", s.deadlineS());
        Json.number(node, "deadline_attainment", s.deadlineAttainment());
        return node;
    }


    /** A pool's parallelism, speculation and disaggregation; the last two only where configured. */
    private static void layout(ObjectNode pool, RunResult.PoolLayout l) {
        pool.put("pipeline_parallel", l.pipelineParallel());
        pool.put("gpus_per_replica", l.gpusPerReplica());
        if (l.draftModel() != null) {
            ObjectNode speculative = pool.putObject("speculative");
            speculative.put("draft_model", l.draftModel());
            speculative.put("k", l.speculativeK());
            Json.number(speculative, "acceptance", l.acceptance());
        }
        if (l.prefillReplicas() > 0) {
            ObjectNode split = pool.putObject("disaggregated");
            split.put("prefill_replicas", l.prefillReplicas());
            split.put("decode_replicas", l.decodeReplicas());
            split.put("kv_link", l.kvLink());
        }
    }

    private static ObjectNode utilization(RunResult.Utilization u) {
        ObjectNode node = Json.object();
        Json.number(node, "kv_cache_mean", u.kvCacheMean());
        Json.number(node, "batch_size_mean", u.batchSizeMean());
        Json.number(node, "busy_fraction", u.busyFraction());
        return node;
    }

}
