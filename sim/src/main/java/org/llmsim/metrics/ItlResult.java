package org.llmsim.metrics;

/**
 * Inter-token latency as {@code vllm bench serve} measures it: the gap between each output token of a measured request
 * (arrived inside the window) and the previous one, one value per token after the first.
 *
 * @param latency the gaps, seconds
 */
public record ItlResult(LatencyStats latency) implements Section {
    public static final ItlResult NONE = new ItlResult(LatencyStats.empty());
    /** Merged as one histogram of every domain's gaps. */
    public static final SectionType<ItlResult> TYPE = new SectionType<>("itl_s", ItlResult.class, NONE,
            (parts, fleet) -> new ItlResult(Merging.latency(parts, ItlResult::latency)));

    /** The inter-token latency of {@code r} (empty when it measured no gaps). */
    public static ItlResult of(RunResult r) {
        return TYPE.of(r);
    }

    @Override
    public SectionType<ItlResult> type() {
        return TYPE;
    }
}
