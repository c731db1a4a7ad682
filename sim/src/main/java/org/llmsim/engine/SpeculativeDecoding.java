package org.llmsim.engine;

import org.apache.commons.math3.random.RandomGenerator;
import org.llmsim.passtime.MutableShape;
import org.llmsim.passtime.PassCostModel;

/**
 * Speculative decoding on one replica: before each pass a draft model proposes {@code k} tokens for every decoding
 * sequence ({@code k} draft passes), then the target scores all {@code k + 1} positions in one pass and keeps the
 * proposals up to the first rejection, plus its own token there. With each proposal accepted with probability
 * {@code a} (given the ones before), a step emits {@code A} tokens with {@code P(A >= j + 1) = a^j} for
 * {@code j <= k}, so {@code E[A] = (1 - a^(k+1)) / (1 - a)}.
 *
 * <p>Randomness, and why per pass: {@code A} is drawn once per pass from the replica's own stream and every sequence
 * of the batch emits it. Each sequence still sees its own independent draw every step (so its TPOT varies as a
 * speculative sequence's does), the tokens per step average to {@code E[A]}, and the running batch keeps advancing
 * as one block ({@link DecodeSet#advance(int)}), O(k) per pass. What is lost is the spread between sequences within
 * one pass, which only changes how evenly the batch fills its KV blocks.
 *
 * <p>Cost: the draft passes run on the replica's GPUs before the target's verification pass; the first of them also
 * runs the pass's prompt chunks, whose draft KV the later proposals attend to. Each is priced as a forward pass of the
 * draft model (host overhead included), the verification as a target pass of {@code k + 1} tokens per sequence.
 */
public final class SpeculativeDecoding {
    /** No speculation: one token per sequence per pass. */
    public static final SpeculativeDecoding NONE = new SpeculativeDecoding();

    private final int k;
    private final double acceptance;
    private final double logAcceptance;
    private final PassCostModel draft;
    private final MutableShape draftPass = new MutableShape();
    private final RandomGenerator rng;

    /**
     * @param k          tokens the draft proposes per step, at least 1
     * @param acceptance probability that a proposal is accepted, in [0, 1]
     * @param draft      prices the draft model's passes on the replica's GPUs
     * @param rng        the replica's own stream for acceptance draws
     */
    public SpeculativeDecoding(int k, double acceptance, PassCostModel draft, RandomGenerator rng) {
        if (k < 1 || !(acceptance >= 0 && acceptance <= 1)) {
            throw new IllegalArgumentException("need k >= 1 and acceptance in [0, 1], got " + k + ", " + acceptance);
        }
        this.k = k;
        this.acceptance = acceptance;
        this.logAcceptance = Math.log(acceptance);
        this.draft = draft;
        this.rng = rng;
    }

    private SpeculativeDecoding() {
        this.k = 0;
        this.acceptance = 0;
        this.logAcceptance = Double.NEGATIVE_INFINITY;
        this.draft = null;
        this.rng = null;
    }

    public boolean enabled() {
        return k > 0;
    }

    /** Tokens proposed per step ({@code 0} without speculation). */
    public int k() {
        return k;
    }

    /** Tokens each decoding sequence adds to a pass: {@code k + 1}, or 1 without speculation. */
    int scoredTokens() {
        return k + 1;
    }

    /**
     * Tokens each decoding sequence emits in the next pass: {@code 1 + min(k, G)} with {@code G} geometric,
     * {@code P(G >= j) = a^j}, drawn by inversion from one uniform.
     */
    int drawAcceptedTokens() {
        if (acceptance >= 1) {
            return k + 1;
        }
        if (acceptance <= 0) {
            return 1;
        }
        double u = 1.0 - rng.nextDouble(); // in (0, 1]
        double g = Math.floor(Math.log(u) / logAcceptance);
        return 1 + (int) Math.min(k, g);
    }

    /**
     * Seconds the draft model spends before the verification pass of {@code plan}: {@code k} passes over its decoding
     * sequences, the j-th attending to its KV plus j proposals, the first also computing the pass's prompt tokens.
     */
    double draftTimeS(BatchPlan plan) {
        int n = plan.decodeTokens();
        long kv = plan.decodeKvTokens();
        // the prompt part of the pass: its chunks, and the prompts they complete (see PassBuilder)
        int promptSequences = plan.sequences() - n;
        long completedPrompts = plan.sampledTokens() - (long) n * scoredTokens();
        double totalS = 0;
        for (int j = 1; j <= k; j++) {
            long attended = kv + (long) n * j;
            if (j == 1) {
                draftPass.set(n + promptSequences, n + plan.promptTokens(), plan.promptTokens(), plan.promptPairs(),
                        plan.promptKvReadTokens(), attended, attended, n + completedPrompts);
            } else {
                draftPass.set(n, n, 0, 0, 0, attended, attended, n);
            }
            if (draftPass.sequences() > 0) {
                totalS += draft.timeS(draftPass);
            }
        }
        return totalS;
    }
}
