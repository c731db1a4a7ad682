package org.llmsim.hardware;

/**
 * How the memory of each GPU of a replica is spent, and how many KV-cache blocks are left, in the way vLLM sizes its
 * cache: {@code gpu_memory_utilization} of the device memory, minus the weights, the peak activations of a forward
 * pass over {@code max_batched_tokens} tokens, and the runtime's own reserve; the rest holds KV blocks of
 * {@code block_size} tokens. With data parallelism each rank sizes its own cache on its own GPUs, and with the same
 * per-rank settings ({@code max_num_seqs} and {@code max_num_batched_tokens} are per rank in vLLM), so the replica
 * holds {@code dp} times the blocks of one rank. Sliding-window and linear-attention layers, whose cache per
 * sequence does not grow with its length, are given a full window (or state) for each of {@code max_batch_size}
 * sequences up front, a simplification of vLLM V1's hybrid cache, which pages them too.
 *
 * @param usableBytesPerGpu     device memory times the utilization fraction
 * @param weightBytesPerGpu     weights on one GPU
 * @param activationBytesPerGpu peak activation memory of a full batch on one GPU
 * @param reserveBytesPerGpu    runtime reserve (CUDA context, graphs, communication buffers), plus the fixed cache
 *                              of a full batch of sequences (sliding-window and linear-attention layers)
 * @param kvBytesPerGpu         what is left for the KV cache (negative when the model does not fit)
 * @param kvBytesPerTokenPerGpu KV bytes of one token on one GPU
 * @param blockSize             tokens per KV block
 * @param kvBlocks              KV blocks that fit in the whole replica, every data-parallel rank's (0 when none)
 */
public record MemoryPlan(
        double usableBytesPerGpu,
        double weightBytesPerGpu,
        double activationBytesPerGpu,
        double reserveBytesPerGpu,
        double kvBytesPerGpu,
        double kvBytesPerTokenPerGpu,
        int blockSize,
        int kvBlocks) {

    /**
     * Sizes the KV cache of a replica.
     *
     * @param hardware             the replica
     * @param gpuMemoryUtilization fraction of device memory the engine may use, in (0, 1]
     * @param maxBatchedTokens     tokens of the largest forward pass of one rank (drives activation memory)
     * @param maxBatchSize         sequences of the largest batch of one rank (drives the sampler's logits buffer)
     * @param blockSize            tokens per KV block
     */
    public static MemoryPlan of(ReplicaHardware hardware, double gpuMemoryUtilization, int maxBatchedTokens,
            int maxBatchSize, int blockSize) {
        ModelProfile m = hardware.model();
        int tp = hardware.tp();
        double usable = hardware.gpu().memoryBytes() * gpuMemoryUtilization;
        // the fullest pipeline stage's share, and the draft model's weights with speculative decoding
        double weights = hardware.weightBytesPerGpu();
        // Peak of a profiling forward pass: the MLP's gate/up output and activation (3 x intermediate) plus a few
        // hidden-sized buffers per token, in 16-bit, split over the TP group; plus FP32 logits for every sequence.
        int mlpWidth = !m.isMixtureOfExperts() ? m.intermediate() : m.moeIntermediate() == null
                ? m.intermediate() * m.expertsPerToken()
                : Math.max(m.denseLayers() == null || m.denseLayers() == 0 ? 0 : m.intermediate(),
                        m.moeIntermediate() * (m.expertsPerToken() + (m.sharedExperts() == null ? 0
                                : m.sharedExperts())));
        double activations = (double) maxBatchedTokens * (3.0 * mlpWidth + 4.0 * m.hidden()) * 2 / tp
                + (double) maxBatchSize * m.vocab() * 4;
        // Sliding-window and linear-attention layers hold a fixed amount per sequence: reserved for a full batch
        double reserve = hardware.gpu().runtimeReserveBytes()
                + (double) maxBatchSize * hardware.fixedCacheBytesPerSequencePerGpu();
        double kvBytes = usable - weights - activations - reserve;
        double perToken = hardware.cacheBytesPerTokenPerGpu();
        double rankBlocks = kvBytes <= 0 ? 0 : Math.floor(kvBytes / (perToken * blockSize));
        int blocks = (int) Math.min(Integer.MAX_VALUE, rankBlocks * hardware.dp());
        return new MemoryPlan(usable, weights, activations, reserve, kvBytes, perToken, blockSize, blocks);
    }

    /**
     * The same plan with a measured number of KV blocks instead of the computed one (vLLM's
     * {@code num_gpu_blocks_override}). The memory breakdown stays as computed, so a report can show both.
     */
    public MemoryPlan withKvBlocks(int blocks) {
        if (blocks < 1) {
            throw new IllegalArgumentException("KV blocks must be >= 1, got " + blocks);
        }
        return new MemoryPlan(usableBytesPerGpu, weightBytesPerGpu, activationBytesPerGpu, reserveBytesPerGpu,
                kvBytesPerGpu, kvBytesPerTokenPerGpu, blockSize, blocks);
    }

    /**
     * The smallest tensor-parallel group (1, 2, 4, ... up to {@code maxTp}, dividing the attention heads of the model
     * and of its draft) over which {@code hardware}'s model fits with room for KV blocks, under the same settings; 0
     * when none does. Validation's hint and the catalog both ask this, so they name the same group.
     */
    public static int smallestFittingTp(ReplicaHardware hardware, double gpuMemoryUtilization, int maxBatchedTokens,
            int maxBatchSize, int blockSize, int maxTp) {
        for (int tp = 1; tp <= maxTp; tp *= 2) {
            if (hardware.model().heads() % tp != 0 || hardware.draft() != null && hardware.draft().heads() % tp != 0) {
                continue;
            }
            ReplicaHardware candidate = new ReplicaHardware(hardware.gpu(), hardware.model(), tp,
                    hardware.weightDtype(), hardware.kvDtype(), hardware.pp(), hardware.draft(), hardware.dp(),
                    hardware.expertParallel());
            if (of(candidate, gpuMemoryUtilization, maxBatchedTokens, maxBatchSize, blockSize).fits()) {
                return tp;
            }
        }
        return 0;
    }

    /** Whether weights, activations and reserve fit with room for at least one KV block. */
    public boolean fits() {
        return kvBlocks > 0;
    }

    /** Tokens of KV cache the replica holds. */
    public long kvTokens() {
        return (long) kvBlocks * blockSize;
    }
}
