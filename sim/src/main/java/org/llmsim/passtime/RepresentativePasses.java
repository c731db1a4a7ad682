package org.llmsim.passtime;

import java.util.List;

/**
 * Three passes that show where a pool's time goes: one sequence decoding at 1,000 tokens of context (latency when
 * quiet), a full batch decoding at the pool's typical context (throughput when busy), and a full prompt chunk
 * (time to first token of a long prompt). {@code llmsim validate} and {@code catalog} print their breakdowns.
 */
public final class RepresentativePasses {
    /** Context of the quiet decode. */
    public static final long QUIET_CONTEXT = 1000;

    private RepresentativePasses() {
    }

    /** A named pass and its breakdown. */
    public record Pass(String name, Shape shape, PassBreakdown breakdown) {
    }

    /**
     * @param maxBatchSize     the pool's batch limit
     * @param kvTokens         KV tokens a replica holds
     * @param typicalContext   context of a typical running sequence (its prompt and half its answer)
     * @param chunkTokens      tokens of a full prompt chunk (the token budget, or the longest prompt if shorter)
     */
    public static List<Pass> of(PassCostModel cost, int maxBatchSize, long kvTokens, long typicalContext,
            long chunkTokens) {
        long context = Math.max(1, typicalContext);
        int batch = (int) Math.max(1, Math.min(maxBatchSize, kvTokens / (context + 1)));
        Shape quiet = Shape.decode(1, QUIET_CONTEXT);
        Shape busy = Shape.decode(batch, context);
        Shape chunk = Shape.prefill(Math.max(1, chunkTokens), 0);
        return List.of(new Pass("batch-1 decode at " + QUIET_CONTEXT + " tokens", quiet, cost.breakdown(quiet)),
                new Pass("decode of " + batch + " at " + context + " tokens", busy, cost.breakdown(busy)),
                new Pass("prompt chunk of " + chunk.promptTokens() + " tokens", chunk, cost.breakdown(chunk)));
    }
}
