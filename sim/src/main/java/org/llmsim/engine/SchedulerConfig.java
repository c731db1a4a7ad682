package org.llmsim.engine;

/**
 * The scheduler and cache knobs of one replica, named as in vLLM.
 *
 * @param policy                how batches are formed
 * @param maxBatchSize          most sequences in one forward pass ({@code max_num_seqs})
 * @param maxBatchedTokens      most new tokens in one forward pass ({@code max_num_batched_tokens}, the token budget);
 *                              with continuous batching a single prompt longer than this still runs, alone, when it is
 *                              first in line; with chunked prefill it is split
 * @param blockSize             tokens per KV block
 * @param outputTokenCap        the largest output a request may ask for ({@code max_tokens}); static batching reserves
 *                              KV for it
 * @param order                 admission order of waiting requests
 * @param maxWaitS              dynamic batching: longest an idle replica waits for a batch to fill, seconds (0 for
 *                              the other policies)
 * @param preemption            what preemption does to the victim's KV
 * @param prefixCaching         whether full KV blocks are shared and kept, keyed by the token prefix they hold
 * @param swapSpaceBytesPerGpu  host memory per GPU for swapped-out KV ({@code swap_space}), bytes
 * @param schedulerSteps        decode steps a prefill-first decode pass runs before the scheduler looks at the queue
 *                              again ({@code num_scheduler_steps}, vLLM V0's multi-step scheduling); 1 otherwise
 * @param overlapScheduler      whether host time hides behind GPU time (SGLang's overlap scheduler)
 */
public record SchedulerConfig(BatchingPolicy policy, int maxBatchSize, int maxBatchedTokens, int blockSize,
        int outputTokenCap, SchedulingOrder order, double maxWaitS, PreemptionMode preemption, boolean prefixCaching,
        double swapSpaceBytesPerGpu, int schedulerSteps, boolean overlapScheduler) {

    /** vLLM's default swap space: 4 GiB per GPU. */
    public static final double DEFAULT_SWAP_SPACE_BYTES = 4.0 * (1L << 30);

    public SchedulerConfig {
        if (maxBatchSize < 1 || maxBatchedTokens < 1 || blockSize < 1 || outputTokenCap < 1) {
            throw new IllegalArgumentException("scheduler limits must be >= 1: " + maxBatchSize + ", "
                    + maxBatchedTokens + ", " + blockSize + ", " + outputTokenCap);
        }
        if (!(maxWaitS >= 0) || !(swapSpaceBytesPerGpu >= 0)) {
            throw new IllegalArgumentException("max wait and swap space must be >= 0: " + maxWaitS + ", "
                    + swapSpaceBytesPerGpu);
        }
        if (order == null) {
            order = SchedulingOrder.FCFS;
        }
        if (preemption == null) {
            preemption = PreemptionMode.RECOMPUTE;
        }
        if (schedulerSteps < 1) {
            throw new IllegalArgumentException("scheduler steps must be >= 1, got " + schedulerSteps);
        }
    }

    /** One scheduler step per pass. */
    public SchedulerConfig(BatchingPolicy policy, int maxBatchSize, int maxBatchedTokens, int blockSize,
            int outputTokenCap, SchedulingOrder order, double maxWaitS, PreemptionMode preemption, boolean prefixCaching,
            double swapSpaceBytesPerGpu) {
        this(policy, maxBatchSize, maxBatchedTokens, blockSize, outputTokenCap, order, maxWaitS, preemption,
                prefixCaching, swapSpaceBytesPerGpu, 1, false);
    }

    public SchedulerConfig withOverlapScheduler(boolean value) {
        return new SchedulerConfig(policy, maxBatchSize, maxBatchedTokens, blockSize, outputTokenCap, order, maxWaitS,
                preemption, prefixCaching, swapSpaceBytesPerGpu, schedulerSteps, value);
    }

    public SchedulerConfig withSchedulerSteps(int value) {
        return new SchedulerConfig(policy, maxBatchSize, maxBatchedTokens, blockSize, outputTokenCap, order, maxWaitS,
                preemption, prefixCaching, swapSpaceBytesPerGpu, value, overlapScheduler);
    }

    /** FCFS order, no waiting, recompute preemption, no prefix caching, vLLM's swap space. */
    public SchedulerConfig(BatchingPolicy policy, int maxBatchSize, int maxBatchedTokens, int blockSize,
            int outputTokenCap) {
        this(policy, maxBatchSize, maxBatchedTokens, blockSize, outputTokenCap, SchedulingOrder.FCFS, 0,
                PreemptionMode.RECOMPUTE, false, DEFAULT_SWAP_SPACE_BYTES);
    }

    public SchedulerConfig withOrder(SchedulingOrder value) {
        return new SchedulerConfig(policy, maxBatchSize, maxBatchedTokens, blockSize, outputTokenCap, value, maxWaitS,
                preemption, prefixCaching, swapSpaceBytesPerGpu, schedulerSteps, overlapScheduler);
    }

    public SchedulerConfig withPreemption(PreemptionMode value, double swapBytesPerGpu) {
        return new SchedulerConfig(policy, maxBatchSize, maxBatchedTokens, blockSize, outputTokenCap, order, maxWaitS,
                value, prefixCaching, swapBytesPerGpu, schedulerSteps, overlapScheduler);
    }

    public SchedulerConfig withPrefixCaching(boolean value) {
        return new SchedulerConfig(policy, maxBatchSize, maxBatchedTokens, blockSize, outputTokenCap, order, maxWaitS,
                preemption, value, swapSpaceBytesPerGpu, schedulerSteps, overlapScheduler);
    }

    public SchedulerConfig withMaxWaitS(double value) {
        return new SchedulerConfig(policy, maxBatchSize, maxBatchedTokens, blockSize, outputTokenCap, order, value,
                preemption, prefixCaching, swapSpaceBytesPerGpu, schedulerSteps, overlapScheduler);
    }
}
