package org.llmsim.hardware;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The serving engine whose calibration a pool uses ({@code cluster.pools[i].engine}). Engines run the same GPU at
 * different efficiencies and host overheads (kernels, CUDA graphs, scheduler cost in Python or C++), so a GPU profile
 * may carry one set of efficiencies and overheads per engine under {@code engines:}; an engine without its own set uses
 * the profile's top-level values, which are calibrated on vLLM.
 */
public enum ServingEngine {
    /** vLLM's V1 engine (the default; the profile's top-level efficiencies and overheads). */
    @JsonProperty("vllm") VLLM,
    /** vLLM's V0 engine (0.6 and earlier): prefill-first scheduling, multi-step decoding, FlashAttention-2. */
    @JsonProperty("vllm-v0") VLLM_V0,
    /** NVIDIA TensorRT-LLM (also behind Triton and NIM). */
    @JsonProperty("trtllm") TRTLLM,
    /** SGLang. */
    @JsonProperty("sglang") SGLANG;

    public String yamlName() {
        return this == VLLM_V0 ? "vllm-v0" : name().toLowerCase(java.util.Locale.ROOT);
    }
}
