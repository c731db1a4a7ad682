package org.llmsim.metrics;

import java.util.List;

/**
 * Preemptions over the whole run by what was done to the victim's KV, and what they cost.
 *
 * @param recompute       preemptions whose KV was dropped and recomputed (swap fallbacks included)
 * @param swap            preemptions whose KV was copied to host memory and back
 * @param swapSpaceFull   swaps that found the host swap space full and recomputed instead
 * @param swappedBytes    KV bytes copied to and from host memory, both directions, all GPUs
 * @param swapS           pass time spent copying KV over PCIe (each copy delays the pass it precedes)
 * @param recomputeTokens tokens computed again because a recompute preemption dropped their KV
 * @param recomputeS      pass time spent on those tokens: each pass's time minus its time without them
 */
public record PreemptionResult(long recompute, long swap, long swapSpaceFull, double swappedBytes, double swapS,
        long recomputeTokens, double recomputeS) implements Section {
    public static final PreemptionResult NONE = new PreemptionResult(0, 0, 0, 0, 0, 0, 0);
    /** Merged by summing every count and time. */
    public static final SectionType<PreemptionResult> TYPE = new SectionType<>("preemption", PreemptionResult.class,
            NONE, (parts, fleet) -> merge(parts));

    /** The preemptions of {@code r} (none when nothing was preempted). */
    public static PreemptionResult of(RunResult r) {
        return TYPE.of(r);
    }

    /** Preemptions of either mode. */
    public long total() {
        return recompute + swap;
    }

    @Override
    public SectionType<PreemptionResult> type() {
        return TYPE;
    }

    static PreemptionResult merge(List<PreemptionResult> parts) {
        return new PreemptionResult(Merging.sumLong(parts, PreemptionResult::recompute),
                Merging.sumLong(parts, PreemptionResult::swap), Merging.sumLong(parts, PreemptionResult::swapSpaceFull),
                Merging.sum(parts, PreemptionResult::swappedBytes), Merging.sum(parts, PreemptionResult::swapS),
                Merging.sumLong(parts, PreemptionResult::recomputeTokens),
                Merging.sum(parts, PreemptionResult::recomputeS));
    }
}
