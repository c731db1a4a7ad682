package org.llmsim.scenario;

import org.llmsim.engine.BatchingPolicy;
import org.llmsim.engine.SchedulingOrder;

/**
 * Scheduler knobs of a pool ({@code cluster.pools[i].scheduler}), named as in vLLM. What a scenario leaves out is
 * the pool's engine's default ({@link EngineDefaults}); {@code order} defaults to fcfs and {@code num_scheduler_steps}
 * to 1. {@code max_wait_s} is required by, and only allowed with, dynamic batching.
 *
 * @param numSchedulerSteps decode steps a prefill-first pass runs before the scheduler looks at the queue again
 *                          (vLLM V0's {@code num_scheduler_steps}, multi-step scheduling)
 * @param overlapScheduler  whether the engine prepares the next pass while the GPU runs this one (SGLang's overlap
 *                          scheduler; default: the engine's)
 */
public record SchedulerSpec(BatchingPolicy policy, Integer maxBatchSize, Integer maxBatchedTokens, Integer blockSize,
        Double gpuMemoryUtilization, SchedulingOrder order, Double maxWaitS, Integer numSchedulerSteps,
        Boolean overlapScheduler) {

    public static final int DEFAULT_MAX_BATCHED_TOKENS = 8192;

    public SchedulerSpec {
        if (order == null) {
            order = SchedulingOrder.FCFS;
        }
        if (numSchedulerSteps == null) {
            numSchedulerSteps = 1;
        }
    }

    public static SchedulerSpec defaults() {
        return new SchedulerSpec(null, null, null, null, null, null, null, null, null);
    }

    /** The policy, or {@code fallback} (the engine's) when the scenario gives none. */
    public BatchingPolicy policyOr(BatchingPolicy fallback) {
        return policy != null ? policy : fallback;
    }

    /** What the scenario gave, the engine's defaults for the rest. */
    public SchedulerSpec resolve(EngineDefaults d) {
        return new SchedulerSpec(policyOr(d.policy()), maxBatchSize != null ? maxBatchSize : d.maxBatchSize(),
                maxBatchedTokens != null ? maxBatchedTokens : d.maxBatchedTokens(),
                blockSize != null ? blockSize : d.blockSize(),
                gpuMemoryUtilization != null ? gpuMemoryUtilization : d.gpuMemoryUtilization(), order, maxWaitS,
                numSchedulerSteps, overlapScheduler != null ? overlapScheduler : d.overlapScheduler());
    }

    /** Checks what can be checked before the engine's defaults are known; {@code policy} is the effective one. */
    public void validate(String path, Problems p, BatchingPolicy effective) {
        p.atLeast(path + ".max_batch_size", maxBatchSize, 1);
        p.atLeast(path + ".max_batched_tokens", maxBatchedTokens, 1);
        p.atLeast(path + ".block_size", blockSize, 1);
        p.fraction(path + ".gpu_memory_utilization", gpuMemoryUtilization);
        p.atLeast(path + ".num_scheduler_steps", numSchedulerSteps, 1);
        if (numSchedulerSteps > 1 && effective != BatchingPolicy.PREFILL_FIRST) {
            p.add(path + ".num_scheduler_steps", "multi-step scheduling applies to policy: prefill_first (vLLM V0), "
                    + "got policy: " + effective.yamlName());
        }
        if (effective == BatchingPolicy.DYNAMIC) {
            if (p.required(path + ".max_wait_s", maxWaitS)) {
                p.nonNegative(path + ".max_wait_s", maxWaitS);
            }
        } else if (maxWaitS != null) {
            p.add(path + ".max_wait_s", "only applies to policy: dynamic, got policy: " + effective.yamlName());
        }
    }

    /**
     * Checks a resolved spec: chunked prefill must fit one token of every decoding sequence in its budget.
     *
     * @param defaultOrigin where the batch limit came from when the scenario did not give it (for example "vllm's
     *                      default on h100-sxm"), null when it did
     */
    public void validateResolved(String path, Problems p, String defaultOrigin) {
        if (policy == BatchingPolicy.CHUNKED_PREFILL && maxBatchedTokens != null && maxBatchedTokens < maxBatchSize) {
            String limit = defaultOrigin == null ? Integer.toString(maxBatchSize)
                    : maxBatchSize + ", " + defaultOrigin + "; lower it with max_batch_size";
            p.add(path + ".max_batched_tokens", "must be >= max_batch_size (" + limit
                    + ") with chunked prefill, so that every decoding sequence fits the token budget, got "
                    + maxBatchedTokens);
        }
    }
}
