package org.llmsim.hardware;

import java.util.List;

/**
 * How fast an engine's attention kernel runs on a GPU ({@code attention:} in a GPU profile or one of its engines).
 * Prompt (prefill) attention is compute bound; its kernels reach their plateau only on long sequences, so the
 * achievable fraction of the tensor-core peak is {@code efficiency x L / (L + half_tokens)}, {@code L} the causal length
 * of the pass's prompt chunks (FlashAttention-2 and -3 forward benchmarks follow this shape). Decode attention is
 * bound by reading the KV cache at the profile's memory efficiency.
 *
 * @param efficiency the plateau: achievable fraction of the peak of the attention's data type, in (0, 1]
 * @param halfTokens the causal sequence length at which half the plateau is reached (0: flat)
 * @param fp8        whether the engine runs FP8 attention over an FP8 KV cache (TensorRT-LLM's FP8 FMHA); otherwise
 *                   attention runs in BF16 whatever the weights and KV are stored in
 */
public record AttentionKernel(Double efficiency, Double halfTokens, Boolean fp8, List<String> sources) {

    /** The ideal kernel: the whole peak at every length, BF16. */
    public static final AttentionKernel IDEAL = new AttentionKernel(1.0, 0.0, false, List.of());

    /** This kernel with {@code override}'s fields where it has them. */
    public AttentionKernel overriddenBy(AttentionKernel override) {
        if (override == null) {
            return this;
        }
        return new AttentionKernel(or(override.efficiency, efficiency), or(override.halfTokens, halfTokens),
                or(override.fp8, fp8), override.sources != null ? override.sources : sources);
    }

    static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
