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
 */
public record EngineCalibration(Double computeEfficiency, Double memoryEfficiency, Double iterationOverheadS,
        Double perSequenceOverheadS, Double perTokenOverheadS, List<String> sources) {
}
