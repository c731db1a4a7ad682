package org.llmsim.hardware;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The serving engine whose calibration a pool uses ({@code cluster.pools[i].engine}). Engines run the same GPU at
 * different efficiencies and host overheads (kernels, CUDA graphs, scheduler cost in Python or C++), so a GPU profile
 * may carry one set of efficiencies and overheads per engine under {@code engines:}; an engine without its own set uses
 * the profile's top-level values, which are calibrated on vLLM.
 */
public enum ServingEngine {
    /** vLLM (the default; the profile's top-level efficiencies and overheads). */
    @JsonProperty("vllm") VLLM,
    /** NVIDIA TensorRT-LLM (also behind Triton and NIM). */
    @JsonProperty("trtllm") TRTLLM,
    /** SGLang. */
    @JsonProperty("sglang") SGLANG;

    public String yamlName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
