package org.llmsim.engine;

/**
 * One planned forward pass: which prompts (or prompt chunks) are computed, how many sequences decode, and the
 * aggregate shape the cost model prices. Made by {@link BatchScheduler#schedule}, applied by
 * {@link BatchScheduler#complete}.
 *
 * @param decodeTokens   sequences that decode one token
 * @param prefills       sequences whose prompt, or a chunk of it, is computed in this pass
 * @param prefillTokens  tokens computed for each of {@code prefills}
 * @param sequences      sequences in the pass
 * @param newTokens      tokens computed in total
 * @param attendedTokens sum over new tokens of the context each attends to
 * @param kvReadTokens   tokens whose KV is read
 * @param kvWriteTokens  tokens whose KV is written
 * @param outputTokens   output tokens the pass produces
 * @param usedBlocks     KV blocks in use during the pass
 * @param steadyTokens   measured output tokens whose previous token came at the end of the previous pass: their
 *                       inter-token latency is this pass's duration
 * @param preemption     KV moved or recomputed because of preemptions ({@link PreemptionWork#NONE} mostly)
 * @param decodeKvTokens KV tokens the decoding sequences hold before the pass
 * @param acceptedTokens tokens each decoding sequence emits in this pass: 1, or with speculative decoding the number
 *                       of draft tokens the target accepted plus one (every sequence scores {@code k + 1} tokens)
 * @param joined         sequences that arrived with their KV from a prefill replica (disaggregation) and decode here
 *                       for the first time: their token follows a gap since their first token
 */
record BatchPlan(int decodeTokens, Sequence[] prefills, int[] prefillTokens, int sequences, long newTokens,
        long attendedTokens, long kvReadTokens, long kvWriteTokens, int outputTokens, int usedBlocks,
        int steadyTokens, PreemptionWork preemption, long decodeKvTokens, int acceptedTokens, Sequence[] joined) {

    static final Sequence[] NO_SEQUENCES = new Sequence[0];
    static final int[] NO_TOKENS = new int[0];

    /** A pass of one token per decoding sequence, without sequences joining from elsewhere. */
    BatchPlan(int decodeTokens, Sequence[] prefills, int[] prefillTokens, int sequences, long newTokens,
            long attendedTokens, long kvReadTokens, long kvWriteTokens, int outputTokens, int usedBlocks,
            int steadyTokens, PreemptionWork preemption) {
        this(decodeTokens, prefills, prefillTokens, sequences, newTokens, attendedTokens, kvReadTokens, kvWriteTokens,
                outputTokens, usedBlocks, steadyTokens, preemption, Math.max(0, attendedTokens - decodeTokens), 1,
                NO_SEQUENCES);
    }

    /** Attention pairs of a causal prefill of {@code tokens} tokens over an empty context: 1 + 2 + ... + tokens. */
    static long causalPairs(long tokens) {
        return tokens * (tokens + 1) / 2;
    }

    /** Attention pairs of {@code tokens} new tokens after {@code context} cached ones: each sees all before it. */
    static long chunkPairs(long context, long tokens) {
        return tokens * context + causalPairs(tokens);
    }

    /**
     * Work a pass does because of preemptions: KV copied to or from host memory, and tokens computed again after a
     * recompute preemption dropped their KV.
     *
     * @param swappedIn         sequences copied back from host memory that decode in this pass
     * @param swapOutBlocks     KV blocks copied to host memory before the pass
     * @param swapInBlocks      KV blocks copied back before the pass
     * @param recomputeTokens   tokens computed in this pass whose KV had been computed before and dropped
     * @param recomputeAttended attention pairs of those tokens
     */
    record PreemptionWork(Sequence[] swappedIn, int swapOutBlocks, int swapInBlocks, long recomputeTokens,
            long recomputeAttended) {
        static final PreemptionWork NONE = new PreemptionWork(NO_SEQUENCES, 0, 0, 0, 0);

        boolean isNone() {
            return this == NONE;
        }
    }
}
