package org.llmsim.calibration;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A benchmark metric, named by its key in a {@code vllm bench serve} result JSON. Latencies are milliseconds,
 * throughputs per second over the benchmark's duration (first request sent to last response finished).
 */
public enum Metric {
    MEAN_TTFT_MS("TTFT mean", "ms"),
    MEDIAN_TTFT_MS("TTFT median", "ms"),
    P99_TTFT_MS("TTFT p99", "ms"),
    MEAN_TPOT_MS("TPOT mean", "ms"),
    MEDIAN_TPOT_MS("TPOT median", "ms"),
    P99_TPOT_MS("TPOT p99", "ms"),
    /** Mean gap between consecutive tokens over all tokens: total decode time over tokens after the first. */
    MEAN_ITL_MS("ITL mean", "ms"),
    /** Median gap between consecutive tokens, over every gap the engine reported. */
    MEDIAN_ITL_MS("ITL median", "ms"),
    MEAN_E2EL_MS("E2E mean", "ms"),
    MEDIAN_E2EL_MS("E2E median", "ms"),
    REQUEST_THROUGHPUT("throughput", "req/s"),
    OUTPUT_THROUGHPUT("output", "tok/s"),
    TOTAL_TOKEN_THROUGHPUT("in+out", "tok/s"),
    /** GPU energy over the benchmark per output token (GPU power as NVML reports it: board power, no host). */
    JOULES_PER_OUTPUT_TOKEN("energy", "J/tok");

    private final String label;
    private final String unit;

    Metric(String label, String unit) {
        this.label = label;
        this.unit = unit;
    }

    /** The key in a {@code vllm bench serve} result JSON, e.g. {@code mean_ttft_ms}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A short human label, e.g. "TTFT mean". */
    public String label() {
        return label;
    }

    public String unit() {
        return unit;
    }

    /** Whether the metric describes latency (as opposed to throughput). */
    public boolean isLatency() {
        return unit.equals("ms");
    }

    /** The metric with this result key, or null. */
    public static Metric byKey(String key) {
        for (Metric m : values()) {
            if (m.key().equals(key)) {
                return m;
            }
        }
        return null;
    }

    /** Every key, for messages. */
    public static List<String> keys() {
        return Arrays.stream(values()).map(Metric::key).toList();
    }

    /** This metric's value in {@code stats}. */
    public double of(BenchmarkStats s) {
        return switch (this) {
            case MEAN_TTFT_MS -> s.ttftS().mean() * 1e3;
            case MEDIAN_TTFT_MS -> s.ttftS().median() * 1e3;
            case P99_TTFT_MS -> s.ttftS().p99() * 1e3;
            case MEAN_TPOT_MS -> s.tpotS().mean() * 1e3;
            case MEDIAN_TPOT_MS -> s.tpotS().median() * 1e3;
            case MEDIAN_ITL_MS -> s.medianItlS() * 1e3;
            case P99_TPOT_MS -> s.tpotS().p99() * 1e3;
            case MEAN_ITL_MS -> s.meanItlS() * 1e3;
            case MEAN_E2EL_MS -> s.e2elS().mean() * 1e3;
            case MEDIAN_E2EL_MS -> s.e2elS().median() * 1e3;
            case REQUEST_THROUGHPUT -> s.requestThroughput();
            case OUTPUT_THROUGHPUT -> s.outputThroughput();
            case TOTAL_TOKEN_THROUGHPUT -> s.totalTokenThroughput();
            case JOULES_PER_OUTPUT_TOKEN -> s.joulesPerOutputToken();
        };
    }
}
