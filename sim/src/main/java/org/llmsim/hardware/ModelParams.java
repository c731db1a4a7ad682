package org.llmsim.hardware;

/**
 * The parameters of a model counted from its shapes, block by block. The importer writes {@code params_b} and
 * {@code active_params_b} from {@link #total()} and {@link #active()}; the cost model prices the GEMMs of a layer from
 * {@link #denseGemmParamsPerLayer()} and {@link #routedExpertParamsPerLayer()}.
 *
 * <pre>
 *   softmax attention   GQA: h (H dh g + 2 Hkv dh) + H dh h        (g = 2 with an output gate, else 1)
 *                       MLA: h q_lora + q_lora H (nope + rope) + h (kv_lora + rope) + kv_lora H (nope + v) + H v h
 *                            (h H (nope + rope) for the queries without q_lora)
 *   linear attention    h (2 Hk dk + 2 Hv dv) + h 2 Hv + Hv dv h       (Gated DeltaNet: qkvz, beta/alpha, out)
 *                       + conv (2 Hk dk + Hv dv) kernel + 2 Hv + dv      (not GEMMs)
 *   dense MLP           3 h i                                            (gate, up, down)
 *   MoE layer           h E + (E + shared) 3 h i_moe                     (router, experts)
 *   embeddings          V h, plus V h for an untied LM head; norms 2 h per layer and h at the end
 * </pre>
 * Biases are counted where the profile says the projections carry them. Per-head scalars (attention sinks, q/k norms)
 * are left out: they are below 0.01% of any catalog model.
 */
public final class ModelParams {
    private final ModelProfile m;

    public ModelParams(ModelProfile model) {
        this.m = model;
    }

    private boolean attentionBias() {
        return Boolean.TRUE.equals(m.attentionBias());
    }

    private boolean mlpBias() {
        return Boolean.TRUE.equals(m.mlpBias());
    }

    /** GEMM weights of one softmax-attention layer's projections. */
    public double softmaxAttention() {
        double h = m.hidden();
        double heads = m.heads();
        ModelProfile.Mla mla = m.mla();
        if (mla != null) {
            double qk = mla.qkNopeHeadDim() + mla.qkRopeHeadDim();
            double q = mla.qLoraRank() == null ? h * heads * qk : h * mla.qLoraRank() + mla.qLoraRank() * heads * qk;
            double kv = h * (mla.kvLoraRank() + mla.qkRopeHeadDim())
                    + (double) mla.kvLoraRank() * heads * (mla.qkNopeHeadDim() + mla.vHeadDim());
            return q + kv + heads * mla.vHeadDim() * h;
        }
        double gate = Boolean.TRUE.equals(m.attentionOutputGate()) ? heads * m.headDim() * h : 0;
        double projections = h * (heads + 2.0 * m.kvHeads()) * m.headDim() + heads * m.headDim() * h + gate;
        return attentionBias() ? projections + (heads + 2.0 * m.kvHeads()) * m.headDim() + h : projections;
    }

    /** Norms of the latent projections of MLA (not GEMMs). */
    private double softmaxAttentionOther() {
        ModelProfile.Mla mla = m.mla();
        return mla == null ? 0 : (mla.qLoraRank() == null ? 0 : mla.qLoraRank()) + mla.kvLoraRank();
    }

    /** GEMM weights of one linear-attention layer: the qkvz, beta/alpha and output projections. */
    public double linearAttention() {
        ModelProfile.LinearAttention a = m.linearAttention();
        if (a == null) {
            return 0;
        }
        double h = m.hidden();
        double keyDim = (double) a.keyHeads() * a.keyHeadDim();
        double valueDim = (double) a.valueHeads() * a.valueHeadDim();
        return h * (2 * keyDim + 2 * valueDim) + h * 2.0 * a.valueHeads() + valueDim * h;
    }

    /** The convolution, decay and norm weights of one linear-attention layer (not GEMMs). */
    private double linearAttentionOther() {
        ModelProfile.LinearAttention a = m.linearAttention();
        return a == null ? 0 : (double) a.convChannels() * a.convKernel() + 2.0 * a.valueHeads() + a.valueHeadDim();
    }

    /** One gated MLP of intermediate size {@code i}: gate, up and down projections (and their biases). */
    private double gatedMlp(double i) {
        double h = m.hidden();
        return mlpBias() ? 3.0 * h * i + 2 * i + h : 3.0 * h * i;
    }

    /** The dense MLP of a dense layer. */
    public double denseMlp() {
        return gatedMlp(m.intermediate());
    }

    /** One routed expert of one layer. */
    public double expert() {
        return gatedMlp(m.expertIntermediate());
    }

    /** The router of one MoE layer. */
    public double router() {
        double r = (double) m.hidden() * m.experts();
        return mlpBias() ? r + m.experts() : r;
    }

    private double sharedExperts() {
        return m.sharedExperts() == null ? 0 : m.sharedExperts() * expert();
    }

    /** Input embedding, {@code V h}. */
    public double embedding() {
        return (double) m.vocab() * m.hidden();
    }

    /** LM head, {@code V h}; it is there to compute even when it shares the embedding's matrix. */
    public double lmHead() {
        return (double) m.vocab() * m.hidden();
    }

    /** Layers with a dense MLP. */
    private int denseMlpLayers() {
        return m.layers() - m.moeLayers();
    }

    /** Every parameter of the model (multi-token-prediction layers excluded). */
    public double total() {
        int L = m.layers();
        double attention = (L - m.linearLayers()) * (softmaxAttention() + softmaxAttentionOther())
                + m.linearLayers() * (linearAttention() + linearAttentionOther());
        double mlp = denseMlpLayers() * denseMlp()
                + (m.isMixtureOfExperts() ? m.moeLayers() * (router() + sharedExperts() + m.experts() * expert()) : 0);
        double norms = 2.0 * m.hidden() * L + m.hidden();
        double ends = embedding() + (Boolean.TRUE.equals(m.tiedEmbeddings()) ? 0 : lmHead());
        return attention + mlp + norms + ends;
    }

    /** Parameters a token uses: all but the routed experts it is not sent to (the input embedding included). */
    public double active() {
        if (!m.isMixtureOfExperts()) {
            return total();
        }
        return total() - (double) m.moeLayers() * (m.experts() - m.expertsPerToken()) * expert();
    }

    /**
     * GEMM weights every token passes through, averaged over the layers: attention projections, dense MLPs, routers
     * and shared experts. For a plain decoder, {@code h (H + 2 Hkv) dh + H dh h} plus {@code 3 h i} (or the router
     * {@code h E} of a mixture of experts).
     */
    public double denseGemmParamsPerLayer() {
        int L = m.layers();
        if (m.linearLayers() == 0 && m.sharedExperts() == null && m.denseLayers() == null) {
            // every layer alike: the original per-layer sum, exactly
            return softmaxAttention() + (m.isMixtureOfExperts() ? router() : denseMlp());
        }
        double sum = (L - m.linearLayers()) * softmaxAttention() + m.linearLayers() * linearAttention()
                + denseMlpLayers() * denseMlp()
                + (m.isMixtureOfExperts() ? m.moeLayers() * (router() + sharedExperts()) : 0);
        return sum / L;
    }

    /** One routed expert's GEMM weights, averaged over the layers (MoE layers have one, dense layers none). */
    public double routedExpertParamsPerLayer() {
        if (!m.isMixtureOfExperts()) {
            return expert();
        }
        return m.moeLayers() == m.layers() ? expert() : m.moeLayers() * expert() / m.layers();
    }
}
