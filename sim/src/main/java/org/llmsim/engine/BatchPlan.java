package org.llmsim.engine;

/**
 * One planned forward pass: which prompts are prefilled, how many sequences decode, and the aggregate shape the cost
 * model prices. Made by {@link BatchScheduler#schedule}, applied by {@link BatchScheduler#complete}.
 *
 * @param decodeTokens   sequences that decode one token
 * @param prefills       sequences whose prompt is computed in this pass
 * @param prefillTokens  tokens computed for each of {@code prefills}
 * @param sequences      sequences in the pass
 * @param newTokens      tokens computed in total
 * @param attendedTokens sum over new tokens of the context each attends to
 * @param kvReadTokens   tokens whose KV is read
 * @param kvWriteTokens  tokens whose KV is written
 * @param outputTokens   output tokens the pass produces
 * @param usedBlocks     KV blocks in use during the pass
 */
record BatchPlan(int decodeTokens, Sequence[] prefills, int[] prefillTokens, int sequences, long newTokens,
        long attendedTokens, long kvReadTokens, long kvWriteTokens, int outputTokens, int usedBlocks) {

    static final Sequence[] NO_SEQUENCES = new Sequence[0];
    static final int[] NO_TOKENS = new int[0];

    /** Attention pairs of a causal prefill of {@code tokens} tokens over an empty context: 1 + 2 + ... + tokens. */
    static long causalPairs(long tokens) {
        return tokens * (tokens + 1) / 2;
    }
}
