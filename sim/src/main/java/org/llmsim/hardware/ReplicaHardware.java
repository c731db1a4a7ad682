package org.llmsim.hardware;

/**
 * One model replica: a model on {@code dp} data-parallel ranks of {@code pp} pipeline stages of {@code tp} identical
 * GPUs each, with the data types of its weights and KV cache, and optionally a draft model for speculative decoding on
 * the same GPUs. Derives the byte counts the cost model and the memory plan use.
 *
 * <p>Data parallelism ({@code dp > 1}, vLLM's {@code --data-parallel-size}) runs attention data-parallel: every rank
 * holds the attention and dense weights (split over its {@code tp} GPUs) and its own sequences and KV cache. With
 * expert parallelism ({@code expertParallel} not null) the experts of a mixture of experts are spread, whole, over all
 * {@code dp x tp} GPUs of a stage ({@link ParallelLayout}).
 *
 * <p>Pipeline parallelism splits the layers into {@code pp} stages of {@code ceil(L / pp)} layers or fewer; the
 * fullest stage sizes the memory of every GPU (and paces the pipeline). Tensor parallelism splits each stage's layers
 * over {@code tp} GPUs.
 *
 * @param gpu         the GPU of every stage
 * @param model       the served (target) model
 * @param tp          tensor-parallel GPUs per stage
 * @param weightDtype format of the weights (target and draft)
 * @param kvDtype     format of the KV cache (target and draft)
 * @param pp          pipeline stages, at least 1
 * @param draft       the draft model of speculative decoding, or null; it runs on the same {@code tp} GPUs and its
 *                    weights and KV take memory there
 * @param dp          data-parallel ranks, at least 1
 * @param expertParallel expert parallelism of a mixture of experts, or null (each rank's {@code tp} GPUs then split
 *                    every expert)
 */
