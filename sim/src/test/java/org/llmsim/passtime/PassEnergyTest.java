package org.llmsim.passtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.llmsim.hardware.Dtype;
import org.llmsim.hardware.GpuProfile;
import org.llmsim.hardware.ModelProfile;
import org.llmsim.hardware.ReplicaHardware;
import org.llmsim.testing.TestScenarios;

/**
 * A pass's power: each operator's time at the power of what bounds it (the H100 profile: compute-bound 700 W,
 * memory-bound and communication 486 W, host time 2 x 88 = 176 W), checked against figures derived by hand from
 * Llama-3.1-8B's shapes on an ideal H100 (see {@link PassCostModelTest} for the shapes).
 */
class PassEnergyTest {
    private static final double BF16_PEAK = 989e12;
    private static final double HBM = 3.35e12;
    private static final double GEMM_PARAMS = 6_979_321_856.0;
    private static final double LM_HEAD_PARAMS = 525_336_576.0;
    private static final double KV_PER_TOKEN = 131_072.0;
    private static final ModelProfile LLAMA_8B = TestScenarios.model("llama-3.1-8b");
    /** Llama-3.1-8B's element-wise traffic per token: (8 h + 2 (H + Hkv) dh + 3 i) 16-bit values in 32 layers. */
    private static final double ELEMENTWISE_BYTES_PER_TOKEN = (8 * 4096 + 2 * (32 + 8) * 128 + 3 * 14336) * 2.0 * 32;
    /** Attention FLOPs per (query, key) pair over all layers: 4 dh H L. */
    private static final double FLOPS_PER_PAIR = 4.0 * 128 * 32 * 32;
    private static final double COMPUTE_W = 700;
    private static final double MEMORY_W = 486;
    private static final double WAITING_W = 176;

    private static PassCostModel model(GpuProfile gpu, int tp) {
        return new PassCostModel(new ReplicaHardware(gpu, LLAMA_8B, tp, Dtype.BF16, Dtype.BF16));
    }

    @Test
    void memoryBoundPass_drawsTheMemoryBoundPowerForItsWholeTime() {
        // given one sequence decoding its 1,000th token on an ideal H100: every operator streams bytes
        PassCostModel cost = model(TestScenarios.idealH100(), 1);
        double t = cost.timeS(Shape.decode(1, 999));
        // when priced, the pass lasts its operators' byte times, by hand:
        double byHand = GEMM_PARAMS * 2 / HBM + 1000 * KV_PER_TOKEN / HBM + KV_PER_TOKEN / HBM
                + LM_HEAD_PARAMS * 2 / HBM + 4096 * 2 / HBM + ELEMENTWISE_BYTES_PER_TOKEN / HBM;
        assertEquals(byHand, t, 1e-12);
        // then it draws the memory-bound 486 W throughout, plus the tensor cores' dynamic power for the little math it
        // does: (700 - 176) W times the share of the pass its FLOPs would take at the peak (GEMMs, attention over
        // 1,000 tokens, one token's LM head): 1.82 W
        double mathS = 2 * GEMM_PARAMS / BF16_PEAK + FLOPS_PER_PAIR * 1000 / BF16_PEAK + 2 * LM_HEAD_PARAMS / BF16_PEAK;
        double expectedW = MEMORY_W + (COMPUTE_W - WAITING_W) * mathS / byHand;
        assertEquals(487.82, expectedW, 0.01);
        assertEquals(expectedW, cost.lastPassPowerW(), 1e-9);
    }

    @Test
    void computeBoundPrefill_drawsTheComputeBoundPowerButForItsMemoryBoundOperators() {
        // given an 8,192-token prompt on an ideal H100: GEMMs and attention compute bound, LM head and embedding not
        PassCostModel cost = model(TestScenarios.idealH100(), 1);
        Shape prefill = Shape.prefill(8192, 0);
        double t = cost.timeS(prefill);
        double joules = cost.lastPassPowerW() * t;
        // by hand: the GEMMs' 2 x 8192 x 6.98e9 FLOP take 115.6 ms at the board's 700 W (their weight streaming would
        // add dynamic power beyond the board's limit, which caps it)
        double gemmS = 2 * 8192 * GEMM_PARAMS / BF16_PEAK;
        assertEquals(0.115621, gemmS, 1e-6);
        PassBreakdown b = cost.breakdown(prefill);
        assertEquals(OperatorTime.Bound.COMPUTE, b.operators().get(0).bound());
        assertEquals(gemmS, b.operators().get(0).seconds(), 1e-12);
        // most of it at 700 W: the LM head's 1.05 GB, the embedding's 67 MB and the element-wise kernels' 45 GB of
        // activation traffic take 13.8 ms of 0.15 s at 486 W
        double memoryBoundS = LM_HEAD_PARAMS * 2 / HBM + 8192 * 4096 * 2 / HBM + 8192 * ELEMENTWISE_BYTES_PER_TOKEN / HBM;
        assertEquals(0.0138, memoryBoundS, 1e-4);
        // (the LM head's one token of math adds its dynamic share too)
        double lmHeadMathS = 2 * LM_HEAD_PARAMS / BF16_PEAK;
        assertEquals(COMPUTE_W * (t - memoryBoundS) + MEMORY_W * memoryBoundS + (COMPUTE_W - WAITING_W) * lmHeadMathS,
                joules, 1e-9 * joules);
    }

