package org.llmsim.scenario;

/**
 * Speculative decoding of a pool ({@code cluster.pools[i].speculative}): a draft model proposes {@code k} tokens per
 * step, each accepted with probability {@code acceptance} until the first rejection, and the pool's model verifies
 * them in one pass. {@code draft_model} is a model profile id or path, like the pool's {@code model}; it runs on the
 * same GPUs with the same tensor parallelism and data types.
 *
 * @param draftModel the draft model's profile
 * @param k          tokens proposed per step, 1..16 (vLLM's {@code num_speculative_tokens})
 * @param acceptance probability that the target accepts a proposed token, given it accepted the ones before, in
 *                   [0, 1]
 */
public record SpeculativeSpec(String draftModel, Integer k, Double acceptance) {

    /** Most tokens a draft may propose per step. */
    public static final int MAX_K = 16;

    public void validate(String path, Problems p) {
        p.required(path + ".draft_model", draftModel);
        if (p.required(path + ".k", k)) {
            if (k < 1 || k > MAX_K) {
                p.add(path + ".k", "must be in 1.." + MAX_K + ", got " + k);
            }
        }
        if (p.required(path + ".acceptance", acceptance)) {
            if (acceptance > 1 && acceptance <= 100) {
                p.add(path + ".acceptance", "must be a probability in [0, 1], got " + Problems.format(acceptance)
                        + " (did you mean " + Problems.format(acceptance / 100) + "?)");
            } else if (!(acceptance >= 0 && acceptance <= 1)) {
                p.add(path + ".acceptance", "must be a probability in [0, 1], got " + Problems.format(acceptance));
            }
        }
    }

    /** Expected tokens emitted per verification step: {@code (1 - a^(k+1)) / (1 - a)}, {@code k + 1} at a = 1. */
    public double expectedTokensPerStep() {
        return expectedTokensPerStep(k, acceptance);
    }

    public static double expectedTokensPerStep(int k, double acceptance) {
        if (acceptance >= 1) {
            return k + 1;
        }
        return (1 - Math.pow(acceptance, k + 1)) / (1 - acceptance);
    }
}
