package org.llmsim.hardware;

import java.util.List;

/**
 * One model architecture, as written in {@code gpu-profiles/models/<id>.yaml}; the numbers come from the model's
 * published {@code config.json} ({@code llmsim model import} writes such a file from one). Every field after
 * {@code sources} is optional: without them a model is the plain decoder every older profile describes (grouped-query
 * attention on every layer, one gated MLP or one mixture of experts per layer, untied embeddings).
 *
 * @param id                  profile id, the file name without {@code .yaml}
 * @param name                published name
 * @param paramsB             total parameters, billions
 * @param activeParamsB       parameters used per token (mixture of experts), billions; null for dense models
 * @param layers              transformer layers ({@code L})
 * @param hidden              hidden size ({@code d})
 * @param heads               attention (query) heads ({@code H})
 * @param kvHeads             key/value heads ({@code Hkv}, grouped-query attention)
 * @param headDim             dimension of one head ({@code dh})
 * @param intermediate        MLP intermediate size (per expert for MoE unless {@code moe_intermediate} is given)
 * @param vocab               vocabulary size
 * @param experts             routed experts per MoE layer; null or 1 for dense models
 * @param expertsPerToken     experts each token is routed to (top-k)
 * @param maxContext          context window in tokens (prompt plus output)
 * @param sources             where the numbers come from
 * @param moeIntermediate     intermediate size of one routed (and shared) expert, when it differs from the dense
 *                            MLP's {@code intermediate}
 * @param sharedExperts       experts every token passes through in each MoE layer, each of {@code moe_intermediate}
 * @param denseLayers         layers of a mixture-of-experts model with a dense MLP of {@code intermediate} instead
 *                            of experts (DeepSeek-V3's first 3, Llama 4 Maverick's every other)
 * @param tiedEmbeddings      whether the LM head shares the input embedding's matrix
 * @param attentionBias       whether the attention projections carry biases
 * @param mlpBias             whether the MLPs and experts (and the router) carry biases
 * @param attentionOutputGate whether the query projection also produces a per-head output gate (Qwen3-Next)
 * @param mla                 multi-head latent attention (DeepSeek-V3) on every attention layer, or null
 * @param slidingWindow       tokens a sliding-window layer attends to, or null
 * @param slidingLayers       layers that attend within {@code sliding_window} only (the rest attend to everything)
 * @param linearAttention     linear-attention layers with a fixed state per sequence (Gated DeltaNet), or null
 * @param mtpLayers           multi-token-prediction layers shipped with the checkpoint (not counted in the params)
 * @param nativeWeightDtype   the checkpoint's own weight format when quantized ({@code fp8}, {@code mxfp4}), for
 *                            information
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
        List<String> sources,
        Integer moeIntermediate,
        Integer sharedExperts,
        Integer denseLayers,
        Boolean tiedEmbeddings,
        Boolean attentionBias,
        Boolean mlpBias,
        Boolean attentionOutputGate,
        Mla mla,
        Integer slidingWindow,
        Integer slidingLayers,
        LinearAttention linearAttention,
        Integer mtpLayers,
        String nativeWeightDtype) {

    /**
     * Multi-head latent attention: queries and keys/values pass through low-rank latents; the KV cache holds the
     * {@code kv_lora_rank} latent plus the {@code qk_rope_head_dim} rotary key, shared by every head.
     */
    public record Mla(Integer qLoraRank, Integer kvLoraRank, Integer qkNopeHeadDim, Integer qkRopeHeadDim,
            Integer vHeadDim) {
        /** Cache elements of one token in one layer: {@code kv_lora_rank + qk_rope_head_dim}. */
        public int cacheElementsPerLayer() {
            return kvLoraRank + qkRopeHeadDim;
        }
    }

    /**
     * Gated DeltaNet layers: {@code key_heads} query/key heads of {@code key_head_dim}, {@code value_heads} value
     * heads of {@code value_head_dim}, a short causal convolution of {@code conv_kernel} over q, k and v.
     */
    public record LinearAttention(Integer layers, Integer keyHeads, Integer valueHeads, Integer keyHeadDim,
            Integer valueHeadDim, Integer convKernel) {
        /** Channels of the convolution: q, k (key heads) and v (value heads). */
        public long convChannels() {
            return 2L * keyHeads * keyHeadDim + (long) valueHeads * valueHeadDim;
        }
    }

    /** The plain decoder of the original profile format (all optional fields absent). */
    public ModelProfile(String id, String name, Double paramsB, Double activeParamsB, Integer layers, Integer hidden,
            Integer heads, Integer kvHeads, Integer headDim, Integer intermediate, Integer vocab, Integer experts,
            Integer expertsPerToken, Integer maxContext, List<String> sources) {
        this(id, name, paramsB, activeParamsB, layers, hidden, heads, kvHeads, headDim, intermediate, vocab, experts,
                expertsPerToken, maxContext, sources, null, null, null, null, null, null, null, null, null, null,
                null, null, null);
    }

    /** The same profile under another id. */
    public ModelProfile withId(String newId) {
        return new ModelProfile(newId, name, paramsB, activeParamsB, layers, hidden, heads, kvHeads, headDim,
                intermediate, vocab, experts, expertsPerToken, maxContext, sources, moeIntermediate, sharedExperts,
                denseLayers, tiedEmbeddings, attentionBias, mlpBias, attentionOutputGate, mla, slidingWindow,
                slidingLayers, linearAttention, mtpLayers, nativeWeightDtype);
    }

    /** The same shapes with the given parameter counts (billions) and sources. */
    public ModelProfile withCounts(double total, Double active, List<String> newSources) {
        return new ModelProfile(id, name, total, active, layers, hidden, heads, kvHeads, headDim,
                intermediate, vocab, experts, expertsPerToken, maxContext, newSources, moeIntermediate, sharedExperts,
                denseLayers, tiedEmbeddings, attentionBias, mlpBias, attentionOutputGate, mla, slidingWindow,
                slidingLayers, linearAttention, mtpLayers, nativeWeightDtype);
    }

    /**
     * The checkpoint's multi-token-prediction layers as a draft model for speculative decoding ({@code draft_model:
     * mtp}): {@code mtp_layers} layers of this model's shapes (MoE layers, without dense ones), reading the target's
     * embedding and LM head, whose weights it shares. Its parameters are its layers and the projection of each that
     * joins the embedding to the hidden state ({@code 2 h x h}); null when the checkpoint ships none.
     */
    public ModelProfile mtpDraft() {
        if (mtpLayers == null || mtpLayers == 0) {
            return null;
        }
        ModelProfile shapes = new ModelProfile(id + "-mtp", name + ", multi-token-prediction layers", null, null,
                mtpLayers, hidden, heads, kvHeads, headDim, intermediate, vocab, experts, expertsPerToken,
                maxContext, List.of("the mtp_layers of " + id), moeIntermediate, sharedExperts, null, tiedEmbeddings,
                attentionBias, mlpBias, attentionOutputGate, mla, slidingWindow,
                slidingLayers == null ? null : Math.min(slidingLayers, mtpLayers), null, null, nativeWeightDtype);
        ModelParams p = new ModelParams(shapes);
        double shared = p.embedding() + (Boolean.TRUE.equals(tiedEmbeddings) ? 0 : p.lmHead());
        double join = mtpLayers * (2.0 * hidden * hidden + 2.0 * hidden);
        double total = p.total() - shared + join;
        return shapes.withCounts(total / 1e9, isMixtureOfExperts() ? (p.active() - shared + join) / 1e9 : null,
                shapes.sources());
    }

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

    /** Intermediate size of one routed expert. */
    public int expertIntermediate() {
        return moeIntermediate != null ? moeIntermediate : intermediate;
    }

    /** Layers whose MLP is a mixture of experts; 0 for a dense model. */
    public int moeLayers() {
        return isMixtureOfExperts() ? layers - (denseLayers == null ? 0 : denseLayers) : 0;
    }

    /** Layers with linear attention (a fixed state per sequence). */
    public int linearLayers() {
        return linearAttention == null ? 0 : linearAttention.layers();
    }

    /** Softmax-attention layers that attend within the sliding window only. */
    public int windowedLayers() {
        return slidingWindow == null || slidingLayers == null ? 0 : slidingLayers;
    }

    /** Softmax-attention layers that attend to the whole context: their KV grows with it. */
    public int fullAttentionLayers() {
        return layers - linearLayers() - windowedLayers();
    }

    /**
     * KV-cache elements one token adds in one softmax-attention layer of the whole model: {@code 2 Hkv dh}, or the
     * latent and rotary key of multi-head latent attention.
     */
    public long kvElementsPerTokenPerLayer() {
        return mla != null ? mla.cacheElementsPerLayer() : 2L * kvHeads * headDim;
    }

    /**
     * KV-cache elements one more token of a long context adds: over the full-attention layers only (sliding-window
     * and linear layers hold a fixed amount per sequence), {@code 2 L Hkv dh} for a plain decoder.
     */
    public long kvElementsPerToken() {
        return (long) fullAttentionLayers() * kvElementsPerTokenPerLayer();
    }
}
