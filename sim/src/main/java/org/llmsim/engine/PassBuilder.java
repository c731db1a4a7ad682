package org.llmsim.engine;

import java.util.Arrays;

/**
 * Accumulates one forward pass while a scheduler plans it, then freezes it into a {@link BatchPlan}. Reused from pass
 * to pass so that planning allocates only the plan itself.
 *
 * <pre>
 *   decodes:        n tokens, each attending to its sequence's KV plus itself
 *   verify (k):     n (k + 1) tokens, the j-th of a sequence holding K tokens attending to K + j;
 *                   reads K + k + 1 and writes k + 1 per sequence; emits g (the accepted tokens) each
 *   prefill chunk:  c tokens after k computed ones: attention c k + c (c + 1) / 2, reads k + c, writes c;
 *                   the chunk that completes the prompt produces the sequence's next token
 * </pre>
 */
final class PassBuilder {
    private int decodes;
    private int steadyTokens;
    private double steadySinceS;
    private long newTokens;
    private long promptTokens;
    private long promptPairs;
    private long promptKvRead;
    private long decodePairs;
    private long decodeKvRead;
    private long sampled;
    private int outputs;
    private int prefills;
    private Sequence[] prefillBuffer = new Sequence[16];
    private int[] tokenBuffer = new int[16];
    private int swappedIn;
    private Sequence[] swapInBuffer = new Sequence[4];
    private int swapOutBlocks;
    private int swapInBlocks;
    private long recomputeTokens;
    private long recomputeAttended;
    private long decodeKv;
    private int accepted = 1;
    private int steps = 1;
    private int joinedCount;
    private Sequence[] joinedBuffer = new Sequence[4];

    void reset() {
        decodeKv = 0;
        accepted = 1;
        steps = 1;
        joinedCount = 0;
        decodes = 0;
        steadyTokens = 0;
        steadySinceS = Double.NaN;
        newTokens = 0;
        promptTokens = 0;
        promptPairs = 0;
        promptKvRead = 0;
        decodePairs = 0;
        decodeKvRead = 0;
        sampled = 0;
        outputs = 0;
        prefills = 0;
        swappedIn = 0;
        swapOutBlocks = 0;
        swapInBlocks = 0;
        recomputeTokens = 0;
        recomputeAttended = 0;
    }

    /**
     * Adds the decoding sequences for {@code stepCount} steps (multi-step scheduling): the pass's shape is its first
     * step, each later step attending to one more token per sequence; every sequence emits up to that many tokens.
     */
    void addDecodes(int n, long attendedTokens, int steady, int stepCount) {
        addDecodes(n, attendedTokens, steady);
        if (stepCount > 1) {
            steps = stepCount;
            accepted = stepCount;
            outputs += n * (stepCount - 1);
        }
    }

    /**
     * Adds the decoding sequences: {@code n} of them, attending to {@code attendedTokens} in total;
     * {@code steady} measured ones produced their previous token at the end of the previous pass.
     */
    void addDecodes(int n, long attendedTokens, int steady) {
        decodeKv += attendedTokens - n;
        decodes += n;
        steadyTokens += steady;
        newTokens += n;
        decodePairs += attendedTokens;
        decodeKvRead += attendedTokens;
        sampled += n;
        outputs += n;
    }

    /**
     * Adds the decoding sequences of a speculative pass: {@code n} of them holding {@code kvTokens} KV tokens in
     * total, each scoring {@code scored} tokens (the draft's {@code k} plus one) and emitting {@code acceptedTokens}.
     */
    void addVerifyDecodes(int n, long kvTokens, int steady, int scored, int acceptedTokens) {
        long perSequencePairs = (long) scored * (scored + 1) / 2;
        decodeKv += kvTokens;
        decodes += n;
        steadyTokens += steady;
        newTokens += (long) n * scored;
        decodePairs += scored * kvTokens + n * perSequencePairs;
        decodeKvRead += kvTokens + (long) n * scored;
        sampled += (long) n * scored;
        outputs += n * acceptedTokens;
        accepted = acceptedTokens;
    }

    /** When the steady decodes' previous tokens came, if before this pass's start (see {@link BatchPlan}). */
    void steadySince(double s) {
        steadySinceS = s;
    }

    /**
     * A sequence whose previous token came at its own time ({@code lastTokenS}): it arrived with its KV from a prefill
     * replica, or finished its prompt after the last pass with decodes; it decodes in this pass (counted in the decodes).
     */
    void addJoined(Sequence s) {
        if (joinedCount == joinedBuffer.length) {
            joinedBuffer = Arrays.copyOf(joinedBuffer, joinedCount * 2);
        }
        joinedBuffer[joinedCount++] = s;
    }

    /** Adds a chunk of {@code tokens} prompt tokens of {@code s}, after its {@code numComputedTokens}. */
    void addPrefill(Sequence s, int tokens) {
        long k = s.numComputedTokens;
        if (prefills == prefillBuffer.length) {
            prefillBuffer = Arrays.copyOf(prefillBuffer, prefills * 2);
            tokenBuffer = Arrays.copyOf(tokenBuffer, prefills * 2);
        }
        prefillBuffer[prefills] = s;
        tokenBuffer[prefills++] = tokens;
        newTokens += tokens;
        promptTokens += tokens;
        promptPairs += BatchPlan.chunkPairs(k, tokens);
        promptKvRead += k + tokens;
        if (k + tokens == s.prefillTokens()) {
            outputs++;
            sampled++;
        }
        long redone = Math.max(0, Math.min(k + tokens, s.computedHighWaterTokens) - k);
        if (redone > 0) {
            recomputeTokens += redone;
            recomputeAttended += BatchPlan.chunkPairs(k, redone);
        }
    }

    void addSwapOut(int blocks) {
        swapOutBlocks += blocks;
    }

    /** A sequence copied back from host memory ({@code blocks} blocks); it decodes in this pass. */
    void addSwapIn(Sequence s, int blocks) {
        if (swappedIn == swapInBuffer.length) {
            swapInBuffer = Arrays.copyOf(swapInBuffer, swappedIn * 2);
        }
        swapInBuffer[swappedIn++] = s;
        swapInBlocks += blocks;
    }

    boolean isEmpty() {
        return decodes == 0 && prefills == 0;
    }

    int sequences() {
        return decodes + prefills;
    }

    int prefillCount() {
        return prefills;
    }

    BatchPlan build(int usedBlocks) {
        Sequence[] planned = prefills == 0 ? BatchPlan.NO_SEQUENCES : Arrays.copyOf(prefillBuffer, prefills);
        int[] plannedTokens = prefills == 0 ? BatchPlan.NO_TOKENS : Arrays.copyOf(tokenBuffer, prefills);
        BatchPlan.PreemptionWork preemption = swapOutBlocks == 0 && swappedIn == 0 && recomputeTokens == 0
                ? BatchPlan.PreemptionWork.NONE
                : new BatchPlan.PreemptionWork(Arrays.copyOf(swapInBuffer, swappedIn), swapOutBlocks, swapInBlocks,
                        recomputeTokens, recomputeAttended);
        Sequence[] joined = joinedCount == 0 ? BatchPlan.NO_SEQUENCES : Arrays.copyOf(joinedBuffer, joinedCount);
        return new BatchPlan(decodes, planned, plannedTokens, decodes + prefills, newTokens, promptTokens, promptPairs,
                promptKvRead, decodePairs, decodeKvRead, sampled, outputs, usedBlocks, steadyTokens, preemption,
                decodeKv, accepted, joined, steps, steadySinceS);
    }
}
