package org.llmsim.scenario;

import org.llmsim.engine.BatchingPolicy;
import org.llmsim.engine.PreemptionMode;
import org.llmsim.engine.SchedulerConfig;
import org.llmsim.hardware.Dtype;
import org.llmsim.hardware.ServingEngine;

/**
 * A pool of identical replicas ({@code cluster.pools[i]}): a model on {@code tensor_parallel} GPUs per replica.
 * {@code gpu} and {@code model} are profile ids (files in {@code gpu-profiles/gpus/} and {@code gpu-profiles/models/})
 * or paths to profile files, relative to the scenario file.
 *
 * <p>{@code engine} names the serving engine whose calibration of the GPU the pool uses (default vLLM).
 * {@code kv_blocks_override} replaces the computed KV capacity of each replica by a measured block count (vLLM's
 * {@code num_gpu_blocks_override}; the "# GPU blocks" line of its log, or "GPU KV cache size" tokens divided by
 * {@code block_size}).
 *
 * <p>{@code prefix_caching} (default false) shares and keeps KV blocks by the prefix they hold; {@code preemption}
 * (default recompute) says what happens to a preempted sequence's KV; {@code swap_space_gb} is the host memory per GPU
 * for swapped KV (default vLLM's 4 GiB, 4.294967296 GB).
 *
 * <p>{@code pipeline_parallel} (default 1) splits the model's layers over that many stages of
 * {@code tensor_parallel} GPUs each; {@code speculative} adds a draft model ({@link SpeculativeSpec});
 * {@code disaggregated} splits the replicas into prefill and decode replicas ({@link DisaggregationSpec}), and then
 * {@code replicas} defaults to their sum.
 */
public record PoolSpec(String name, String gpu, String model, Integer replicas, Integer tensorParallel,
        Dtype weightDtype, Dtype kvDtype, SchedulerSpec scheduler, ServingEngine engine, Integer kvBlocksOverride,
        Boolean prefixCaching, PreemptionMode preemption, Double swapSpaceGb, Integer pipelineParallel,
        SpeculativeSpec speculative, DisaggregationSpec disaggregated) {

    /** A pool with the default engine, the computed KV capacity and the default caching and preemption. */
    public PoolSpec(String name, String gpu, String model, Integer replicas, Integer tensorParallel,
            Dtype weightDtype, Dtype kvDtype, SchedulerSpec scheduler) {
        this(name, gpu, model, replicas, tensorParallel, weightDtype, kvDtype, scheduler, null, null, null, null, null);
    }

    /** A pool of one stage per replica, without speculative decoding or disaggregation. */
    public PoolSpec(String name, String gpu, String model, Integer replicas, Integer tensorParallel,
            Dtype weightDtype, Dtype kvDtype, SchedulerSpec scheduler, ServingEngine engine, Integer kvBlocksOverride,
            Boolean prefixCaching, PreemptionMode preemption, Double swapSpaceGb) {
        this(name, gpu, model, replicas, tensorParallel, weightDtype, kvDtype, scheduler, engine, kvBlocksOverride,
                prefixCaching, preemption, swapSpaceGb, null, null, null);
    }

    public PoolSpec {
        if (replicas == null) {
            replicas = disaggregated != null && disaggregated.replicas() != null ? disaggregated.replicas() : 1;
        }
        if (pipelineParallel == null) {
            pipelineParallel = 1;
        }
        if (tensorParallel == null) {
            tensorParallel = 1;
        }
        if (weightDtype == null) {
            weightDtype = Dtype.BF16;
        }
        if (kvDtype == null) {
            kvDtype = Dtype.BF16;
        }
        if (scheduler == null) {
            scheduler = SchedulerSpec.defaults();
        }
        if (engine == null) {
            engine = ServingEngine.VLLM;
        }
        if (prefixCaching == null) {
            prefixCaching = false;
        }
        if (preemption == null) {
            preemption = PreemptionMode.RECOMPUTE;
        }
        if (swapSpaceGb == null) {
            swapSpaceGb = SchedulerConfig.DEFAULT_SWAP_SPACE_BYTES / 1e9;
        }
    }

    public void validate(String path, Problems p) {
        p.required(path + ".gpu", gpu);
        p.required(path + ".model", model);
        p.atLeast(path + ".replicas", replicas, 1);
        p.atLeast(path + ".tensor_parallel", tensorParallel, 1);
        if (kvDtype == Dtype.INT4 || kvDtype == Dtype.INT8) {
            p.add(path + ".kv_dtype", "must be one of bf16, fp16, fp8, got " + kvDtype.yamlName());
        }
        p.atLeast(path + ".kv_blocks_override", kvBlocksOverride, 1);
        p.nonNegative(path + ".swap_space_gb", swapSpaceGb);
        p.atLeast(path + ".pipeline_parallel", pipelineParallel, 1);
        scheduler.validate(path + ".scheduler", p);
        boolean iterationLevel = scheduler.policy() == BatchingPolicy.CONTINUOUS
                || scheduler.policy() == BatchingPolicy.CHUNKED_PREFILL;
        if (speculative != null) {
            speculative.validate(path + ".speculative", p);
            if (!iterationLevel) {
                p.add(path + ".speculative", "needs iteration-level batching (scheduler.policy continuous or "
                        + "chunked_prefill), got " + scheduler.policy().yamlName());
            }
            if (pipelineParallel > 1) {
                p.add(path + ".speculative", "cannot be combined with pipeline_parallel > 1 (as in vLLM), got "
                        + "pipeline_parallel " + pipelineParallel);
            }
        }
        if (disaggregated != null) {
            disaggregated.validate(path + ".disaggregated", p);
            Integer both = disaggregated.replicas();
            if (both != null && !both.equals(replicas)) {
                p.add(path + ".replicas", "must equal prefill_replicas + decode_replicas (" + both
                        + ") with disaggregated, or be left out, got " + replicas);
            }
            if (!iterationLevel) {
                p.add(path + ".disaggregated", "needs iteration-level batching (scheduler.policy continuous or "
                        + "chunked_prefill), got " + scheduler.policy().yamlName());
            }
        }
    }
}
