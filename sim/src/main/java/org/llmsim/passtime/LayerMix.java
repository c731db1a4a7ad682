package org.llmsim.passtime;

import org.llmsim.hardware.ModelProfile;
import org.llmsim.hardware.ReplicaHardware;

/**
 * The attention work of a pass by kind of layer, per GPU over all layers of the replica (a pipeline stage takes its
 * fraction). {@link PassCostModel} puts it on the attention kernels' roofline.
 *
 * <pre>
 *   full layers      FLOPs per pair 2 (d_score + d_value) H/tp         bytes: KV read + written, as the pass says
 *                    grouped-query: d_score = d_value = dh
 *                    latent (MLA) prompts: d_score = nope + rope, d_value = v (multi-head attention)
 *                    latent (MLA) decodes: d_score = kv_lora + rope, d_value = kv_lora (absorbed projections)
 *   sliding layers   the same FLOPs per pair over at most W pairs per token; reads at most W tokens per decode and
 *                    the chunk plus W tokens per prompt sequence
 *   linear layers    FLOPs per token 7 Hv/tp dk dv + 2 conv/tp kernel     bytes: the state read and written once per
 *                    sequence of the pass (Gated DeltaNet: S^T k, the rank-one update, the decay, S^T q)
 * </pre>
 * A pass's shape sums its sequences, so the window's bounds are applied to the sums: exact when every sequence of
 * the pass is longer than the window, or every one shorter.
 */
final class LayerMix {
    private final double promptFlopsPerPair;
    private final double decodeFlopsPerPair;
    private final double windowedPromptFlopsPerPair;
    private final double windowedDecodeFlopsPerPair;
    private final double window;
    private final double windowedKvBytesPerToken;
    private final double linearFlopsPerToken;
    private final double linearStateBytes;

    LayerMix(ReplicaHardware hardware) {
        ModelProfile m = hardware.model();
        int tp = hardware.tp();
        double headsPerGpu = (double) m.heads() / tp;
        double promptWidth;
        double decodeWidth;
        ModelProfile.Mla mla = m.mla();
        if (mla == null) {
            promptWidth = 4.0 * m.headDim() * headsPerGpu;
            decodeWidth = promptWidth;
        } else {
            promptWidth = 2.0 * (mla.qkNopeHeadDim() + mla.qkRopeHeadDim() + mla.vHeadDim()) * headsPerGpu;
            decodeWidth = 2.0 * (mla.cacheElementsPerLayer() + mla.kvLoraRank()) * headsPerGpu;
        }
        int full = m.fullAttentionLayers();
        this.promptFlopsPerPair = promptWidth * full;
        this.decodeFlopsPerPair = decodeWidth * full;
        int windowed = m.windowedLayers();
        this.windowedPromptFlopsPerPair = promptWidth * windowed;
        this.windowedDecodeFlopsPerPair = decodeWidth * windowed;
        this.window = windowed == 0 ? 0 : m.slidingWindow();
        this.windowedKvBytesPerToken = windowed * hardware.kvBytesPerTokenPerLayerPerGpu();
        ModelProfile.LinearAttention a = m.linearAttention();
        if (a == null) {
            this.linearFlopsPerToken = 0;
            this.linearStateBytes = 0;
        } else {
            double perLayer = 7.0 * Math.ceil((double) a.valueHeads() / tp) * a.keyHeadDim() * a.valueHeadDim()
                    + 2.0 * Math.ceil((double) a.convChannels() / tp) * a.convKernel();
            this.linearFlopsPerToken = perLayer * a.layers();
            this.linearStateBytes = hardware.linearStateBytesPerLayerPerGpu() * a.layers();
        }
    }

    /** FLOPs per attention pair of the full-attention layers, prompts. */
    double promptFlopsPerPair() {
        return promptFlopsPerPair;
    }

    /** FLOPs per attention pair of the full-attention layers, decodes. */
    double decodeFlopsPerPair() {
        return decodeFlopsPerPair;
    }

    boolean hasWindowedLayers() {
        return window > 0;
    }

    boolean hasLinearLayers() {
        return linearFlopsPerToken > 0;
    }

    /** Sliding-window layers' FLOPs for prompt tokens: at most {@code W} pairs a token. */
    double windowedPromptFlops(double tokens, double pairs) {
        return window == 0 ? 0 : Math.min(pairs, tokens * window) * windowedPromptFlopsPerPair;
    }

    /** Sliding-window layers' FLOPs for decode tokens. */
    double windowedDecodeFlops(double tokens, double pairs) {
        return window == 0 ? 0 : Math.min(pairs, tokens * window) * windowedDecodeFlopsPerPair;
    }

    /** Sliding-window layers' KV bytes for prompt chunks: the chunk and at most {@code W} earlier tokens each. */
    double windowedPromptBytes(double tokens, double kvRead, double sequences) {
        return window == 0 ? 0 : (Math.min(kvRead, tokens + window * sequences) + tokens) * windowedKvBytesPerToken;
    }

    /** Sliding-window layers' KV bytes for decodes: at most {@code W} tokens read each, one written. */
    double windowedDecodeBytes(double tokens, double kvRead) {
        return window == 0 ? 0 : (Math.min(kvRead, tokens * window) + tokens) * windowedKvBytesPerToken;
    }

    /** Linear-attention FLOPs of {@code tokens} new tokens. */
    double linearFlops(double tokens) {
        return tokens * linearFlopsPerToken;
    }

    /** Linear-attention state read and written, once per sequence of the pass. */
    double linearBytes(double sequences) {
        return 2 * sequences * linearStateBytes;
    }
}
