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
        // then it draws 486 W throughout: 486 x 4.33 ms = 2.10 J
        assertEquals(MEMORY_W, cost.lastPassPowerW(), 1e-9);
        assertEquals(MEMORY_W * byHand, cost.lastPassPowerW() * t, 1e-9);
    }

    @Test
    void computeBoundPrefill_drawsTheComputeBoundPowerButForItsMemoryBoundOperators() {
        // given an 8,192-token prompt on an ideal H100: GEMMs and attention compute bound, LM head and embedding not
        PassCostModel cost = model(TestScenarios.idealH100(), 1);
        Shape prefill = Shape.prefill(8192, 0);
        double t = cost.timeS(prefill);
        double joules = cost.lastPassPowerW() * t;
        // by hand: the GEMMs' 2 x 8192 x 6.98e9 FLOP take 115.6 ms at 700 W; the rest, from the breakdown, by bound
        double gemmS = 2 * 8192 * GEMM_PARAMS / BF16_PEAK;
        assertEquals(0.115621, gemmS, 1e-6);
        PassBreakdown b = cost.breakdown(prefill);
        double expected = 0;
        for (OperatorTime op : b.operators()) {
            double w = switch (op.bound()) {
                case COMPUTE -> COMPUTE_W;
                case MEMORY, COMMUNICATION -> MEMORY_W;
                case HOST -> WAITING_W;
            };
            expected += op.seconds() * w;
        }
        assertEquals(OperatorTime.Bound.COMPUTE, b.operators().get(0).bound());
        assertEquals(gemmS, b.operators().get(0).seconds(), 1e-12);
        assertEquals(expected, joules, 1e-9 * expected);
        // most of it at 700 W: the LM head's 1.05 GB, the embedding's 67 MB and the element-wise kernels' 45 GB of
        // activation traffic take 13.8 ms of 0.15 s at 486 W
        double memoryBoundS = LM_HEAD_PARAMS * 2 / HBM + 8192 * 4096 * 2 / HBM + 8192 * ELEMENTWISE_BYTES_PER_TOKEN / HBM;
        assertEquals(0.0138, memoryBoundS, 1e-4);
        assertEquals(COMPUTE_W * (t - memoryBoundS) + MEMORY_W * memoryBoundS, joules, 1e-9 * joules);
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
        double expected = COMPUTE_W * b.secondsBound(OperatorTime.Bound.COMPUTE)
                + MEMORY_W * (b.secondsBound(OperatorTime.Bound.MEMORY) + comm) + WAITING_W * host;
        assertEquals(b.totalS(), t, 1e-15);
        assertEquals(expected, cost.lastPassPowerW() * t, 1e-9 * expected);
        assertTrue(cost.lastPassPowerW() > WAITING_W && cost.lastPassPowerW() < MEMORY_W);
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
