package org.llmsim.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.llmsim.testing.TestScenarios;

/** Weight and KV formats in the roofline and the memory plan: bytes shrink, the GEMMs run at the format's peak. */
class QuantizationCostTest {
    private static final ModelProfile LLAMA_8B = TestScenarios.model("llama-3.1-8b");

    private static RooflineCostModel cost(GpuProfile gpu, Dtype weights) {
        return new RooflineCostModel(new ReplicaHardware(gpu, LLAMA_8B, 1, weights, Dtype.BF16));
    }

    @Test
    void weightFormats_shrinkTheBytesABatchOneDecodeStreams() {
        // given an ideal H100 and one decoding token (the weights dominate what it reads)
        GpuProfile h100 = TestScenarios.idealH100();
        double bf16 = cost(h100, Dtype.BF16).breakdown(1, 1, 1, 1, 1).memoryS();
        // then 8-bit formats stream half the bytes and INT4 (with its group scales) a little over a quarter
        assertEquals(0.5, cost(h100, Dtype.FP8).breakdown(1, 1, 1, 1, 1).memoryS() / bf16, 1e-4);
        assertEquals(0.5, cost(h100, Dtype.INT8).breakdown(1, 1, 1, 1, 1).memoryS() / bf16, 1e-4);
        assertEquals((0.5 + 4.0 / 128) / 2, cost(h100, Dtype.INT4).breakdown(1, 1, 1, 1, 1).memoryS() / bf16, 1e-4);
    }

    @Test
    void fp8AndInt8_runW8A8GemmsAtTheirPeak_int4StaysOnBf16Gemms() {
        // given a compute-bound 4,096-token prefill on an ideal H100 (FP8 and INT8 peaks twice BF16's)
        GpuProfile h100 = TestScenarios.idealH100();
        long n = 4096;
        long pairs = n * (n + 1) / 2;
        double bf16 = cost(h100, Dtype.BF16).breakdown(1, n, pairs, n, n).computeS();
        // then FP8 and INT8 GEMMs take half the time (989 of 1,979 TFLOP/s); INT4 is weight-only and computes in BF16
        double ratio = 989.0 / 1979;
        assertEquals(ratio, cost(h100, Dtype.FP8).breakdown(1, n, pairs, n, n).computeS() / bf16, 1e-12);
        assertEquals(ratio, cost(h100, Dtype.INT8).breakdown(1, n, pairs, n, n).computeS() / bf16, 1e-12);
        assertEquals(1.0, cost(h100, Dtype.INT4).breakdown(1, n, pairs, n, n).computeS() / bf16, 1e-12);
    }

    @Test
    void onA100_int8UsesItsInt8TensorCores_whileFp8FallsBackToBf16() {
        // the A100 has INT8 tensor cores (624 TOPS) and no FP8 ones
        GpuProfile a100 = TestScenarios.gpu("a100-80gb");
        assertEquals(624e12, a100.peakFlops(Dtype.INT8), 0.0);
        assertEquals(312e12, a100.peakFlops(Dtype.FP8), 0.0);
        long n = 4096;
        double bf16 = cost(a100, Dtype.BF16).breakdown(1, n, 0, 0, 0).computeS();
        assertEquals(0.5, cost(a100, Dtype.INT8).breakdown(1, n, 0, 0, 0).computeS() / bf16, 1e-12);
        assertEquals(1.0, cost(a100, Dtype.FP8).breakdown(1, n, 0, 0, 0).computeS() / bf16, 1e-12);
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
