package org.llmsim.passtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.llmsim.hardware.Dtype;
import org.llmsim.hardware.GpuProfile;
import org.llmsim.hardware.ModelProfile;
import org.llmsim.hardware.ReplicaHardware;
import org.llmsim.testing.TestScenarios;

/**
 * FP4 weights (NVFP4 {@code fp4}, MXFP4 {@code mxfp4}): their bytes with the scales, W4A4 GEMMs at the FP4 peak where
 * the GPU has FP4 tensor cores, W4A16 (BF16 GEMMs) where it has none. The expected times are worked out by hand from
 * Llama-3.1-8B's shapes and the datasheet peaks, on GPUs at efficiency 1 (the ideal roofline).
 */
class Fp4CostTest {
    private static final ModelProfile LLAMA_8B = TestScenarios.model("llama-3.1-8b");
    /**
     * Llama-3.1-8B's GEMM weights: 32 layers x (QKV 4096 x 6144 + output 4096 x 4096 + MLP 3 x 4096 x 14336) =
     * 32 x 218,103,808 = 6,979,321,856 (the LM head is priced apart).
     */
    private static final double GEMM_PARAMS = 6_979_321_856.0;

    /** The pass's GEMM operator (QKV, output, MLP), seconds. */
    private static double gemmS(GpuProfile gpu, Dtype weights, Shape pass) {
        return new PassCostModel(new ReplicaHardware(gpu, LLAMA_8B, 1, weights, Dtype.BF16)).breakdown(pass)
                .operators().get(0).seconds();
    }

    private static GpuProfile ideal(String id) {
        return TestScenarios.gpu(id).idealized();
    }

    @Test
    void scales_areCountedInTheBytes() {
        // NVFP4: 4 bits + one FP8 scale per 16 values = 4.5 bits; MXFP4: 4 bits + one 8-bit scale per 32 = 4.25 bits
        assertEquals(4.5 / 8, Dtype.FP4.bytesPerElement(), 1e-15);
        assertEquals(4.25 / 8, Dtype.MXFP4.bytesPerElement(), 1e-15);
    }

    @Test
    void onB200_anFp4PrefillRunsAtTheFp4Peak() {
        // given 4,096 prompt tokens on an ideal B200 (dense FP4 9,000 TFLOP/s, 8 TB/s)
        Shape prompt = Shape.prefill(4096, 0);
        // then the GEMMs take 2 x params x tokens / FP4 peak: 4096 x 2 x 6.979e9 / 9e15 = 6.353 ms
        double expected = 4096 * 2 * GEMM_PARAMS / 9000e12;
        assertEquals(6.3527e-3, expected, 1e-7);
        assertEquals(expected, gemmS(ideal("b200"), Dtype.FP4, prompt), expected * 1e-12);
        // and MXFP4 runs on the same FP4 units
        assertEquals(expected, gemmS(ideal("b200"), Dtype.MXFP4, prompt), expected * 1e-12);
    }

    @Test
    void onB200_aBatchOneDecodeStreamsTheFp4Bytes() {
        // given one decoding token on an ideal B200: the weights dominate
        Shape decode = Shape.decode(1, 0);
        // then the GEMMs read params x 4.5 bits at 8 TB/s: 6.979e9 x 0.5625 / 8e12 = 0.4907 ms
        double nvfp4 = GEMM_PARAMS * 0.5625 / 8e12;
        assertEquals(4.9074e-4, nvfp4, 1e-8);
        assertEquals(nvfp4, gemmS(ideal("b200"), Dtype.FP4, decode), nvfp4 * 1e-12);
        // and MXFP4's 4.25 bits: 0.4635 ms
        double mxfp4 = GEMM_PARAMS * 0.53125 / 8e12;
        assertEquals(mxfp4, gemmS(ideal("b200"), Dtype.MXFP4, decode), mxfp4 * 1e-12);
    }

    @Test
    void onH100_fp4WeightsRunW4A16_bf16GemmsOverFp4Bytes() {
        // given an ideal H100: no FP4 tensor cores (989 TFLOP/s BF16, 3.35 TB/s)
        GpuProfile h100 = TestScenarios.idealH100();
        // then a prefill's GEMMs run at the BF16 peak: 4096 x 2 x 6.979e9 / 989e12 = 57.81 ms, as BF16 weights do
        double prefill = 4096 * 2 * GEMM_PARAMS / 989e12;
        assertEquals(57.81e-3, prefill, 1e-5);
        assertEquals(prefill, gemmS(h100, Dtype.FP4, Shape.prefill(4096, 0)), prefill * 1e-12);
        assertEquals(prefill, gemmS(h100, Dtype.MXFP4, Shape.prefill(4096, 0)), prefill * 1e-12);
        // while a decode still streams only the FP4 bytes: 6.979e9 x 0.5625 / 3.35e12 = 1.1719 ms
        double decode = GEMM_PARAMS * 0.5625 / 3.35e12;
        assertEquals(1.1719e-3, decode, 1e-7);
        assertEquals(decode, gemmS(h100, Dtype.FP4, Shape.decode(1, 0)), decode * 1e-12);
    }

    @Test
    void fp4Peaks_onlyWhereTheGpuHasFp4Units() {
        // Blackwell and CDNA 4 have FP4 tensor cores; Hopper, Ada, Ampere and CDNA 3 run FP4 weights on BF16 GEMMs
        assertEquals(10100e12, TestScenarios.gpu("mi355x").peakFlops(Dtype.FP4), 0.0);
        assertEquals(14000e12, TestScenarios.gpu("b300").peakFlops(Dtype.FP4), 0.0);
        assertEquals(1307e12, TestScenarios.gpu("mi300x").peakFlops(Dtype.FP4), 0.0);
        assertEquals(1307e12, TestScenarios.gpu("mi325x").peakFlops(Dtype.FP4), 0.0);
        assertEquals(989e12, TestScenarios.gpu("h200").peakFlops(Dtype.FP4), 0.0);
        assertEquals(121e12, TestScenarios.gpu("l4").peakFlops(Dtype.FP4), 0.0);
        assertEquals(Dtype.FP4, Dtype.MXFP4.computeDtype());
    }
}
