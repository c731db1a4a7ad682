package org.llmsim.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.llmsim.testing.TestScenarios;

/** Pipeline parallelism on an ideal GPU, where every part of a pass has a closed form. */
class PipelineScheduleTest {
    private static final GpuProfile IDEAL = TestScenarios.idealH100();
    private static final ModelProfile LLAMA_70B = TestScenarios.model("llama-3.1-70b");
    /** One token's hidden state, 16-bit, over NVLink 4 (450 GB/s). */
    private static final double NVLINK_HOP_S = 8192 * 2 / (3600e9 / 8);

    private static RooflineCostModel replica(int pp, int tp) {
        return new RooflineCostModel(new ReplicaHardware(IDEAL, LLAMA_70B, tp, Dtype.BF16, Dtype.BF16, pp, null));
    }

    @Test
    void batchOfOne_takesAsLongAsOneStageHoldingEveryLayer_plusTheHops() {
        // given one decoding token over 2,000 tokens of context
        long ctx = 2000;
        double onOneGpu = replica(1, 1).iterationTimeS(1, 1, ctx, ctx, 1);
        // then two stages each stream half the weights and half the KV, one after the other, plus one hop
        assertEquals(onOneGpu + NVLINK_HOP_S, replica(2, 1).iterationTimeS(1, 1, ctx, ctx, 1), 1e-12);
        // and four stages: three hops
        assertEquals(onOneGpu + 3 * NVLINK_HOP_S, replica(4, 1).iterationTimeS(1, 1, ctx, ctx, 1), 1e-12);
    }

    @Test
    void afterIdle_thePipelineFills_m_plus_p_minus_one_stageTimes() {
        // given 8 decoding sequences on 4 stages: 4 micro-batches of 2
        RooflineCostModel pp4 = replica(4, 1);
        long ctx = 8 * 1000;
        double steady = pp4.iterationTimeS(8, 8, ctx, ctx, 8, false);
        double fill = pp4.iterationTimeS(8, 8, ctx, ctx, 8, true);
        double hops = 3 * (2 * NVLINK_HOP_S); // a micro-batch of 2 tokens
        double stageS = (steady - hops) / 4;
        // then following another pass it lasts one round trip (4 stage times), after idle 4 + 4 - 1
        assertEquals(7 * stageS + hops, fill, 1e-12);
        // and the stage time is that of streaming a quarter of the weights and a quarter of the layers' KV of a quarter
        // of the batch (decode is bandwidth bound)
        double weights = 70.554e9 * 2 / 4;
        double kv = 327680.0 / 4 * (ctx + 8) / 4;
        assertEquals((weights + kv) / 3.35e12, stageS, 1e-12);
    }

    @Test
    void computeBoundPrefill_onTwoStages_runsAtTheSpeedOfTwoGpus() {
        // given two 4,096-token prompts, compute bound
        long n = 4096;
        long pairs = 2 * (n * (n + 1) / 2);
        RooflineCostModel.IterationCost one = replica(1, 1).breakdown(2, 2 * n, pairs, 2 * n, 2 * n);
        RooflineCostModel.IterationCost two = replica(2, 1).breakdown(2, 2 * n, pairs, 2 * n, 2 * n);
        // then each stage computes half the layers of one prompt at a time, the two prompts overlapping: half the time
        assertEquals(one.computeS() / 2, two.computeS(), 1e-12);
        assertEquals(n * NVLINK_HOP_S, two.communicationS(), 1e-12);
    }

    @Test
    void stagesOnDifferentNodes_handActivationsOverTheNetwork() {
        // 16 stages of one GPU span two nodes of eight: hops go over the 400 Gb/s NIC instead of NVLink
        RooflineCostModel.IterationCost crossNode = replica(16, 1).breakdown(1, 1, 1000, 1000, 1);
        double networkHopS = 8192 * 2 / (400e9 / 8);
        assertEquals(15 * networkHopS, crossNode.communicationS(), 1e-12);
        RooflineCostModel.IterationCost inNode = replica(8, 1).breakdown(1, 1, 1000, 1000, 1);
        assertEquals(7 * NVLINK_HOP_S, inNode.communicationS(), 1e-12);
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