public record ReplicaHardware(GpuProfile gpu, ModelProfile model, int tp, Dtype weightDtype, Dtype kvDtype, int pp,
        ModelProfile draft, int dp, ExpertParallel expertParallel) {

    public ReplicaHardware {
        if (tp < 1) {
            throw new IllegalArgumentException("tensor parallelism must be >= 1, got " + tp);
        }
        if (pp < 1 || (model != null && model.layers() != null && pp > model.layers())) {
            throw new IllegalArgumentException("pipeline stages must be in 1..layers, got " + pp);
        }
        if (dp < 1) {
            throw new IllegalArgumentException("data parallelism must be >= 1, got " + dp);
        }
        if (expertParallel != null && model != null && !model.isMixtureOfExperts()) {
            throw new IllegalArgumentException("expert parallelism needs a mixture of experts, " + model.id()
                    + " is dense");
        }
    }

    /** One data-parallel rank, no expert parallelism. */
    public ReplicaHardware(GpuProfile gpu, ModelProfile model, int tp, Dtype weightDtype, Dtype kvDtype, int pp,
            ModelProfile draft) {
        this(gpu, model, tp, weightDtype, kvDtype, pp, draft, 1, null);
    }

    /** One stage (no pipeline parallelism), no draft model. */
    public ReplicaHardware(GpuProfile gpu, ModelProfile model, int tp, Dtype weightDtype, Dtype kvDtype) {
        this(gpu, model, tp, weightDtype, kvDtype, 1, null);
    }

    /** Bytes of all weights of the model, summed over the GPUs of the replica. */
    public double weightBytes() {
        return model.params() * weightDtype.bytesPerElement();
    }

    /** Bytes of one expert's weights over all layers (MoE); 0 for a dense model. */
    public double expertBytes() {
        if (!model.isMixtureOfExperts()) {
            return 0;
        }
        // total = shared + E * expert, active = shared + k * expert
        double expertParams = (model.params() - model.activeParams()) / (model.experts() - model.expertsPerToken());
        return expertParams * weightDtype.bytesPerElement();
    }

    /**
     * Parameters of one layer's GEMMs that every token passes through, averaged over the layers (see
     * {@link ModelParams#denseGemmParamsPerLayer()}): the attention projections ({@code h (H + 2 Hkv) dh + H dh h} for
     * grouped-query attention) and, for a dense model, the gated MLP ({@code 3 h i}); for a mixture of experts the
     * router ({@code h E}), the shared experts and the dense layers' MLPs instead.
     */
    public double denseLayerParams() {
        return new ModelParams(model).denseGemmParamsPerLayer();
    }

    /** Parameters of one gated MLP ({@code 3 h i}): the dense MLP, or one routed expert averaged over the layers. */
    public double expertLayerParams() {
        return new ModelParams(model).routedExpertParamsPerLayer();
    }

    /** Parameters of the LM head ({@code h V}); it is kept in 16 bits when the rest of the model is quantized. */
    public double lmHeadParams() {
        return (double) model.hidden() * model.vocab();
    }

    /** Layers of the fullest pipeline stage: {@code ceil(L / pp)}. */
    public int stageLayers() {
        return (model.layers() + pp - 1) / pp;
    }

    /** Share of the model's layers (and, taking layers as equal, of its weights) on the fullest stage. */
    public double stageFraction() {
        return pp == 1 ? 1.0 : (double) stageLayers() / model.layers();
    }

    /** KV-cache bytes one more token of a long context adds to the whole replica: {@code 2 L Hkv dh bkv}. */
    public double kvBytesPerToken() {
        return model.kvElementsPerToken() * kvDtype.bytesPerElement();
    }

    /**
     * KV-cache bytes one more token of a long context adds on one GPU of the fullest stage: the full-attention layers'
     * (sliding-window and linear-attention layers hold a fixed amount per sequence, see
     * {@link #fixedCacheBytesPerSequencePerGpu()}). KV heads are split across the tensor-parallel GPUs; when there are
     * fewer KV heads than GPUs each GPU keeps a copy of one head, as tensor-parallel engines do. Multi-head latent
     * attention's latent is the same on every GPU.
     */
    public double kvBytesPerTokenPerGpu() {
        return kvBytesPerTokenPerGpu(model, stageLayers());
    }

    /** KV-cache bytes of one token in one softmax-attention layer on one GPU. */
    public double kvBytesPerTokenPerLayerPerGpu() {
        return kvBytesPerTokenPerLayerPerGpu(model);
    }

    /**
     * Weight bytes on one GPU of the fullest stage, the draft model's share included: the experts split over the
     * stage's expert group ({@link ParallelLayout#expertGroup}), everything else over the rank's {@code tp} GPUs
     * (every data-parallel rank holds its own copy).
     */
    public double weightBytesPerGpu() {
        double experts = expertBytes() * (model.isMixtureOfExperts() ? model.experts() : 0);
        double target = ((weightBytes() - experts) / tp + experts / layout().expertGroup()) * stageFraction();
        return draft == null ? target : target + draft.params() * weightDtype.bytesPerElement() / tp;
    }

    /** Where the replica's GPUs sit: the parallel sizes and the GPU's NVLink domain. */
    public ParallelLayout layout() {
        return new ParallelLayout(tp, pp, dp, expertParallel != null, gpu.nvlinkDomainGpusOrDefault());
    }

    /**
     * Bytes one token takes in the KV cache of one GPU: the target's KV and, with speculative decoding, the draft's (the
     * two share block tables, so every cached token holds both).
     */
    public double cacheBytesPerTokenPerGpu() {
        double target = kvBytesPerTokenPerGpu();
        return draft == null ? target : target + kvBytesPerTokenPerGpu(draft, draft.layers());
    }

    private double kvBytesPerTokenPerGpu(ModelProfile m, int layers) {
        if (m.mla() == null && m.fullAttentionLayers() == m.layers()) {
            int headsPerGpu = (m.kvHeads() + tp - 1) / tp;
            return 2.0 * layers * headsPerGpu * m.headDim() * kvDtype.bytesPerElement();
        }
        // the stage's share of the full-attention layers, taking them as spread evenly over the stages
        return kvBytesPerTokenPerLayerPerGpu(m) * m.fullAttentionLayers() * layers / m.layers();
    }

    private double kvBytesPerTokenPerLayerPerGpu(ModelProfile m) {
        if (m.mla() != null) {
            return m.mla().cacheElementsPerLayer() * kvDtype.bytesPerElement();
        }
        int headsPerGpu = (m.kvHeads() + tp - 1) / tp;
        return 2.0 * headsPerGpu * m.headDim() * kvDtype.bytesPerElement();
    }

    /**
     * Cache bytes each running sequence holds on one GPU whatever its length, target and draft: a full window of KV in
     * every sliding-window layer (an engine that frees what falls out of the window, as vLLM V1 does, holds no more)
     * and the recurrent and convolution state of every linear-attention layer (kept in 16 bits, as vLLM keeps it
     * in the model's data type). The layers are those of the fullest stage.
     */
    public double fixedCacheBytesPerSequencePerGpu() {
        double target = fixedCacheBytesPerSequencePerGpu(model, stageLayers());
        return draft == null ? target : target + fixedCacheBytesPerSequencePerGpu(draft, draft.layers());
    }

    private double fixedCacheBytesPerSequencePerGpu(ModelProfile m, int layers) {
        double share = (double) layers / m.layers();
        double sliding = m.windowedLayers() == 0 ? 0
                : m.windowedLayers() * share * m.slidingWindow() * kvBytesPerTokenPerLayerPerGpu(m);
        return sliding + m.linearLayers() * share * linearStateBytesPerLayerPerGpu(m);
    }

    /** Linear-attention state of one sequence in one layer on one GPU, 16-bit: {@code Hv dk dv + conv (kernel - 1)}. */
    public double linearStateBytesPerLayerPerGpu() {
        return linearStateBytesPerLayerPerGpu(model);
    }

    private double linearStateBytesPerLayerPerGpu(ModelProfile m) {
        ModelProfile.LinearAttention a = m.linearAttention();
        if (a == null) {
            return 0;
        }
        double valueHeadsPerGpu = Math.ceil((double) a.valueHeads() / tp);
        double recurrent = valueHeadsPerGpu * a.keyHeadDim() * a.valueHeadDim();
        double conv = Math.ceil((double) a.convChannels() / tp) * (a.convKernel() - 1);
        return (recurrent + conv) * LINEAR_STATE_BYTES;
    }

    /** Bytes of one element of linear-attention state: the model's 16-bit type. */
    static final double LINEAR_STATE_BYTES = 2;

    /** The draft model on the same GPUs, with the same data types and one stage; null without speculative decoding. */
    public ReplicaHardware draftHardware() {
        return draft == null ? null : new ReplicaHardware(gpu, draft, tp, weightDtype, kvDtype, 1, null, dp, null);
    }

    /** Number of GPUs the replica occupies (and pays for): {@code dp x pp x tp}. */
    public int gpus() {
        return dp * tp * pp;
    }

    /**
     * Whether the replica spans more than one NVLink domain (the GPU profile's {@code nvlink_domain_gpus}), so that
     * some of its GPUs talk over the inter-node network rather than the interconnect.
     */
    public boolean spansNodes() {
        return layout().spansDomains();
    }

    /**
     * A short description such as "llama-3.1-70b bf16 on 4x h100-sxm", "... on 2x2 h100-sxm" (pp x tp) or
     * "... on dp2 x 2x h100-sxm, ep" (data-parallel ranks of tp GPUs, expert parallelism).
     */
    public String describe() {
        String gpus = (dp == 1 ? "" : "dp" + dp + " x ") + (pp == 1 ? tp + "x " : pp + "x" + tp + " ");
        return model.id() + " " + weightDtype.yamlName() + " on " + gpus + gpu.id()
                + (expertParallel == null ? "" : ", ep") + (draft == null ? "" : ", draft " + draft.id());
    }
}
