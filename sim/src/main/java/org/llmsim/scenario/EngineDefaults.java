package org.llmsim.scenario;

import org.llmsim.engine.BatchingPolicy;
import org.llmsim.hardware.GpuProfile;
import org.llmsim.hardware.ServingEngine;

/**
 * How each serving engine schedules when a scenario does not say: the batching policy, the batch limits, prefix
 * caching, the share of device memory it takes and its KV block size, each as the engine's documentation and source
 * give them at the version named. A pool's own {@code scheduler:} and {@code prefix_caching} override them.
 *
 * <ul>
 *   <li><b>vllm</b> (the V1 engine, vLLM 0.9 and later): chunked prefill always on, decodes first then prompt chunks
 *       (https://docs.vllm.ai/en/latest/usage/v1_guide.html); automatic prefix caching on; {@code max_num_seqs}
 *       1,024 and {@code max_num_batched_tokens} 8,192 for the OpenAI server on GPUs of at least 70 GiB other than
 *       the A100, 256 and 2,048 otherwise (vllm/engine/arg_utils.py, EngineArgs.get_batch_defaults, since
 *       https://github.com/vllm-project/vllm/pull/17885); {@code gpu_memory_utilization} 0.9; blocks of 16.</li>
 *   <li><b>vllm-v0</b> (vLLM 0.6): prompts first in passes of their own that stall every running answer, whole
 *       prompts ({@code max_num_batched_tokens} at least the longest prompt), no prefix caching, 256 sequences, one
 *       scheduler step unless set (https://docs.vllm.ai/en/v0.6.0/models/engine_args.html).</li>
 *   <li><b>sglang</b> (SGLang 0.4-0.5): prefill first, prompts chunked at {@code chunked_prefill_size} 8,192 on GPUs
 *       with more than 60 GB, 4,096 on smaller ones; the radix prefix cache on; KV pages of one token
 *       (https://docs.sglang.ai/advanced_features/server_arguments.html); {@code mem_fraction_static} about 0.88;
 *       running requests bounded by the KV cache (1,024 here).</li>
 *   <li><b>trtllm</b> (TensorRT-LLM 0.17-1.x, trtllm-serve and trtllm-bench): in-flight batching of whole prompts
 *       and decodes in one pass, {@code max_batch_size} 2,048, {@code max_num_tokens} 8,192, chunked context and KV
 *       reuse off, the KV cache taking 0.9 of the free memory (about 0.95 of the device), blocks of 64 tokens
 *       (the plugin config's {@code tokens_per_block})
 *       (https://nvidia.github.io/TensorRT-LLM/performance/perf-best-practices.html).</li>
 * </ul>
 *
 * @param policy                how batches are formed
 * @param maxBatchSize          most sequences in a pass
 * @param maxBatchedTokens      the pass's token budget; null: the longest prompt (whole-prompt engines)
 * @param prefixCaching         whether full KV blocks are shared by prefix
 * @param gpuMemoryUtilization  share of device memory the engine takes
 * @param blockSize             tokens per KV block
 * @param overlapScheduler      whether the scheduler prepares the next pass while the GPU runs this one, hiding host
 *                              time behind GPU time (SGLang's overlap scheduler, on by default since SGLang 0.4,
 *                              https://lmsys.org/blog/2024-12-04-sglang-v0-4/; {@code --disable-overlap-schedule})
 */
public record EngineDefaults(BatchingPolicy policy, int maxBatchSize, Integer maxBatchedTokens, boolean prefixCaching,
        double gpuMemoryUtilization, int blockSize, boolean overlapScheduler) {

    /** GPUs of at least this many bytes, other than the A100, get vLLM's larger batch defaults: 70 GiB. */
    static final double VLLM_LARGE_GPU_BYTES = 70.0 * (1L << 30);

    /** The policy {@code engine} batches with (no GPU needed). */
    public static BatchingPolicy policy(ServingEngine engine) {
        return switch (engine) {
            case VLLM -> BatchingPolicy.CHUNKED_PREFILL;
            case VLLM_V0, SGLANG -> BatchingPolicy.PREFILL_FIRST;
            case TRTLLM -> BatchingPolicy.CONTINUOUS;
        };
    }

    /** {@code engine}'s defaults on {@code gpu}. */
    public static EngineDefaults of(ServingEngine engine, GpuProfile gpu) {
        boolean large = gpu.memoryBytes() >= VLLM_LARGE_GPU_BYTES && !gpu.id().startsWith("a100");
        return switch (engine) {
            case VLLM -> new EngineDefaults(policy(engine), large ? 1024 : 256, large ? 8192 : 2048, true, 0.9, 16,
                    false);
            case VLLM_V0 -> new EngineDefaults(policy(engine), 256, null, false, 0.9, 16, false);
            case SGLANG -> new EngineDefaults(policy(engine), 1024, gpu.memoryGb() > 60 ? 8192 : 4096, true, 0.88, 1,
                    true);
            case TRTLLM -> new EngineDefaults(policy(engine), 2048, 8192, false, 0.95, 64, false);
        };
    }
}
