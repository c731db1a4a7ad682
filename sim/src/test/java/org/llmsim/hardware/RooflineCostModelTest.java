package org.llmsim.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.llmsim.testing.TestScenarios;

class RooflineCostModelTest {
    private static final GpuProfile IDEAL = TestScenarios.idealH100();

    @ParameterizedTest(name = "{0}: {1} KV bytes per token in bf16")
    @CsvSource({"llama-3.2-1b, 32768", "llama-3.1-8b, 131072", "llama-3.1-70b, 327680", "mixtral-8x7b, 131072"})
    void kvBytesPerToken_matchesTwoLayersKvHeadsHeadDimBytes(String model, long expected) {
        ReplicaHardware hw = new ReplicaHardware(IDEAL, TestScenarios.model(model), 1, Dtype.BF16, Dtype.BF16);
        assertEquals(expected, hw.kvBytesPerToken(), 0.0);
    }

    @Test
    void kvBytesPerToken_fp8HalvesIt() {
        ReplicaHardware hw = new ReplicaHardware(IDEAL, TestScenarios.model("llama-3.1-8b"), 1, Dtype.BF16, Dtype.FP8);
        assertEquals(65536, hw.kvBytesPerToken(), 0.0);
    }

    @Test
    void batchOneDecodeOnIdealGpu_equalsWeightBytesOverBandwidth() {
        // given an ideal H100 and Llama-3.1-8B with one token of context
        ModelProfile m = TestScenarios.model("llama-3.1-8b");
        RooflineCostModel cost = new RooflineCostModel(new ReplicaHardware(IDEAL, m, 1, Dtype.BF16, Dtype.BF16));
        // when one sequence decodes one token (reads 1 token of KV, writes 1)
        double t = cost.iterationTimeS(1, 1, 1, 1, 1);
        // then the time is the bytes moved over the bandwidth, which the weights dominate
        double weightBytes = 8.030e9 * 2;
        double exact = (weightBytes + 2 * 131072) / 3.35e12;
        assertEquals(exact, t, 1e-12);
        assertEquals(weightBytes / 3.35e12, t, 0.0001 * t);
        assertFalse(cost.breakdown(1, 1, 1, 1, 1).computeBound());
    }

    @Test
    void longPrefillOnIdealGpu_isComputeBoundAndEqualsFlopsOverPeak() {
        ModelProfile m = TestScenarios.model("llama-3.1-8b");
        RooflineCostModel cost = new RooflineCostModel(new ReplicaHardware(IDEAL, m, 1, Dtype.BF16, Dtype.BF16));
        long n = 8192;
        long attended = n * (n + 1) / 2; // causal
        RooflineCostModel.IterationCost c = cost.breakdown(1, n, attended, n, n);
        double flops = 2 * 8.030e9 * n + 4.0 * 32 * 32 * 128 * attended;
        assertTrue(c.computeBound());
        assertEquals(flops / 989e12, c.totalS(), 1e-12);
        // about 0.15 s for 8k tokens of an 8B model on an ideal H100
        assertEquals(0.151, c.totalS(), 0.005);
    }

    @Test
    void calibratedGpu_isNeverFasterThanTheIdealRoofline() {
        ModelProfile m = TestScenarios.model("llama-3.1-70b");
        for (String id : TestScenarios.catalog().ids("gpus")) {
            GpuProfile g = TestScenarios.gpu(id);
            GpuProfile ideal = new GpuProfile(g.id(), g.name(), g.memoryGb(), g.hbmBandwidthTbps(), g.bf16Tflops(),
                    g.fp8Tflops(), g.interconnectGbps(), 0.0, g.pcieGbps(), g.priceUsdPerHour(), null, 1.0, 1.0, 0.0,
                    0.0, 0.0, g.sources());
            for (int batch : new int[] {1, 8, 64, 256}) {
                RooflineCostModel real = new RooflineCostModel(new ReplicaHardware(g, m, 8, Dtype.BF16, Dtype.BF16));
                RooflineCostModel best = new RooflineCostModel(new ReplicaHardware(ideal, m, 8, Dtype.BF16,
                        Dtype.BF16));
                long ctx = 2048L * batch;
                assertTrue(real.iterationTimeS(batch, batch, ctx, ctx, batch)
                        >= best.iterationTimeS(batch, batch, ctx, ctx, batch), id + " batch " + batch);
            }
        }
    }

    @Test
    void tensorParallel_halvesStreamingTimeAndAddsTwoAllReducesPerLayer() {
        ModelProfile m = TestScenarios.model("llama-3.1-70b");
        GpuProfile g = IDEAL;
        RooflineCostModel tp2 = new RooflineCostModel(new ReplicaHardware(g, m, 2, Dtype.BF16, Dtype.BF16));
        RooflineCostModel tp4 = new RooflineCostModel(new ReplicaHardware(g, m, 4, Dtype.BF16, Dtype.BF16));
        RooflineCostModel.IterationCost c2 = tp2.breakdown(1, 1, 1, 1, 1);
        RooflineCostModel.IterationCost c4 = tp4.breakdown(1, 1, 1, 1, 1);
        assertEquals(c2.memoryS() / 2, c4.memoryS(), 1e-3 * c4.memoryS());
        // all-reduce of one token's activations: 2 (tp-1)/tp * d * 2 bytes over the link, twice per layer
        double link = 3600e9 / 8;
        double expected = 2 * 80 * (2.0 * 3 / 4 * 8192 * 2 / link);
        assertEquals(expected, c4.communicationS(), 1e-15);
    }

    @Test
    void mixtral_computesLikeItsActiveParamsAndStreamsTheExpertsItTouches() {
        ModelProfile mixtral = TestScenarios.model("mixtral-8x7b");
        RooflineCostModel cost = new RooflineCostModel(new ReplicaHardware(IDEAL, mixtral, 1, Dtype.BF16,
                Dtype.BF16));
        // one token touches 2 of 8 experts: the bytes of the active parameters
        assertEquals(12.880e9 * 2, cost.weightBytesRead(1), 1e6);
        // a large batch touches all experts: every parameter
        assertEquals(46.703e9 * 2, cost.weightBytesRead(4096), 1e6);
        // FLOPs per token follow the active parameters (13B), not the total (47B)
        assertEquals(2 * 12.880e9, cost.flops(1, 0), 1e3);
    }
}
