package org.llmsim.passtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.llmsim.hardware.CollectiveKernels;
import org.llmsim.hardware.Dtype;
import org.llmsim.hardware.ExpertParallel;
import org.llmsim.hardware.GpuProfile;
import org.llmsim.hardware.ModelProfile;
import org.llmsim.hardware.ReplicaHardware;
import org.llmsim.testing.TestScenarios;

/**
 * Data-parallel attention and expert-parallel MoE layers, against numbers derived by hand. Mixtral 8x7B: h 4,096,
 * L 32, 8 experts, top 2, one expert's gated MLP 3 x 4,096 x 14,336 = 176,160,768 parameters per layer. The all-to-all
 * runs at 150 GB/s inside a domain and 45 GB/s across (DeepEP's normal kernels on H800), 10 us per dispatch or combine.
 */
class DataExpertParallelTest {
    private static final ModelProfile MIXTRAL = TestScenarios.model("mixtral-8x7b");
    private static final GpuProfile IDEAL = TestScenarios.idealH100()
            .withAllreduce(new CollectiveKernels(null, null, null, null, 1200.0, 360.0, 10.0, List.of()));

    private static ReplicaHardware mixtral(GpuProfile gpu, int dp, int tp, ExpertParallel ep) {
        return new ReplicaHardware(gpu, MIXTRAL, tp, Dtype.BF16, Dtype.BF16, 1, null, dp, ep);
    }

    @Test
    void allToAll_insideOneNode_isTheOffGpuShareAtNvlinkSpeed() {
        // DP2 x TP2 on one node: 4 GPUs in the expert group, all in the domain. A rank of 256 tokens sends 128 per GPU,
        // each to 2 experts: 128 x 2 x 4,096 = 1,048,576 bytes in FP8, of which 3/4 leave the GPU: 786,432 bytes
        // dispatch:  10 us + 786,432 / 150e9 = 15.24288 us;  combine in BF16: 10 us + 10.48576 us = 20.48576 us
        ExpertAllToAll a2a = new ExpertAllToAll(mixtral(IDEAL, 2, 2, ExpertParallel.DEEPEP_DEFAULT));
        assertEquals(35.72864e-6, a2a.layerTimeS(256), 1e-15);
    }

    @Test
    void allToAll_acrossNodes_isBoundByTheNetwork() {
        // the same four GPUs in domains of 2: one peer in the domain (1/4 of the bytes), two across (2/4)
        // dispatch: NVLink 262,144 / 150e9 = 1.747627 us, network 524,288 / 45e9 = 11.650844 us: 10 + 11.650844
        // combine: twice the bytes: 10 + 23.301689 us
        ExpertAllToAll a2a = new ExpertAllToAll(mixtral(IDEAL.withNvlinkDomainGpus(2), 2, 2,
                ExpertParallel.DEEPEP_DEFAULT));
        assertEquals(54.952533e-6, a2a.layerTimeS(256), 1e-12);
        // BF16 dispatch doubles the dispatch's transfer: 10 + 23.301689 twice
        ExpertAllToAll bf16 = new ExpertAllToAll(mixtral(IDEAL.withNvlinkDomainGpus(2), 2, 2,
                new ExpertParallel(Dtype.BF16, Dtype.BF16, 1.0)));
        assertEquals(66.603378e-6, bf16.layerTimeS(256), 1e-12);
    }

    @Test
    void aDataParallelPass_lastsAsLongAsItsFullestRank() {
        // a dense model: three decodes over two ranks, the fullest holds two; host time per sequence included
        GpuProfile h100 = TestScenarios.gpu("h100-sxm");
        ModelProfile llama = TestScenarios.model("llama-3.1-8b");
        PassCostModel dp2 = new PassCostModel(new ReplicaHardware(h100, llama, 1, Dtype.BF16, Dtype.BF16, 1, null, 2,
                null));
        PassCostModel dp1 = new PassCostModel(new ReplicaHardware(h100, llama, 1, Dtype.BF16, Dtype.BF16));
        assertEquals(dp1.timeS(Shape.decode(2, 1000)), dp2.timeS(Shape.decode(3, 1000)), 1e-15);
        assertEquals(dp1.timeS(Shape.decode(2, 1000)), dp2.timeS(Shape.decode(4, 1000)), 1e-15);
    }

    @Test
    void expertParallelPass_computesEveryRanksTokensOnTheExpertsAndPaysTheAllToAll() {
        // 512 decodes over DP2 x TP2: 256 per rank. Every expert is touched (1 - 0.75^512 = 1), each GPU streams its
        // 2 whole experts: 2 x 176,160,768 x 32 x 2 bytes = 22,548,578,304 bytes at 3.35 TB/s, memory bound (the
        // math, 2 x 512 x 2 x 176,160,768 x 32 / 4 FLOPs at 989 TFLOP/s, takes 2.92 ms); times the imbalance 1.25
        PassCostModel model = new PassCostModel(mixtral(IDEAL, 2, 2, new ExpertParallel(Dtype.FP8, Dtype.BF16, 1.25)));
        PassBreakdown b = model.breakdown(Shape.decode(512, 1000));
        assertEquals(1.25 * 22_548_578_304.0 / 3.35e12, seconds(b, "experts"), 1e-12);
        // every one of 32 layers dispatches and combines the rank's 256 tokens (35.72864 us, as above)
        assertEquals(32 * 35.72864e-6, seconds(b, "all-to-all (experts)"), 1e-12);
    }

    @Test
    void aTensorParallelGroupLargerThanItsDomain_allReducesOverTheNetwork() {
        // Llama-3.1-70B (h 8,192, 80 layers) at TP8 on domains of 4: each of the 2 x 80 all-reduces of a batch-1 decode
        // moves 2 x 7/8 x 16,384 bytes at the NIC's 50 GB/s (the ideal profile has no latency): 91.75 us in all,
        // against the same at NVLink's 450 GB/s inside one domain
        ModelProfile llama70b = TestScenarios.model("llama-3.1-70b");
        double bytes = 2.0 * 7 / 8 * 16_384;
        PassCostModel across = new PassCostModel(new ReplicaHardware(IDEAL.withNvlinkDomainGpus(4), llama70b, 8,
                Dtype.BF16, Dtype.BF16));
        assertEquals(160 * bytes / 50e9, seconds(across.breakdown(Shape.decode(1, 1000)), "all-reduce"), 1e-15);
        PassCostModel inside = new PassCostModel(new ReplicaHardware(IDEAL, llama70b, 8, Dtype.BF16, Dtype.BF16));
        assertEquals(160 * bytes / 450e9, seconds(inside.breakdown(Shape.decode(1, 1000)), "all-reduce"), 1e-15);
    }

    private static double seconds(PassBreakdown b, String name) {
        return b.operators().stream().filter(o -> o.name().equals(name)).findFirst().orElseThrow().seconds();
    }
}
