package org.llmsim.passtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.llmsim.hardware.Dtype;
import org.llmsim.hardware.GpuProfile;
import org.llmsim.hardware.MemoryPlan;
import org.llmsim.hardware.ModelProfile;
import org.llmsim.hardware.ReplicaHardware;
import org.llmsim.testing.TestScenarios;

/** Weight and KV formats in the roofline and the memory plan: bytes shrink, the GEMMs run at the format's peak. */
class QuantizationCostTest {
    private static final ModelProfile LLAMA_8B = TestScenarios.model("llama-3.1-8b");

    private static PassCostModel cost(GpuProfile gpu, Dtype weights) {
        return new PassCostModel(new ReplicaHardware(gpu, LLAMA_8B, 1, weights, Dtype.BF16));
    }

    /** The GEMMs of a pass: memory time of a decode (the weights), compute time of a prompt. */
    private static double gemmS(GpuProfile gpu, Dtype weights, Shape pass) {
        return cost(gpu, weights).breakdown(pass).operators().get(0).seconds();
    }

    @Test
    void weightFormats_shrinkTheBytesABatchOneDecodeStreams() {
        // given an ideal H100 and one decoding token (the weights dominate what it reads)
        GpuProfile h100 = TestScenarios.idealH100();
        Shape decode = Shape.decode(1, 0);
        double bf16 = gemmS(h100, Dtype.BF16, decode);
        // then 8-bit formats stream half the bytes and INT4 (with its group scales) a little over a quarter
        assertEquals(0.5, gemmS(h100, Dtype.FP8, decode) / bf16, 1e-12);
        assertEquals(0.5, gemmS(h100, Dtype.INT8, decode) / bf16, 1e-12);
        assertEquals((0.5 + 4.0 / 128) / 2, gemmS(h100, Dtype.INT4, decode) / bf16, 1e-12);
    }

    @Test
    void fp8AndInt8_runW8A8GemmsAtTheirPeak_int4StaysOnBf16Gemms() {
        // given a compute-bound 4,096-token prefill on an ideal H100 (FP8 and INT8 peaks twice BF16's)
        GpuProfile h100 = TestScenarios.idealH100();
        Shape prompt = Shape.prefill(4096, 0);
        double bf16 = gemmS(h100, Dtype.BF16, prompt);
        // then FP8 and INT8 GEMMs take half the time (989 of 1,979 TFLOP/s); INT4 is weight-only and computes in BF16
        double ratio = 989.0 / 1979;
        assertEquals(ratio, gemmS(h100, Dtype.FP8, prompt) / bf16, 1e-12);
        assertEquals(ratio, gemmS(h100, Dtype.INT8, prompt) / bf16, 1e-12);
        assertEquals(1.0, gemmS(h100, Dtype.INT4, prompt) / bf16, 1e-12);
    }

    @Test
    void onA100_int8UsesItsInt8TensorCores_whileFp8FallsBackToBf16() {
        // the A100 has INT8 tensor cores (624 TOPS) and no FP8 ones
        GpuProfile a100 = TestScenarios.gpu("a100-80gb");
        assertEquals(624e12, a100.peakFlops(Dtype.INT8), 0.0);
        assertEquals(312e12, a100.peakFlops(Dtype.FP8), 0.0);
        GpuProfile sharp = a100.withRooflineKnee(null);
        Shape prompt = Shape.prefill(4096, 0);
        double bf16 = gemmS(sharp, Dtype.BF16, prompt);
        assertEquals(0.5, gemmS(sharp, Dtype.INT8, prompt) / bf16, 1e-12);
        assertEquals(1.0, gemmS(sharp, Dtype.FP8, prompt) / bf16, 1e-12);
    }

    @Test
    void fp8KvCache_doublesTheTokensAReplicaHolds() {
        GpuProfile h100 = TestScenarios.gpu("h100-sxm");
        MemoryPlan bf16 = MemoryPlan.of(new ReplicaHardware(h100, LLAMA_8B, 1, Dtype.BF16, Dtype.BF16), 0.9, 8192,
                256, 16);
        MemoryPlan fp8 = MemoryPlan.of(new ReplicaHardware(h100, LLAMA_8B, 1, Dtype.BF16, Dtype.FP8), 0.9, 8192,
                256, 16);
        // the same bytes are left for the cache; each token takes half of them
        assertEquals(bf16.kvBytesPerGpu(), fp8.kvBytesPerGpu(), 0.0);
        assertEquals(2 * bf16.kvBlocks(), fp8.kvBlocks(), 1.0);
        // and FP8 weights free 8 GB more for it
        MemoryPlan both = MemoryPlan.of(new ReplicaHardware(h100, LLAMA_8B, 1, Dtype.FP8, Dtype.FP8), 0.9, 8192, 256,
                16);
        assertEquals(8.03e9, both.kvBytesPerGpu() - fp8.kvBytesPerGpu(), 1e6);
        assertTrue(both.kvTokens() > 2.3 * bf16.kvTokens());
    }
}
