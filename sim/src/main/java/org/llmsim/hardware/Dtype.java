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
     * The tensor-core format the GEMMs run in when weights are stored in this type: FP8 weights run FP8 GEMMs
     * (W8A8); INT8 and INT4 are weight-only formats (W8A16, W4A16) whose GEMMs run in BF16 after dequantization.
     */
    public Dtype computeDtype() {
        return this == FP8 ? FP8 : BF16;
    }

    public String yamlName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
