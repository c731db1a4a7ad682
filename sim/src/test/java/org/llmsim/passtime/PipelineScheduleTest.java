package org.llmsim.passtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.llmsim.hardware.Dtype;
import org.llmsim.hardware.GpuProfile;
import org.llmsim.hardware.ModelProfile;
import org.llmsim.hardware.ReplicaHardware;
import org.llmsim.testing.TestScenarios;

/**
 * Pipeline parallelism on an ideal H100, where every part of a pass has a closed form. Llama-3.1-70B: 80 layers of
 * 8,192 x 80 x 128 + 64 x 128 x 8,192 + 3 x 8,192 x 28,672 = 855,638,016 GEMM parameters; 327,680 KV bytes per token.
 */
class PipelineScheduleTest {
    private static final GpuProfile IDEAL = TestScenarios.idealH100();
    private static final ModelProfile LLAMA_70B = TestScenarios.model("llama-3.1-70b");
    private static final double HBM = 3.35e12;
    /** One token's hidden state, 16-bit, over NVLink 4 (450 GB/s). */
    private static final double NVLINK_HOP_S = 8192 * 2 / (3600e9 / 8);
    private static final double GEMM_BYTES = 855_638_016.0 * 80 * 2;
    private static final double KV_PER_TOKEN = 327_680.0;
    /** Llama-3.1-70B's element-wise traffic per token: (8 h + 2 (H + Hkv) dh + 3 i) 16-bit values in 80 layers. */
    private static final double ELEMENTWISE_BYTES_PER_TOKEN = (8 * 8192 + 2 * (64 + 8) * 128 + 3 * 28672) * 2.0 * 80;

    private static PassCostModel replica(int pp, int tp) {
        return new PassCostModel(new ReplicaHardware(IDEAL, LLAMA_70B, tp, Dtype.BF16, Dtype.BF16, pp, null));
    }

    @Test
    void batchOfOne_takesAsLongAsOneStageHoldingEveryLayer_plusTheHops() {
        // given one decoding token over 2,000 tokens of context
        Shape pass = Shape.decode(1, 2000);
        double onOneGpu = replica(1, 1).timeS(pass);
        // then two stages each stream half the weights and half the KV, one after the other, plus one hop
        assertEquals(onOneGpu + NVLINK_HOP_S, replica(2, 1).timeS(pass), 1e-12);
        // and four stages: three hops
        assertEquals(onOneGpu + 3 * NVLINK_HOP_S, replica(4, 1).timeS(pass), 1e-12);
    }

    @Test
    void afterIdle_thePipelineFills_m_plus_p_minus_one_stageTimes() {
        // given 8 decoding sequences holding 1,000 tokens each, on 4 stages: 4 micro-batches of 2
        PassCostModel pp4 = replica(4, 1);
        Shape pass = Shape.decode(8, 1000);
        // a stage streams a quarter of the GEMM weights and a quarter of the layers' KV of 2 sequences (decode is
        // bandwidth bound); the LM head (1.05 GB of weights) and the embedding run once on the end stages
        double stageS = GEMM_BYTES / 4 / HBM + 2 * (1001 + 1) * KV_PER_TOKEN / 4 / HBM
                + 2 * ELEMENTWISE_BYTES_PER_TOKEN / 4 / HBM;
        double endsS = 8192.0 * 128_256 * 2 / HBM + 8 * 8192 * 2 / HBM;
        double hops = 3 * (2 * NVLINK_HOP_S);
        // then following another pass it lasts one round trip (4 stage times), after idle 4 + 4 - 1
        assertEquals(4 * stageS + endsS + hops, pp4.timeS(pass, false), 1e-12);
        assertEquals(7 * stageS + endsS + hops, pp4.timeS(pass, true), 1e-12);
    }

    @Test
    void computeBoundPrompts_onTwoStages_runAtTheSpeedOfTwoGpus() {
        // given two 4,096-token prompts, compute bound
        Shape pass = Shape.prefill(4096, 0).plus(Shape.prefill(4096, 0));
        PassBreakdown one = replica(1, 1).breakdown(pass);
        PassBreakdown two = replica(2, 1).breakdown(pass);
        // then each stage computes half the layers of one prompt at a time, the two prompts overlapping: half the time
        assertEquals(one.secondsBound(OperatorTime.Bound.COMPUTE) / 2, two.secondsBound(OperatorTime.Bound.COMPUTE),
                1e-12);
        assertEquals(4096 * NVLINK_HOP_S, two.secondsBound(OperatorTime.Bound.COMMUNICATION), 1e-12);
    }

    @Test
    void stagesOnDifferentNodes_handActivationsOverTheNetwork() {
        // 16 stages of one GPU span two nodes of eight: the one hop between stage 8 and stage 9 goes over the
        // 400 Gb/s NIC, the other 14 stay on NVLink
        double networkHopS = 8192 * 2 / (400e9 / 8);
        assertEquals(networkHopS + 14 * NVLINK_HOP_S, replica(16, 1).breakdown(Shape.decode(1, 1000))
                .secondsBound(OperatorTime.Bound.COMMUNICATION), 1e-12);
        assertEquals(7 * NVLINK_HOP_S, replica(8, 1).breakdown(Shape.decode(1, 1000))
                .secondsBound(OperatorTime.Bound.COMMUNICATION), 1e-12);
    }

    @Test
    void breakdown_addsUpToThePassTime() {
        Shape pass = Shape.prefill(1000, 500).plus(Shape.decode(6, 3000));
        PassCostModel pp3 = replica(3, 2);
        PassBreakdown b = pp3.breakdown(pass);
        double sum = b.operators().stream().mapToDouble(OperatorTime::seconds).sum();
        assertEquals(pp3.timeS(pass), sum, 1e-12);
        assertEquals(pp3.timeS(pass), b.totalS(), 1e-12);
    }

    @Test
    void memory_eachGpuHoldsItsStageOfWeightsAndKv_andTheReplicaPaysForEveryGpu() {
        ReplicaHardware pp2tp2 = new ReplicaHardware(IDEAL, LLAMA_70B, 2, Dtype.BF16, Dtype.BF16, 2, null);
        ReplicaHardware tp4 = new ReplicaHardware(IDEAL, LLAMA_70B, 4, Dtype.BF16, Dtype.BF16);
        assertEquals(4, pp2tp2.gpus());
        assertEquals(tp4.weightBytesPerGpu(), pp2tp2.weightBytesPerGpu(), 1.0);
        assertEquals(tp4.kvBytesPerTokenPerGpu(), pp2tp2.kvBytesPerTokenPerGpu(), 0.0);
        // uneven stages: 80 layers on 3 stages, the fullest holds 27
        ReplicaHardware pp3 = new ReplicaHardware(IDEAL, LLAMA_70B, 1, Dtype.BF16, Dtype.BF16, 3, null);
        assertEquals(27, pp3.stageLayers());
        assertEquals(pp3.weightBytes() * 27 / 80, pp3.weightBytesPerGpu(), 1.0);
        assertThrows(IllegalArgumentException.class,
                () -> new ReplicaHardware(IDEAL, LLAMA_70B, 1, Dtype.BF16, Dtype.BF16, 81, null));
    }
}
