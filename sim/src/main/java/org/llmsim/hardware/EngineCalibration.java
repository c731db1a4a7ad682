package org.llmsim.hardware;

import java.util.List;

/**
 * The efficiencies and overheads of one serving engine on one GPU ({@code engines.<engine>} in a GPU profile). Fields
 * left out keep the profile's top-level value. Units and meaning as in {@link GpuProfile}.
 *
 * @param computeEfficiency    achievable fraction of the tensor-core peak, in (0, 1]
 * @param memoryEfficiency     achievable fraction of peak HBM bandwidth, in (0, 1]
 * @param iterationOverheadS   host time per forward pass, seconds
 * @param perSequenceOverheadS host time per sequence in the batch, seconds
 * @param perTokenOverheadS    host time per new token in the batch, seconds
 * @param sources              where these figures come from (required)
 * @param rooflineKnee         the engine's kernels' knee ({@link GpuProfile#rooflineKnee})
 * @param attention            the engine's attention kernel, field by field over the profile's
 * @param allreduce            the engine's all-reduce kernels, field by field over the profile's
 * @param layerOverheadS       host time per layer per pass (kernel launches not captured in a CUDA graph), seconds
 * @param requestLatencyS      time a request spends in the engine's server before its first pass can take it (HTTP,
 *                             tokenization, hand-off to the engine loop), seconds
 */
public record EngineCalibration(Double computeEfficiency, Double memoryEfficiency, Double iterationOverheadS,
        Double perSequenceOverheadS, Double perTokenOverheadS, List<String> sources, Double rooflineKnee,
        AttentionKernel attention, CollectiveKernels allreduce, Double layerOverheadS,
        Double requestLatencyS) {

    /** These settings with the fitted values of {@code fitted} where it has them (what {@code llmsim calibrate} does). */
    public EngineCalibration withFitted(EngineCalibration fitted, List<String> newSources) {
        return new EngineCalibration(or(fitted.computeEfficiency, computeEfficiency),
                or(fitted.memoryEfficiency, memoryEfficiency), or(fitted.iterationOverheadS, iterationOverheadS),
                or(fitted.perSequenceOverheadS, perSequenceOverheadS), or(fitted.perTokenOverheadS, perTokenOverheadS),
                newSources, rooflineKnee, attention, allreduce,
                or(fitted.layerOverheadS, layerOverheadS), or(fitted.requestLatencyS, requestLatencyS));
    }

    /** An engine set of fitted efficiencies and overheads only (the others null: the profile's apply). */
    public static EngineCalibration fitted(Double computeEfficiency, Double memoryEfficiency, Double iterationOverheadS,
            Double perSequenceOverheadS, Double perTokenOverheadS, Double layerOverheadS, Double requestLatencyS) {
        return new EngineCalibration(computeEfficiency, memoryEfficiency, iterationOverheadS, perSequenceOverheadS,
                perTokenOverheadS, null, null, null, null, layerOverheadS, requestLatencyS);
    }

    private static Double or(Double value, Double fallback) {
        return value != null ? value : fallback;
    }
}
