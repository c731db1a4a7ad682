package org.llmsim.hardware;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The per-engine calibrations of a GPU profile ({@code engines:}), one optional entry per {@link ServingEngine}.
 * Written as a record rather than a map so that a misspelt engine is an "unknown field" error listing the allowed
 * names.
 */
public record EngineCalibrations(EngineCalibration vllm, EngineCalibration trtllm, EngineCalibration sglang,
        @JsonProperty("vllm-v0") EngineCalibration vllmV0) {

    /** The calibration of {@code engine}, or null when the profile has none for it. */
    public EngineCalibration get(ServingEngine engine) {
        return switch (engine) {
            case VLLM -> vllm;
            case TRTLLM -> trtllm;
            case SGLANG -> sglang;
            case VLLM_V0 -> vllmV0;
        };
    }

    /** A copy with {@code engine}'s entry replaced. */
    public EngineCalibrations with(ServingEngine engine, EngineCalibration calibration) {
        return new EngineCalibrations(engine == ServingEngine.VLLM ? calibration : vllm,
                engine == ServingEngine.TRTLLM ? calibration : trtllm,
                engine == ServingEngine.SGLANG ? calibration : sglang,
                engine == ServingEngine.VLLM_V0 ? calibration : vllmV0);
    }
}
