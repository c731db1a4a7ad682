package org.llmsim.scenario;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Autoscaling of a GPU pool ({@code cluster.pools[i].autoscale}): between {@code min_replicas} and
 * {@code max_replicas}, one evaluation every {@code interval_s} compares a load signal with its per-replica target and
 * asks for {@code ceil(signal / target)} replicas, as Kubernetes' HorizontalPodAutoscaler does. New replicas cost money
 * from the moment they are requested and serve after {@code cold_start_s}; replicas scaled away drain (no new
 * requests, in-flight ones finish) and stop costing when empty. The pool's {@code replicas} is the number warm at
 * t = 0 (default {@code min_replicas}).
 *
 * @param minReplicas     fewest replicas while the pool has traffic (default 1; 0 needs {@code scale_to_zero})
 * @param maxReplicas     most replicas (required)
 * @param target          the signal and its per-replica target ({@link Target})
 * @param intervalS       seconds between evaluations (default 15, the HorizontalPodAutoscaler's sync period)
 * @param coldStartS      seconds from requesting a replica to its first forward pass (model load and engine start;
 *                        default derived from the weight bytes, {@link org.llmsim.hardware.ColdStart})
 * @param scaleDownDelayS a scale-down goes no lower than the highest recommendation of this many past seconds (default
 *                        300, the HorizontalPodAutoscaler's downscale stabilization window); with
 *                        {@code scale_to_zero}, also how long a pool must be idle before it drops to zero
 * @param scaleToZero     drop to zero replicas once nothing has arrived or been outstanding for
 *                        {@code scale_down_delay_s}; the next request starts a replica at once and waits for its cold
 *                        start (default false)
 * @param tolerance       no change while {@code |signal / (target x replicas) - 1|} is within it (default 0.1, the
 *                        HorizontalPodAutoscaler's)
 */
public record AutoscaleSpec(Integer minReplicas, Integer maxReplicas, Target target, Double intervalS,
        Double coldStartS, Double scaleDownDelayS, Boolean scaleToZero, Double tolerance) {

    /** Seconds between evaluations when {@code interval_s} is left out (Kubernetes HPA's default sync period). */
    public static final double DEFAULT_INTERVAL_S = 15;
    /** Scale-down stabilization when left out (Kubernetes HPA's default). */
    public static final double DEFAULT_SCALE_DOWN_DELAY_S = 300;
    /** Relative band around the target within which nothing changes (Kubernetes HPA's default). */
    public static final double DEFAULT_TOLERANCE = 0.1;

    public AutoscaleSpec {
        if (minReplicas == null) {
            minReplicas = 1;
        }
        if (intervalS == null) {
            intervalS = DEFAULT_INTERVAL_S;
        }
        if (scaleDownDelayS == null) {
            scaleDownDelayS = DEFAULT_SCALE_DOWN_DELAY_S;
        }
        if (scaleToZero == null) {
            scaleToZero = false;
        }
        if (tolerance == null) {
            tolerance = DEFAULT_TOLERANCE;
        }
    }

    /**
     * What the autoscaler watches, with the vLLM metric each stands for.
     */
    public enum Metric {
        /** Requests waiting for a forward pass, per replica ({@code vllm:num_requests_waiting}). */
        @JsonProperty("queue_length") QUEUE_LENGTH,
        /** Requests waiting or running, per replica (Knative's concurrency target). */
        @JsonProperty("concurrency") CONCURRENCY,
        /** Share of the KV cache in use, mean over serving replicas ({@code vllm:gpu_cache_usage_perc}). */
        @JsonProperty("kv_utilization") KV_UTILIZATION,
        /** p95 TTFT in seconds of the requests the pool completed during the last interval. */
        @JsonProperty("ttft_p95") TTFT_P95;

        public String yamlName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * @param metric the signal
     * @param value  its target per replica: requests for queue_length and concurrency, a fraction in (0, 1] for
     *               kv_utilization, seconds for ttft_p95
     */
    public record Target(Metric metric, Double value) {
        void validate(String path, Problems p) {
            p.required(path + ".metric", metric);
            if (p.required(path + ".value", value)) {
                if (metric == Metric.KV_UTILIZATION) {
                    p.fraction(path + ".value", value);
                } else {
                    p.positive(path + ".value", value);
                }
            }
        }
    }

    public void validate(String path, Problems p) {
        p.nonNegative(path + ".min_replicas", minReplicas);
        if (p.required(path + ".max_replicas", maxReplicas)) {
            p.atLeast(path + ".max_replicas", maxReplicas, 1);
            if (minReplicas != null && maxReplicas < minReplicas) {
                p.add(path + ".max_replicas", "must be >= min_replicas (" + minReplicas + "), got " + maxReplicas);
            }
        }
        if (minReplicas != null && minReplicas == 0 && !scaleToZero) {
            p.add(path + ".min_replicas", "0 needs scale_to_zero: true (a pool at zero starts a replica when a "
                    + "request arrives); or set min_replicas >= 1");
        }
        if (p.required(path + ".target", target)) {
            target.validate(path + ".target", p);
        }
        p.positive(path + ".interval_s", intervalS);
        p.nonNegative(path + ".cold_start_s", coldStartS);
        p.nonNegative(path + ".scale_down_delay_s", scaleDownDelayS);
        if (tolerance != null && !(tolerance >= 0 && tolerance < 1)) {
            p.add(path + ".tolerance", "must be in [0, 1), a fraction of the target, got " + Problems.format(tolerance));
        }
    }
}
