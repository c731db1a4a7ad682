package org.llmsim.metrics;

import java.util.List;

/**
 * The prefix cache over measured requests (arrived inside the window), as raw counts; the rates derive from them, so
 * a fleet's rates are those of its summed counts. Rates are NaN when no pool caches prefixes.
 *
 * @param lookups            first-time lookups (requests) counted in the rates
 * @param queriedTokens      prompt tokens looked up at first scheduling (the denominator of {@link #hitRate})
 * @param hitTokens          of those, the ones found cached
 * @param requestsHit        first-time lookups that found at least one cached block
 * @param prefillTokensSaved prompt tokens not computed thanks to the cache, every admission included (also
 *                           re-admissions after a recompute preemption)
 */
public record PrefixCacheResult(long lookups, long queriedTokens, long hitTokens, long requestsHit,
        long prefillTokensSaved) implements Section {
    public static final PrefixCacheResult NONE = new PrefixCacheResult(0, 0, 0, 0, 0);
    /** Merged by summing the counts. */
    public static final SectionType<PrefixCacheResult> TYPE = new SectionType<>("prefix_cache",
            PrefixCacheResult.class, NONE, (parts, fleet) -> merge(parts));

    /** The prefix cache figures of {@code r} (no lookups when no pool caches prefixes). */
    public static PrefixCacheResult of(RunResult r) {
        return TYPE.of(r);
    }

    /** Prompt tokens found cached at first scheduling over prompt tokens looked up. */
    public double hitRate() {
        return CostCalculator.ratio(hitTokens, queriedTokens);
    }

    /** Share of requests that found at least one cached block at first scheduling. */
    public double requestHitRate() {
        return CostCalculator.ratio(requestsHit, lookups);
    }

    @Override
    public SectionType<PrefixCacheResult> type() {
        return TYPE;
    }

    static PrefixCacheResult merge(List<PrefixCacheResult> parts) {
        return new PrefixCacheResult(Merging.sumLong(parts, PrefixCacheResult::lookups),
                Merging.sumLong(parts, PrefixCacheResult::queriedTokens),
                Merging.sumLong(parts, PrefixCacheResult::hitTokens),
                Merging.sumLong(parts, PrefixCacheResult::requestsHit),
                Merging.sumLong(parts, PrefixCacheResult::prefillTokensSaved));
    }
}
