package org.llmsim.metrics;

/**
 * Inter-token latency. Window: the tokens of measured requests (the engine reports gaps only for requests the
 * collector {@linkplain MetricsCollector#measures measures}); a pass reports all its decodes' equal gaps at once.
 */
final class ItlProbe {
    private final LatencyHistogram gaps = new LatencyHistogram();

    void gaps(double gapS, long count) {
        gaps.record(gapS, count);
    }

    ItlResult result() {
        return new ItlResult(gaps.summary());
    }
}
