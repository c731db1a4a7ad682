package org.llmsim.hardware;

import java.util.List;

/**
 * One model architecture, as written in {@code gpu-profiles/models/<id>.yaml}; the numbers come from the model's
 * published {@code config.json}.
 *
 * @param id               profile id, the file name without {@code .yaml}
 * @param name             published name
 * @param paramsB          total parameters, billions
 * @param activeParamsB    parameters used per token (mixture of experts), billions; null for dense models
 * @param layers           transformer layers ({@code L})
 * @param hidden           hidden size ({@code d})
 * @param heads            attention (query) heads ({@code H})
 * @param kvHeads          key/value heads ({@code Hkv}, grouped-query attention)
 * @param headDim          dimension of one head ({@code dh})
 * @param intermediate     MLP intermediate size (per expert for MoE)
 * @param vocab            vocabulary size
 * @param experts          experts per MoE layer; null or 1 for dense models
 * @param expertsPerToken  experts each token is routed to (top-k)
 * @param maxContext       context window in tokens (prompt plus output)
 * @param sources          where the numbers come from
 */
public record ModelProfile(
        String id,
        String name,
        Double paramsB,
        Double activeParamsB,
        Integer layers,
        Integer hidden,
        Integer heads,
        Integer kvHeads,
        Integer headDim,
        Integer intermediate,
        Integer vocab,
        Integer experts,
        Integer expertsPerToken,
        Integer maxContext,
        List<String> sources) {

    public double params() {
        return paramsB * 1e9;
    }

    /** Parameters a token passes through: all of them for a dense model. */
    public double activeParams() {
        return (activeParamsB == null ? paramsB : activeParamsB) * 1e9;
    }

    public boolean isMixtureOfExperts() {
        return experts != null && experts > 1;
    }

    /** KV-cache elements per token: keys and values for every layer and KV head, {@code 2 L Hkv dh}. */
    public long kvElementsPerToken() {
        return 2L * layers * kvHeads * headDim;
    }
}
