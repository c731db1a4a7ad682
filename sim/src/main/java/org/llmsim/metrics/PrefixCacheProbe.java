package org.llmsim.metrics;

/**
 * Prefix cache lookups. Window: measured requests (the engine reports lookups only for requests the collector
 * {@linkplain MetricsCollector#measures measures}); the rates count first-time lookups, the saved tokens every
 * admission.
 */
final class PrefixCacheProbe {
    private long lookups;
    private long requestsHit;
    private long queriedTokens;
    private long hitTokens;
    private long prefillTokensSaved;

    void lookup(long queried, long hit, boolean firstTime) {
        prefillTokensSaved += hit;
        if (firstTime) {
            lookups++;
            queriedTokens += queried;
            hitTokens += hit;
            if (hit > 0) {
                requestsHit++;
            }
        }
    }

    PrefixCacheResult result() {
        return new PrefixCacheResult(lookups, queriedTokens, hitTokens, requestsHit, prefillTokensSaved);
    }
}
