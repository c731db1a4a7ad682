package org.llmsim.hardware;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Numeric formats for weights and the KV cache. {@link #bytesPerElement} includes the quantization scales that
 * group-wise formats carry (INT4 with one FP16 scale and zero point per group of 128 weights: 0.5 + 4/128 bytes).
 */
public enum Dtype {
    @JsonProperty("bf16") BF16(2.0),
    @JsonProperty("fp16") FP16(2.0),
    @JsonProperty("fp8") FP8(1.0),
    @JsonProperty("int8") INT8(1.0),
    @JsonProperty("int4") INT4(0.5 + 4.0 / 128);

    private final double bytesPerElement;

    Dtype(double bytesPerElement) {
        this.bytesPerElement = bytesPerElement;
    }

    public double bytesPerElement() {
        return bytesPerElement;
    }

    /**
     * The tensor-core format the GEMMs run in when weights are stored in this type. FP8 weights run FP8 GEMMs and INT8
     * weights INT8 GEMMs, activations quantized on the fly (W8A8: vLLM's FP8 and INT8 W8A8 schemes, TensorRT-LLM's FP8
     * and SmoothQuant); the GPU profile gives their peaks ({@code fp8_tflops}, {@code int8_tops}) and a GPU without them
     * runs BF16 GEMMs after dequantizing (weight-only). INT4 is weight-only (W4A16, GPTQ/AWQ with Marlin kernels): its
     * GEMMs run in BF16, so INT4 speeds up bandwidth-bound decode but not compute-bound prefill.
     */
    public Dtype computeDtype() {
        return switch (this) {
            case FP8 -> FP8;
            case INT8 -> INT8;
            default -> BF16;
        };
    }

    public String yamlName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
