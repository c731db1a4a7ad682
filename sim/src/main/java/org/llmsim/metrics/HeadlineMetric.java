package org.llmsim.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * A figure a planner compares between runs, named by its path in {@code summary.json} ({@code ttft_s.p99},
 * {@code cost.usd_per_1m_output_tokens}). The same list drives replication confidence intervals, the comparison
 * table and {@code replications.csv}, so every headline metric appears everywhere under one name.
 *
 * @param key    path in {@code summary.json}, dot-separated
 * @param label  short human name, e.g. "TTFT p99"
 * @param kind   what the number is, for formatting
 * @param better which direction is an improvement
 * @param value  extracts the figure from a run (NaN when it cannot be computed)
 */
public record HeadlineMetric(String key, String label, Kind kind, Better better, ToDoubleFunction<RunResult> value) {

    /** What a value is, so that reports can format it with its unit. */
    public enum Kind {
        /** seconds (reports show milliseconds) */
        SECONDS,
        /** US dollars */
        USD,
        /** a share in [0, 1] (reports show percent) */
        FRACTION,
        /** something per second */
        RATE,
        /** a count of events or requests */
        COUNT,
        /** a plain quantity, e.g. sequences per pass */
        QUANTITY
    }

    /** Which direction of change is an improvement. */
    public enum Better {
        LOWER, HIGHER, NEITHER
    }

    /** Every headline metric, in the order reports show them. */
    public static final List<HeadlineMetric> ALL = build();

    public double of(RunResult r) {
        return value.applyAsDouble(r);
    }

    /** The metric with this key. */
    public static HeadlineMetric byKey(String key) {
        for (HeadlineMetric m : ALL) {
            if (m.key.equals(key)) {
                return m;
            }
        }
        throw new IllegalArgumentException("no headline metric " + key);
    }

    private static List<HeadlineMetric> build() {
        List<HeadlineMetric> all = new ArrayList<>();
        latency(all, "ttft_s", "TTFT", RunResult::ttft);
        latency(all, "tpot_s", "TPOT", RunResult::tpot);
        latency(all, "itl_s", "ITL", r -> ItlResult.of(r).latency());
        latency(all, "e2e_s", "E2E", RunResult::e2e);
        latency(all, "queue_s", "queue", RunResult::queue);
        all.add(new HeadlineMetric("throughput.requests_per_s", "throughput (req/s)", Kind.RATE, Better.HIGHER,
                r -> r.throughput().requestsPerS()));
        all.add(new HeadlineMetric("throughput.output_tokens_per_s", "output tokens/s", Kind.RATE, Better.HIGHER,
                r -> r.throughput().outputTokensPerS()));
        all.add(new HeadlineMetric("slo.attainment", "SLO attainment", Kind.FRACTION, Better.HIGHER,
                r -> r.slo().attainment()));
        all.add(new HeadlineMetric("slo.goodput_rps", "goodput (req/s)", Kind.RATE, Better.HIGHER,
                r -> r.slo().goodputRps()));
        all.add(new HeadlineMetric("cost.usd_per_hour", "$/hour", Kind.USD, Better.LOWER,
                r -> r.cost().usdPerHour()));
        all.add(new HeadlineMetric("cost.usd_per_request", "$/request", Kind.USD, Better.LOWER,
                r -> r.cost().usdPerRequest()));
        all.add(new HeadlineMetric("cost.usd_per_1m_output_tokens", "$/1M output tokens", Kind.USD, Better.LOWER,
                r -> r.cost().usdPer1mOutputTokens()));
        all.add(new HeadlineMetric("cost.usd_per_1m_tokens", "$/1M tokens", Kind.USD, Better.LOWER,
                r -> r.cost().usdPer1mTokens()));
        all.add(new HeadlineMetric("utilization.kv_cache_mean", "KV cache in use", Kind.FRACTION, Better.NEITHER,
                r -> r.utilization().kvCacheMean()));
        all.add(new HeadlineMetric("utilization.batch_size_mean", "batch (seq/pass)", Kind.QUANTITY, Better.NEITHER,
                r -> r.utilization().batchSizeMean()));
        all.add(new HeadlineMetric("utilization.busy_fraction", "busy time", Kind.FRACTION, Better.NEITHER,
                r -> r.utilization().busyFraction()));
        all.add(new HeadlineMetric("preemptions", "preemptions", Kind.COUNT, Better.LOWER,
                r -> PreemptionResult.of(r).total()));
        all.add(new HeadlineMetric("requests.rejected", "rejected", Kind.COUNT, Better.LOWER,
                r -> r.requests().rejected()));
        all.add(new HeadlineMetric("requests.unfinished", "unfinished", Kind.COUNT, Better.LOWER,
                r -> r.requests().unfinished()));
        all.add(new HeadlineMetric("cost.usd_per_month", "$/month", Kind.USD, Better.LOWER,
                r -> r.cost().usdPerMonth()));
        all.add(new HeadlineMetric("cost.api_usd", "API $ this run", Kind.USD, Better.LOWER,
                r -> r.cost().apiUsd()));
        all.add(new HeadlineMetric("cache.hit_rate", "cache hit rate", Kind.FRACTION, Better.HIGHER,
                r -> AppResult.of(r).cache().hitRate()));
        return Collections.unmodifiableList(all);
    }

    private static void latency(List<HeadlineMetric> all, String key, String label,
            java.util.function.Function<RunResult, LatencyStats> stats) {
        all.add(new HeadlineMetric(key + ".mean", label + " mean", Kind.SECONDS, Better.LOWER,
                r -> stats.apply(r).mean()));
        for (int p : new int[] {50, 90, 95, 99}) {
            all.add(new HeadlineMetric(key + ".p" + p, label + " p" + p, Kind.SECONDS, Better.LOWER,
                    r -> stats.apply(r).percentile(p)));
        }
    }
}
