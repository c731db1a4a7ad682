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
 * @param overlapHost          whether the engine's scheduler prepares the next pass while the GPU runs this one,
 *                             hiding host time behind GPU time (SGLang's overlap scheduler); default false
 */
public record EngineCalibration(Double computeEfficiency, Double memoryEfficiency, Double iterationOverheadS,
        Double perSequenceOverheadS, Double perTokenOverheadS, List<String> sources, Double rooflineKnee,
        AttentionKernel attention, CollectiveKernels allreduce, Boolean overlapHost) {

    /** A calibration of efficiencies and overheads only (what {@code llmsim calibrate} writes). */
    public EngineCalibration(Double computeEfficiency, Double memoryEfficiency, Double iterationOverheadS,
            Double perSequenceOverheadS, Double perTokenOverheadS, List<String> sources) {
        this(computeEfficiency, memoryEfficiency, iterationOverheadS, perSequenceOverheadS, perTokenOverheadS, sources,
                null, null, null, null);
    }
}
