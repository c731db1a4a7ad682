package org.llmsim.autoscale;

import java.util.Arrays;
import java.util.List;

import org.llmsim.engine.Replica;
import org.llmsim.engine.ReplicaState;
import org.llmsim.request.Request;
import org.llmsim.scenario.AutoscaleSpec;

/**
 * The load signal of one pool, read once per evaluation. For the additive signals (queue length, concurrency, KV
 * utilization) it is the pool's total, so that the replicas wanted are {@code total / target}, as a
 * HorizontalPodAutoscaler on an average-value target computes them; for p95 TTFT it is the ratio of the observed to
 * the target value, which multiplies the current size (the HPA's utilization rule).
 */
final class ScalingSignal {
    private final AutoscaleSpec.Metric metric;
    /** TTFTs of requests the pool completed since the last reading (TTFT signal only). */
    private double[] ttfts = new double[64];
    private int ttftCount;

    ScalingSignal(AutoscaleSpec.Metric metric) {
        this.metric = metric;
    }

    /** Whether the signal needs every completed request ({@link #onCompleted}). */
    boolean watchesCompletions() {
        return metric == AutoscaleSpec.Metric.TTFT_P95;
    }

    /** A request the pool completed (TTFT signal only): O(1), amortised. */
    void onCompleted(Request r) {
        if (ttftCount == ttfts.length) {
            ttfts = Arrays.copyOf(ttfts, ttfts.length * 2);
        }
        ttfts[ttftCount++] = r.ttftS();
    }

    /**
     * The replicas the signal asks for, unrounded (NaN when it has nothing to say: no request completed for the TTFT
     * signal while some are outstanding), and the value per replica for the record; then starts a new interval.
     *
     * @param replicas the pool's replicas
     * @param current  replicas the pool wants now (provisioned, not draining)
     */
    Reading read(List<Replica> replicas, int current) {
        double total = 0;
        int serving = 0;
        int outstanding = 0;
        for (Replica r : replicas) {
            ReplicaState s = r.state();
            if (!s.provisioned()) {
                continue;
            }
            outstanding += r.outstanding();
            switch (metric) {
                case QUEUE_LENGTH -> total += r.waitingCount();
                case CONCURRENCY -> total += r.outstanding();
                case KV_UTILIZATION -> total += s.runsPasses() ? r.kvUtilization() : 0;
                case TTFT_P95 -> { }
            }
            serving += s.runsPasses() ? 1 : 0;
        }
        if (metric != AutoscaleSpec.Metric.TTFT_P95) {
            double perReplica = total / Math.max(1, metric == AutoscaleSpec.Metric.KV_UTILIZATION ? serving : current);
            return new Reading(total, perReplica);
        }
        double p95 = p95();
        ttftCount = 0;
        if (Double.isNaN(p95)) {
            return new Reading(outstanding == 0 ? 0 : Double.NaN, Double.NaN);
        }
        return new Reading(Math.max(current, 1) * p95, p95);
    }

    private double p95() {
        if (ttftCount == 0) {
            return Double.NaN;
        }
        Arrays.sort(ttfts, 0, ttftCount);
        // nearest rank, as a dashboard's histogram quantile would give it to within a bucket
        int rank = (int) Math.ceil(0.95 * ttftCount);
        return ttfts[Math.max(0, rank - 1)];
    }

    /**
     * @param load       the signal in units of the target: replicas wanted are {@code load / target}; NaN for no
     *                   signal
     * @param perReplica the signal per replica (what a dashboard shows), NaN when none
     */
    record Reading(double load, double perReplica) {
    }
}
