package org.llmsim.hardware;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Numeric formats for weights and the KV cache. {@link #bytesPerElement} includes the quantization scales that
 * group-wise formats carry (INT4 with one FP16 scale and zero point per group of 128 weights: 0.5 + 4/128 bytes;
 * NVFP4 with one FP8 scale per 16 weights: 0.5 + 1/16 bytes, 4.5 bits; MXFP4 with one 8-bit power-of-two scale per
 * 32 weights: 0.5 + 1/32 bytes, 4.25 bits, the format gpt-oss ships its experts in).
 */
public enum Dtype {
    @JsonProperty("bf16") BF16(2.0),
    @JsonProperty("fp16") FP16(2.0),
    @JsonProperty("fp8") FP8(1.0),
    @JsonProperty("int8") INT8(1.0),
    @JsonProperty("int4") INT4(0.5 + 4.0 / 128),
    @JsonProperty("fp4") FP4(0.5 + 1.0 / 16),
    @JsonProperty("mxfp4") MXFP4(0.5 + 1.0 / 32);

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
     * GEMMs run in BF16, so INT4 speeds up bandwidth-bound decode but not compute-bound prefill. FP4 and MXFP4 weights
     * run FP4 GEMMs (activations quantized to FP4 on the fly, W4A4) on GPUs with FP4 tensor cores
     * ({@code fp4_tflops}: both formats use the same units); elsewhere they run W4A16, dequantized to BF16.
     */
    public Dtype computeDtype() {
        return switch (this) {
            case FP8 -> FP8;
            case INT8 -> INT8;
            case FP4, MXFP4 -> FP4;
            default -> BF16;
        };
    }

    /** Whether the format can hold a KV cache (16- and 8-bit floats; integer and 4-bit formats are weight-only). */
    public boolean kvCapable() {
        return this == BF16 || this == FP16 || this == FP8;
    }

    public String yamlName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The format named {@code name} as a file writes it ({@code fp8}, {@code mxfp4}, ...), or null if none is. */
    public static Dtype fromName(String name) {
        for (Dtype d : values()) {
            if (d.yamlName().equals(name)) {
                return d;
            }
        }
        return null;
    }
}