    @Test
    void hostTime_drawsTheWaitingPower_andCommunicationTheMemoryBoundPower() {
        // given the calibrated H100 (1.41 ms of host time per pass) at tensor parallel 2 (all-reduces)
        GpuProfile h100 = TestScenarios.gpu("h100-sxm");
        PassCostModel cost = model(h100, 2);
        Shape decode = Shape.decode(32, 2000);
        double t = cost.timeS(decode);
        PassBreakdown b = cost.breakdown(decode);
        double host = b.secondsBound(OperatorTime.Bound.HOST);
        double comm = b.secondsBound(OperatorTime.Bound.COMMUNICATION);
        assertTrue(host > 1e-3 && comm > 0, "host " + host + " s, all-reduce " + comm + " s");
        assertEquals(b.totalS(), t, 1e-15);
        double joules = cost.lastPassPowerW() * t;
        // host time draws the waiting power: 1 ms more of it per pass adds 176 W x 1 ms
        PassCostModel slowerHost = model(h100.withCalibration(h100.computeEfficiency(), h100.memoryEfficiency(),
                h100.iterationOverheadS() + 1e-3, h100.perSequenceOverheadS(), null, null), 2);
        double t2 = slowerHost.timeS(decode);
        assertEquals(t + 1e-3, t2, 1e-12);
        assertEquals(joules + WAITING_W * 1e-3, slowerHost.lastPassPowerW() * t2, 1e-9 * joules);
        // and communication the memory-bound power: 10 us more per all-reduce (vLLM's custom kernel; 64 of them)
        // adds 486 W x 0.64 ms
        var kernels = h100.allreduceOrNccl();
        PassCostModel slowerLink = model(h100.withAllreduce(kernels.overriddenBy(new org.llmsim.hardware
                .CollectiveKernels(null, kernels.customLatencyUs() + 10, null, null, java.util.List.of()))), 2);
        double t3 = slowerLink.timeS(decode);
        double extraComm = slowerLink.breakdown(decode).secondsBound(OperatorTime.Bound.COMMUNICATION) - comm;
        assertTrue(extraComm > 0, "extra all-reduce time " + extraComm);
        assertEquals(t + extraComm, t3, 1e-12);
        assertEquals(joules + MEMORY_W * extraComm, slowerLink.lastPassPowerW() * t3, 1e-9 * joules);
        assertTrue(cost.lastPassPowerW() > WAITING_W && cost.lastPassPowerW() < COMPUTE_W);
    }

    @Test
    void aProfileWithoutBoardPower_drawsNothing() {
        GpuProfile noPower = new GpuProfile("x", "x", 80.0, 3.35, 989.0, null, 3600.0, 0.0, null, null, 1.0, null,
                1.0, 1.0, 0.0, 0.0, 0.0, java.util.List.of("test"), null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null);
        PassCostModel cost = model(noPower, 1);
        assertTrue(cost.timeS(Shape.decode(4, 100)) > 0);
        assertEquals(0, cost.lastPassPowerW());
        assertEquals(0, noPower.idleWOrDefault());
    }

    @Test
    void defaults_followTheStatedRules() {
        GpuProfile h100 = TestScenarios.gpu("h100-sxm");
        GpuProfile tdpOnly = new GpuProfile("x", "x", 80.0, 3.35, 989.0, null, 3600.0, 0.0, null, null, 1.0, null,
                1.0, 1.0, 0.0, 0.0, 0.0, java.util.List.of("test"), null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, 1000.0, null, null);
        assertEquals(100, tdpOnly.idleWOrDefault(), 1e-12);
        assertEquals(1000, tdpOnly.computeBoundW(), 1e-12);
        assertEquals(700, tdpOnly.memoryBoundW(), 1e-12);
        assertEquals(200, tdpOnly.waitingW(), 1e-12);
        assertEquals(WAITING_W, h100.waitingW(), 1e-12);
    }
}
