package org.llmsim.planning;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.llmsim.hardware.Dtype;
import org.llmsim.hardware.ModelProfile;
import org.llmsim.hardware.ServingEngine;
import org.llmsim.scenario.PoolPlan;

/**
 * What a serving engine must be told to run one replica as it was simulated: every value read from the resolved pool
 * (the engine's defaults filled in where the scenario left a knob out), so the launched server is the simulated one.
 * {@link LaunchScript} writes it as the engine's command line.
 *
 * @param engine               the serving engine
 * @param hfId                 the Hugging Face repository of the model, or null when its profile names none
 * @param modelId              the model profile's id (the fallback name)
 * @param tp                   tensor-parallel GPUs per stage
 * @param pp                   pipeline stages
 * @param dp                   data-parallel ranks
 * @param expertParallel       whether the experts are spread over the {@code dp x tp} GPUs of a stage
 * @param maxNumSeqs           most sequences in a pass of one rank
 * @param maxBatchedTokens     token budget of a pass of one rank
 * @param gpuMemoryUtilization share of each GPU's memory the engine takes
 * @param kvFreeFraction       share of the memory left after weights and activations that the KV cache takes
 *                             (TensorRT-LLM's way of saying it)
 * @param weightDtype          weight format
 * @param kvDtype              KV cache format
 * @param prefixCaching        whether full KV blocks are shared by prefix
 * @param schedulerSteps       decode steps per scheduling (vLLM 0.6's multi-step scheduling)
 * @param overlapScheduler     whether the scheduler overlaps the GPU (SGLang)
 * @param replicas             replicas of the pool (the most, when it autoscales)
 * @param autoscaled           whether the replica count follows the load
 * @param gpusPerNode          GPUs in one server
 */
public record LaunchSpec(ServingEngine engine, String hfId, String modelId, int tp, int pp, int dp,
        boolean expertParallel, int maxNumSeqs, int maxBatchedTokens, double gpuMemoryUtilization,
        double kvFreeFraction, Dtype weightDtype, Dtype kvDtype, boolean prefixCaching, int schedulerSteps,
        boolean overlapScheduler, int replicas, boolean autoscaled, int gpusPerNode) {

    /** GPUs of one replica. */
    public int gpus() {
        return dp * pp * tp;
    }

    /** Servers one replica spans. */
    public int nodes() {
        return (gpus() + gpusPerNode - 1) / gpusPerNode;
    }

    /** The launch of a resolved pool: the scheduler's figures are the replica's, dp ranks' worth; per rank here. */
    public static LaunchSpec of(PoolPlan pool) {
        var hw = pool.hardware();
        var s = pool.scheduler();
        var m = pool.memory();
        int dp = hw.dp();
        double gpuBytes = hw.gpu().memoryBytes();
        double free = gpuBytes - m.weightBytesPerGpu() - m.activationBytesPerGpu();
        return new LaunchSpec(pool.spec().engine(), hfId(hw.model()), hw.model().id(), hw.tp(), hw.pp(), dp,
                hw.expertParallel() != null, s.maxBatchSize() / dp, s.maxBatchedTokens() / dp,
                m.usableBytesPerGpu() / gpuBytes, free > 0 ? Math.min(1, m.kvBytesPerGpu() / free) : 0,
                hw.weightDtype(), hw.kvDtype(), s.prefixCaching(), s.schedulerSteps(), s.overlapScheduler(),
                pool.replicas(), pool.autoscales(), hw.gpu().gpusPerNodeOrDefault());
    }

    private static final Pattern CONFIG_OF = Pattern.compile("config\\.json of ([A-Za-z0-9][\\w.-]*/[\\w.-]*\\w)");
    private static final Pattern HF_URL = Pattern.compile("huggingface\\.co/([A-Za-z0-9][\\w.-]*/[\\w.-]*\\w)");

    /**
     * The model's Hugging Face repository as its profile's sources name it: the repository whose config.json gave
     * the shapes ("config.json of org/name"), else the first huggingface.co/org/name address; null when none.
     */
    public static String hfId(ModelProfile model) {
        List<String> sources = model.sources() == null ? List.of() : model.sources();
        for (Pattern p : List.of(CONFIG_OF, HF_URL)) {
            for (String line : sources) {
                Matcher matcher = p.matcher(line);
                while (matcher.find()) {
                    String id = matcher.group(1);
                    if (!id.startsWith("datasets/") && !id.startsWith("spaces/") && !id.startsWith("docs/")) {
                        return id;
                    }
                }
            }
        }
        return null;
    }
}
