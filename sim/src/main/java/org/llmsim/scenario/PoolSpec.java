package org.llmsim.scenario;

import org.llmsim.engine.BatchingPolicy;
import org.llmsim.engine.PreemptionMode;
import org.llmsim.engine.SchedulerConfig;
import org.llmsim.hardware.Dtype;
import org.llmsim.hardware.ExpertParallel;
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
 * {@code data_parallel} (default 1, vLLM's {@code --data-parallel-size}) makes each replica that many attention ranks
 * of {@code pipeline_parallel x tensor_parallel} GPUs, each with its own sequences and KV cache (the scheduler's
 * {@code max_batch_size}, {@code max_batched_tokens} and {@code kv_blocks_override} are per rank, as in vLLM);
 * {@code expert_parallel} (default false, {@code --enable-expert-parallel}) spreads a mixture of experts' experts
 * over all {@code data_parallel x tensor_parallel} GPUs of a stage, with {@code expert_dispatch_dtype} (fp8 or bf16,
 * default fp8 as DeepEP) for the dispatch all-to-all and {@code expert_imbalance} (>= 1, default 1) for the busiest
 * GPU's share of the routed tokens over the mean;
 * {@code disaggregated} splits the replicas into prefill and decode replicas ({@link DisaggregationSpec}), and then
 * {@code replicas} defaults to their sum. {@code router} overrides {@code cluster.router} for this pool's replicas
 * when the pool serves a tier of {@code cluster.routing}.
 *
 * <p><b>Provider pools.</b> A pool that names {@code provider} (a profile id in {@code gpu-profiles/providers/} or a
 * path) instead of {@code gpu} and {@code model} is an external API: it has no replicas or GPU settings. Its own
 * fields: {@code batch} (send through the provider's batch API: its discount, completion within its window;
 * default false), {@code prompt_caching} (mark the shared prefix and the conversation so far as cacheable; default
 * true where the provider has a cached-input price), {@code cache_ttl_s} and {@code cache_write_multiplier}
 * (another of the provider's cache options, e.g. 3600 s at 2x), and {@code rate_limit} (the account's limits, in
 * place of the profile's).
 *
 * <p><b>Energy.</b> {@code energy} ({@link EnergySpec}) overrides, field by field, the scenario's
 * {@code economics.energy} for this pool's replicas (a pool in another region or data centre).
 * <p><b>Pricing.</b> {@code pricing} ({@link PricingSpec}) says how the GPUs are paid for: on demand (the default),
 * reserved, spot or owned.
 *
 * <p><b>Autoscaling.</b> {@code autoscale} ({@link AutoscaleSpec}) lets the number of replicas follow the load
 * between its bounds; {@code replicas} is then the number warm at t = 0 (default {@code min_replicas}).
 *
 * <p><b>Resilience</b> (any pool): {@code retry} ({@link RetrySpec}: attempts, exponential backoff with jitter),
 * {@code timeout_s} (a call without its first token this long after it was sent is given up: an API call is cut, a
 * GPU call still waiting for its first pass is dropped from the queue), {@code fallback} (the pool a call goes to once
 * its attempts here are used up, or at once while the breaker is open) and {@code circuit_breaker}
 * ({@link CircuitBreakerSpec}).
 */
public record PoolSpec(String name, String gpu, String model, Integer replicas, Integer tensorParallel,
        Dtype weightDtype, Dtype kvDtype, SchedulerSpec scheduler, ServingEngine engine, Integer kvBlocksOverride,
        Boolean prefixCaching, PreemptionMode preemption, Double swapSpaceGb, Integer pipelineParallel,
        SpeculativeSpec speculative, DisaggregationSpec disaggregated, String provider, Boolean batch,
        Boolean promptCaching, Double cacheTtlS, Double cacheWriteMultiplier, RateLimitSpec rateLimit,
        RouterSpec router, AutoscaleSpec autoscale, RetrySpec retry, Double timeoutS, String fallback,
        CircuitBreakerSpec circuitBreaker, Integer dataParallel, Boolean expertParallel, Dtype expertDispatchDtype,
        Double expertImbalance, EnergySpec energy, PricingSpec pricing) {

    /** A pool (GPU or provider) of one data-parallel rank per replica, without expert parallelism, on demand. */
    public PoolSpec(String name, String gpu, String model, Integer replicas, Integer tensorParallel,
            Dtype weightDtype, Dtype kvDtype, SchedulerSpec scheduler, ServingEngine engine, Integer kvBlocksOverride,
            Boolean prefixCaching, PreemptionMode preemption, Double swapSpaceGb, Integer pipelineParallel,
            SpeculativeSpec speculative, DisaggregationSpec disaggregated, String provider, Boolean batch,
            Boolean promptCaching, Double cacheTtlS, Double cacheWriteMultiplier, RateLimitSpec rateLimit,
            RouterSpec router, AutoscaleSpec autoscale, RetrySpec retry, Double timeoutS, String fallback,
            CircuitBreakerSpec circuitBreaker) {
        this(name, gpu, model, replicas, tensorParallel, weightDtype, kvDtype, scheduler, engine, kvBlocksOverride,
                prefixCaching, preemption, swapSpaceGb, pipelineParallel, speculative, disaggregated, provider, batch,
                promptCaching, cacheTtlS, cacheWriteMultiplier, rateLimit, router, autoscale, retry, timeoutS,
                fallback, circuitBreaker, null, null, null, null, null, null);
    }

    /** The same pool with other weights (a checkpoint's own format, where the scenario names none). */
    public PoolSpec withWeightDtype(Dtype newWeightDtype) {
        return new PoolSpec(name, gpu, model, replicas, tensorParallel, newWeightDtype, kvDtype, scheduler, engine,
                kvBlocksOverride, prefixCaching, preemption, swapSpaceGb, pipelineParallel, speculative, disaggregated,
                provider, batch, promptCaching, cacheTtlS, cacheWriteMultiplier, rateLimit, router, autoscale, retry,
                timeoutS, fallback, circuitBreaker, dataParallel, expertParallel, expertDispatchDtype, expertImbalance,
                energy, pricing);
    }

    /** The same pool with other energy settings. */
    public PoolSpec withEnergy(EnergySpec newEnergy) {
        return new PoolSpec(name, gpu, model, replicas, tensorParallel, weightDtype, kvDtype, scheduler, engine,
                kvBlocksOverride, prefixCaching, preemption, swapSpaceGb, pipelineParallel, speculative, disaggregated,
                provider, batch, promptCaching, cacheTtlS, cacheWriteMultiplier, rateLimit, router, autoscale, retry,
                timeoutS, fallback, circuitBreaker, dataParallel, expertParallel, expertDispatchDtype, expertImbalance,
                newEnergy, pricing);
    }

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

    /** A GPU pool without application-layer settings. */
    public PoolSpec(String name, String gpu, String model, Integer replicas, Integer tensorParallel,
            Dtype weightDtype, Dtype kvDtype, SchedulerSpec scheduler, ServingEngine engine, Integer kvBlocksOverride,
            Boolean prefixCaching, PreemptionMode preemption, Double swapSpaceGb, Integer pipelineParallel,
            SpeculativeSpec speculative, DisaggregationSpec disaggregated) {
        this(name, gpu, model, replicas, tensorParallel, weightDtype, kvDtype, scheduler, engine, kvBlocksOverride,
                prefixCaching, preemption, swapSpaceGb, pipelineParallel, speculative, disaggregated, null, null, null,
                null, null, null, null);
    }

    /** A pool (GPU or provider) without autoscaling, retries, timeout, fallback or circuit breaker. */
    public PoolSpec(String name, String gpu, String model, Integer replicas, Integer tensorParallel,
            Dtype weightDtype, Dtype kvDtype, SchedulerSpec scheduler, ServingEngine engine, Integer kvBlocksOverride,
            Boolean prefixCaching, PreemptionMode preemption, Double swapSpaceGb, Integer pipelineParallel,
            SpeculativeSpec speculative, DisaggregationSpec disaggregated, String provider, Boolean batch,
            Boolean promptCaching, Double cacheTtlS, Double cacheWriteMultiplier, RateLimitSpec rateLimit,
            RouterSpec router) {
        this(name, gpu, model, replicas, tensorParallel, weightDtype, kvDtype, scheduler, engine, kvBlocksOverride,
                prefixCaching, preemption, swapSpaceGb, pipelineParallel, speculative, disaggregated, provider, batch,
                promptCaching, cacheTtlS, cacheWriteMultiplier, rateLimit, router, null, null, null, null, null);
    }

    public PoolSpec {
        if (provider != null) {
            // A provider pool keeps what the file says, so that validation can point at GPU fields set on it.
            if (batch == null) {
                batch = false;
            }
        } else {
            if (replicas == null) {
                replicas = disaggregated != null && disaggregated.replicas() != null ? disaggregated.replicas()
                        : autoscale != null ? autoscale.minReplicas() : 1;
            }
            if (pipelineParallel == null) {
                pipelineParallel = 1;
            }
            if (tensorParallel == null) {
                tensorParallel = 1;
            }
            if (dataParallel == null) {
                dataParallel = 1;
            }
            if (expertParallel == null) {
                expertParallel = false;
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
            if (preemption == null) {
                preemption = PreemptionMode.RECOMPUTE;
            }
            if (swapSpaceGb == null) {
                swapSpaceGb = SchedulerConfig.DEFAULT_SWAP_SPACE_BYTES / 1e9;
            }
            if (pricing == null) {
                pricing = PricingSpec.DEFAULT;
            }
        }
    }

    /** The batching policy: the scenario's, else the engine's. */
    public BatchingPolicy effectivePolicy() {
        return scheduler.policyOr(EngineDefaults.policy(engine));
    }

    /** Whether full KV blocks are shared by prefix: the scenario's choice, else the engine's default. */
    public boolean prefixCachingOr(boolean engineDefault) {
        return prefixCaching != null ? prefixCaching : engineDefault;
    }

    /** Whether this pool is an external API provider rather than GPU replicas. */
    public boolean servedByProvider() {
        return provider != null;
    }

    public void validate(String path, Problems p) {
        validateResilience(path, p);
        if (energy != null) {
            energy.validate(path + ".energy", p);
        }
        if (servedByProvider()) {
            validateProvider(path, p);
            return;
        }
        if (gpu == null && model == null) {
            p.add(path, "needs gpu and model (self-hosted replicas) or provider (an external API)");
        } else {
            p.required(path + ".gpu", gpu);
            p.required(path + ".model", model);
        }
        String[] apiOnly = {"batch", "prompt_caching", "cache_ttl_s", "cache_write_multiplier", "rate_limit"};
        Object[] apiValues = {batch, promptCaching, cacheTtlS, cacheWriteMultiplier, rateLimit};
        for (int i = 0; i < apiOnly.length; i++) {
            if (apiValues[i] != null) {
                p.add(path + "." + apiOnly[i], "applies to provider pools only (this pool runs on gpu "
                        + (gpu == null ? "?" : gpu) + "); use prefix_caching for the replicas' own KV cache");
            }
        }
        if (router != null) {
            router.validate(path + ".router", p);
        }
        pricing.validate(path + ".pricing", p);
        if (autoscale != null) {
            validateAutoscale(path, p);
        } else {
            p.atLeast(path + ".replicas", replicas, 1);
        }
        p.atLeast(path + ".tensor_parallel", tensorParallel, 1);
        if (kvDtype != null && !kvDtype.kvCapable()) {
            p.add(path + ".kv_dtype", "must be one of bf16, fp16, fp8, got " + kvDtype.yamlName());
        }
        p.atLeast(path + ".kv_blocks_override", kvBlocksOverride, 1);
        p.nonNegative(path + ".swap_space_gb", swapSpaceGb);
        p.atLeast(path + ".pipeline_parallel", pipelineParallel, 1);
        validateParallel(path, p);
        BatchingPolicy policy = effectivePolicy();
        scheduler.validate(path + ".scheduler", p, policy);
        boolean iterationLevel = policy.iterationLevel();
        if (speculative != null) {
            speculative.validate(path + ".speculative", p);
            if (!iterationLevel) {
                p.add(path + ".speculative", "needs iteration-level batching (scheduler.policy continuous or "
                        + "chunked_prefill), got " + policy.yamlName());
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
                        + "chunked_prefill), got " + policy.yamlName());
            }
        }
    }

    /** Data and expert parallelism on their own; what needs the model's profile is checked when it is loaded. */
    private void validateParallel(String path, Problems p) {
        p.atLeast(path + ".data_parallel", dataParallel, 1);
        if (expertDispatchDtype != null && expertDispatchDtype != Dtype.FP8 && expertDispatchDtype != Dtype.BF16) {
            p.add(path + ".expert_dispatch_dtype", "must be fp8 or bf16, got " + expertDispatchDtype.yamlName());
        }
        if (expertImbalance != null && !(expertImbalance >= 1 && Double.isFinite(expertImbalance))) {
            p.add(path + ".expert_imbalance", "must be a finite number >= 1 (the busiest GPU's routed tokens over the "
                    + "mean), got " + Problems.format(expertImbalance));
        }
        if (!expertParallel && (expertDispatchDtype != null || expertImbalance != null)) {
            p.add(path + (expertDispatchDtype != null ? ".expert_dispatch_dtype" : ".expert_imbalance"),
                    "applies with expert_parallel: true only");
        }
    }

    /** Expert parallelism as written, with DeepEP's defaults; null without it. */
    public ExpertParallel expertParallelism() {
        if (!Boolean.TRUE.equals(expertParallel)) {
            return null;
        }
        ExpertParallel d = ExpertParallel.DEEPEP_DEFAULT;
        return new ExpertParallel(expertDispatchDtype != null ? expertDispatchDtype : d.dispatchDtype(),
                d.combineDtype(), expertImbalance != null ? expertImbalance : d.imbalance());
    }

    private void validateAutoscale(String path, Problems p) {
        int before = p.count();
        autoscale.validate(path + ".autoscale", p);
        if (disaggregated != null) {
            p.add(path + ".autoscale", "cannot be combined with disaggregated (prefill and decode replicas are sized "
                    + "apart); autoscale a co-located pool");
        }
        if (p.count() == before && replicas != null && autoscale.maxReplicas() != null
                && (replicas < autoscale.minReplicas() || replicas > autoscale.maxReplicas())) {
            p.add(path + ".replicas", "with autoscale is the number of replicas warm at t = 0 and must be within "
                    + "min_replicas " + autoscale.minReplicas() + " and max_replicas " + autoscale.maxReplicas()
                    + ", got " + replicas);
        }
    }

    /** Replica slots the pool is built with: {@code max_replicas} when it autoscales, else {@code replicas}. */
    public int replicaSlots() {
        return autoscale != null && autoscale.maxReplicas() != null ? autoscale.maxReplicas() : replicas;
    }

    /** Whether the pool retries, times out, falls back or has a circuit breaker (any of which needs the gateway). */
    public boolean hasResilience() {
        return retry != null || timeoutS != null || fallback != null || circuitBreaker != null;
    }

    /** Retries, timeout, fallback and circuit breaker; the fallback's name is checked against the other pools later. */
    private void validateResilience(String path, Problems p) {
        if (retry != null) {
            retry.validate(path + ".retry", p);
        }
        p.positive(path + ".timeout_s", timeoutS);
        if (timeoutS != null && Boolean.TRUE.equals(batch)) {
            p.add(path + ".timeout_s", "does not apply to batch calls, which answer within the provider's batch "
                    + "window; remove it or set batch: false");
        }
        if (fallback != null && (fallback.isBlank() || fallback.equals(name))) {
            p.add(path + ".fallback", "must name another pool, got '" + fallback + "'");
        }
        if (circuitBreaker != null) {
            circuitBreaker.validate(path + ".circuit_breaker", p);
        }
    }

    /** A provider pool: no replica or GPU field may be set; its own fields must make sense. */
    private void validateProvider(String path, Problems p) {
        String[] gpuOnly = {"gpu", "model", "replicas", "tensor_parallel", "weight_dtype", "kv_dtype", "scheduler",
                "engine", "kv_blocks_override", "prefix_caching", "preemption", "swap_space_gb", "pipeline_parallel",
                "speculative", "disaggregated", "router", "autoscale", "data_parallel", "expert_parallel",
                "expert_dispatch_dtype", "expert_imbalance", "pricing"};
        Object[] gpuValues = {gpu, model, replicas, tensorParallel, weightDtype, kvDtype, scheduler, engine,
                kvBlocksOverride, prefixCaching, preemption, swapSpaceGb, pipelineParallel, speculative, disaggregated,
                router, autoscale, dataParallel, expertParallel, expertDispatchDtype, expertImbalance, pricing};
        for (int i = 0; i < gpuOnly.length; i++) {
            if (gpuValues[i] != null) {
                p.add(path + "." + gpuOnly[i], "does not apply to a provider pool (provider: " + provider
                        + "): the provider runs the model; remove it, or describe self-hosted replicas with gpu and "
                        + "model instead of provider");
            }
        }
        if (provider.isBlank()) {
            p.add(path + ".provider", "must name a provider profile (gpu-profiles/providers/) or a path to one");
        }
        p.positive(path + ".cache_ttl_s", cacheTtlS);
        if (cacheWriteMultiplier != null && !(cacheWriteMultiplier >= 1 && cacheWriteMultiplier <= 10)) {
            p.add(path + ".cache_write_multiplier", "must be in [1, 10] (a multiple of the input price; 1.25 for a "
                    + "5-minute cache, 2 for a 1-hour cache), got " + Problems.format(cacheWriteMultiplier));
        }
        if (Boolean.FALSE.equals(promptCaching) && (cacheTtlS != null || cacheWriteMultiplier != null)) {
            p.add(path + ".prompt_caching", "is false, so cache_ttl_s and cache_write_multiplier have no effect");
        }
        if (rateLimit != null) {
            rateLimit.validate(path + ".rate_limit", p);
        }
    }
}
