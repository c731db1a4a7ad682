package org.llmsim.engine;

import org.llmsim.passtime.PassShape;

/**
 * One planned forward pass: which prompts (or prompt chunks) are computed, how many sequences decode, and the
 * aggregate shape the cost model prices ({@link PassShape}). Made by {@link BatchScheduler#schedule}, applied by
 * {@link BatchScheduler#complete}.
 *
 * @param decodeTokens       sequences that decode (one token each, or {@code k + 1} verified with speculation)
 * @param prefills           sequences whose prompt, or a chunk of it, is computed in this pass
 * @param prefillTokens      tokens computed for each of {@code prefills}
 * @param sequences          sequences in the pass
 * @param newTokens          tokens computed in total
 * @param promptTokens       of those, prompt-chunk tokens
 * @param promptPairs        causal attention pairs of the prompt-chunk tokens
 * @param promptKvReadTokens KV tokens the prompt chunks' attention reads
 * @param decodePairs        attention pairs of the decode (or verified) tokens
 * @param decodeKvReadTokens KV tokens the decodes' attention reads
 * @param sampledTokens      tokens whose logits are computed: completed prompts' last tokens, decode and verified
 *                           tokens
 * @param outputTokens       output tokens the pass produces
 * @param usedBlocks         KV blocks in use during the pass
 * @param steadyTokens       measured output tokens of sequences that also decoded in the previous pass that had
 *                           decodes: their inter-token latency runs from {@code steadySinceS} to this pass's end
 * @param preemption         KV moved or recomputed because of preemptions ({@link PreemptionWork#NONE} mostly)
 * @param decodeKvTokens     KV tokens the decoding sequences hold before the pass
 * @param acceptedTokens     tokens each decoding sequence emits in this pass: 1, or with speculative decoding the
 *                           number of draft tokens the target accepted plus one
 * @param joined             sequences that arrived with their KV from a prefill replica (disaggregation) and decode
 *                           here for the first time: their token follows a gap since their first token
 * @param steps              forward steps the pass runs (multi-step scheduling): the shape above is the first; each
 *                           later step decodes the same sequences one token further; 1 normally
 * @param steadySinceS       when the steady tokens' previous tokens came: the end of the last pass with decodes,
 *                           earlier than this pass's start when prompt-only passes stalled the answers in between;
 *                           NaN: at this pass's start
 */
record BatchPlan(int decodeTokens, Sequence[] prefills, int[] prefillTokens, int sequences, long newTokens,
        long promptTokens, long promptPairs, long promptKvReadTokens, long decodePairs, long decodeKvReadTokens,
        long sampledTokens, int outputTokens, int usedBlocks, int steadyTokens, PreemptionWork preemption,
        long decodeKvTokens, int acceptedTokens, Sequence[] joined, int steps, double steadySinceS)
        implements PassShape {

    static final Sequence[] NO_SEQUENCES = new Sequence[0];
    static final int[] NO_TOKENS = new int[0];

    /** Attention pairs of every new token. */
    long attendedTokens() {
        return promptPairs + decodePairs;
    }

    /** KV tokens read. */
    long kvReadTokens() {
        return promptKvReadTokens + decodeKvReadTokens;
    }

    /** KV tokens written: every new token's. */
    long kvWriteTokens() {
        return newTokens;
    }

    /** A pass of {@code n} sequences decoding one token each, attending to {@code kvRead} tokens in all. */
    static BatchPlan decodes(int n, long kvRead, int outputs, int usedBlocks, int steady) {
        return new BatchPlan(n, NO_SEQUENCES, NO_TOKENS, n, n, 0, 0, 0, kvRead, kvRead, n, outputs, usedBlocks, steady,
                PreemptionWork.NONE, Math.max(0, kvRead - n), 1, NO_SEQUENCES, 1, Double.NaN);
    }

    /** A pass computing {@code n} whole prompts of {@code tokens} tokens each over an empty context. */
    static BatchPlan prompts(int n, long tokens, int usedBlocks) {
        long all = n * tokens;
        return new BatchPlan(0, NO_SEQUENCES, NO_TOKENS, n, all, all, n * causalPairs(tokens), all, 0, 0, n, n,
                usedBlocks, 0, PreemptionWork.NONE, 0, 1, NO_SEQUENCES, 1, Double.NaN);
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
