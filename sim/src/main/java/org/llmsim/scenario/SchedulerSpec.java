package org.llmsim.scenario;

import org.llmsim.engine.BatchingPolicy;
import org.llmsim.engine.SchedulingOrder;

/**
 * Scheduler knobs of a pool ({@code cluster.pools[i].scheduler}), named as in vLLM. Defaults: continuous batching,
 * {@code max_batch_size} 256 (vLLM's {@code max_num_seqs}), {@code block_size} 16, {@code gpu_memory_utilization}
 * 0.9, {@code order} fcfs. {@code max_batched_tokens} defaults to 8192, or for continuous batching the longest
 * possible prompt if that is larger. {@code max_wait_s} is required by, and only allowed with, dynamic batching.
 */
public record SchedulerSpec(BatchingPolicy policy, Integer maxBatchSize, Integer maxBatchedTokens, Integer blockSize,
        Double gpuMemoryUtilization, SchedulingOrder order, Double maxWaitS) {

    public static final int DEFAULT_MAX_BATCHED_TOKENS = 8192;

    public SchedulerSpec {
        if (policy == null) {
            policy = BatchingPolicy.CONTINUOUS;
        }
        if (maxBatchSize == null) {
            maxBatchSize = 256;
        }
        if (blockSize == null) {
            blockSize = 16;
        }
        if (gpuMemoryUtilization == null) {
            gpuMemoryUtilization = 0.9;
        }
        if (order == null) {
            order = SchedulingOrder.FCFS;
        }
    }

    public static SchedulerSpec defaults() {
        return new SchedulerSpec(null, null, null, null, null, null, null);
    }

    public void validate(String path, Problems p) {
        p.atLeast(path + ".max_batch_size", maxBatchSize, 1);
        p.atLeast(path + ".max_batched_tokens", maxBatchedTokens, 1);
        p.atLeast(path + ".block_size", blockSize, 1);
        p.fraction(path + ".gpu_memory_utilization", gpuMemoryUtilization);
        if (policy == BatchingPolicy.DYNAMIC) {
            if (p.required(path + ".max_wait_s", maxWaitS)) {
                p.nonNegative(path + ".max_wait_s", maxWaitS);
            }
        } else if (maxWaitS != null) {
            p.add(path + ".max_wait_s", "only applies to policy: dynamic, got policy: " + policy.yamlName());
        }
        if (policy == BatchingPolicy.CHUNKED_PREFILL && maxBatchedTokens != null && maxBatchSize != null
                && maxBatchedTokens < maxBatchSize) {
            p.add(path + ".max_batched_tokens", "must be >= max_batch_size (" + maxBatchSize
                    + ") with chunked prefill, so that every decoding sequence fits the token budget, got "
                    + maxBatchedTokens);
        }
    }
}
