package org.llmsim.passtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.llmsim.hardware.AttentionKernel;
import org.llmsim.hardware.CollectiveKernels;
import org.llmsim.hardware.Dtype;
import org.llmsim.hardware.GpuProfile;
import org.llmsim.hardware.ModelProfile;
import org.llmsim.hardware.ReplicaHardware;
import org.llmsim.testing.TestScenarios;

/**
 * Every operator of a pass on an ideal H100 (the datasheet's 989 TFLOP/s BF16, 1,979 FP8, 3.35 TB/s, NVLink 450 GB/s
 * per direction; efficiencies 1, a sharp roofline, no latency or host time), against numbers derived by hand from the
 * shapes of Llama-3.1-8B: L 32, h 4,096, H 32, Hkv 8, dh 128, i 14,336, V 128,256.
 *
 * <pre>
 *   dense GEMM parameters per layer  4096 x 48 x 128 + 32 x 128 x 4096 + 3 x 4096 x 14336 = 218,103,808
 *   over 32 layers                   6,979,321,856
 *   LM head                          4096 x 128256 = 525,336,576
 *   KV bytes per token (BF16)        2 x 32 x 8 x 128 x 2 = 131,072
 *   attention FLOPs per pair         4 x 128 x 32 x 32 = 524,288
 * </pre>
 */
class PassCostModelTest {
    private static final double BF16_PEAK = 989e12;
    private static final double FP8_PEAK = 1979e12;
    private static final double HBM = 3.35e12;
    private static final double GEMM_PARAMS = 6_979_321_856.0;
    private static final double LM_HEAD_PARAMS = 525_336_576.0;
    private static final double KV_PER_TOKEN = 131_072.0;
    private static final double FLOPS_PER_PAIR = 524_288.0;
    private static final ModelProfile LLAMA_8B = TestScenarios.model("llama-3.1-8b");

    private static PassCostModel ideal(int tp, Dtype weights) {
        return new PassCostModel(new ReplicaHardware(TestScenarios.idealH100(), LLAMA_8B, tp, weights, Dtype.BF16));
    }

    private static double op(PassBreakdown b, String name) {
        return b.operators().stream().filter(o -> o.name().equals(name)).findFirst().orElseThrow().seconds();
    }

    @Test
    void batchOneDecode_eachOperatorIsItsOwnRoofline_andThePassTheirSum() {
        // given one sequence decoding its 1,000th token (999 KV tokens held)
        PassBreakdown b = ideal(1, Dtype.BF16).breakdown(Shape.decode(1, 999));
        // GEMMs: 13.96 GB of BF16 weights streamed dwarf 2 x 6.98 GFLOP
        double gemm = Math.max(2 * GEMM_PARAMS / BF16_PEAK, GEMM_PARAMS * 2 / HBM);
        assertEquals(4.166759e-3, gemm, 1e-9);
        assertEquals(gemm, op(b, "GEMMs (QKV, output, MLP)"), 1e-15);
        // attention: reads 1,000 tokens' KV and writes 1
        double attention = Math.max(FLOPS_PER_PAIR * 1000 / BF16_PEAK, (1000 + 1) * KV_PER_TOKEN / HBM);
        assertEquals(3.91651e-5, attention, 1e-10);
        assertEquals(attention, op(b, "attention, decodes"), 1e-15);
        // LM head: one sampled token, 1.05 GB of 16-bit weights
        double lmHead = Math.max(2 * LM_HEAD_PARAMS / BF16_PEAK, LM_HEAD_PARAMS * 2 / HBM);
        assertEquals(3.13634e-4, lmHead, 1e-9);
        assertEquals(lmHead, op(b, "LM head"), 1e-15);
        // embedding: a gather of one 4,096-wide row
        assertEquals(4096 * 2 / HBM, op(b, "embedding"), 1e-18);
        // element-wise kernels, per layer: two fused add-and-norms (4 x 4,096 each), rotary on 32 query and 8 key heads
        // of 128 (read and write) and the gated activation (read 2 x 14,336, write 14,336), 16-bit, over 32 layers
        double elementwise = (8 * 4096 + 2 * (32 + 8) * 128 + 3 * 14336) * 2.0 * 32 / HBM;
        assertEquals(1.64329e-6, elementwise, 1e-11);
        assertEquals(elementwise, op(b, "element-wise (norms, rotary, activation)"), 1e-18);
        // the pass is their sum, with no host time on an ideal GPU
        assertEquals(gemm + attention + lmHead + elementwise + 4096 * 2 / HBM, b.totalS(), 1e-15);
        assertEquals(0, op(b, "host"), 0.0);
        assertEquals(b.totalS(), ideal(1, Dtype.BF16).timeS(Shape.decode(1, 999)), 1e-15);
    }

    @Test
    void longPrompt_gemmsAndAttentionAreComputeBound_andTheLmHeadRunsOnceNotForEveryToken() {
        // given a prompt of 8,192 tokens computed from scratch
        PassBreakdown b = ideal(1, Dtype.BF16).breakdown(Shape.prefill(8192, 0));
        assertEquals(2 * 8192 * GEMM_PARAMS / BF16_PEAK, op(b, "GEMMs (QKV, output, MLP)"), 1e-12);
        assertEquals(0.115622, op(b, "GEMMs (QKV, output, MLP)"), 1e-6);
        // causal attention: 8,192 x 8,193 / 2 = 33,558,528 pairs
        assertEquals(FLOPS_PER_PAIR * 33_558_528 / BF16_PEAK, op(b, "attention, prompts"), 1e-12);
        // the LM head computes the last token's logits only: bandwidth bound, as for a decode
        assertEquals(LM_HEAD_PARAMS * 2 / HBM, op(b, "LM head"), 1e-15);
    }

    @Test
    void aPromptChunkBesideDecodes_costsItsGemmsAndEachAttentionOnItsOwn_moreThanOneMaxOverThePass() {
        // given a 2,048-token chunk beside 96 decodes at 8,000 tokens of context (the chunked-prefill regime)
        Shape pass = Shape.prefill(2048, 0).plus(Shape.decode(96, 8000));
        PassBreakdown b = ideal(1, Dtype.BF16).breakdown(pass);
        double m = 2048 + 96;
        double gemm = 2 * m * GEMM_PARAMS / BF16_PEAK;
        double decodeAttention = 96 * 8001.0 * KV_PER_TOKEN / HBM + 96 * KV_PER_TOKEN / HBM;
        assertEquals(gemm, op(b, "GEMMs (QKV, output, MLP)"), 1e-12);
        assertEquals(decodeAttention, op(b, "attention, decodes"), 1e-12);
        // one roofline over the whole pass would let the compute-bound GEMMs hide the memory-bound decode attention
        double allFlops = 2 * m * GEMM_PARAMS + FLOPS_PER_PAIR * (pass.promptPairs() + pass.decodePairs())
                + 2 * pass.sampledTokens() * LM_HEAD_PARAMS;
        double allBytes = (GEMM_PARAMS + LM_HEAD_PARAMS) * 2 + (pass.promptKvReadTokens() + pass.decodeKvReadTokens()
                + m) * KV_PER_TOKEN + m * 4096 * 2;
        double oneMax = Math.max(allFlops / BF16_PEAK, allBytes / HBM);
        assertTrue(b.totalS() > oneMax * 1.2, b.totalS() + " vs " + oneMax);
    }

    @Test
    void fp8Weights_runFp8Gemms_butAttentionStaysBf16() {
        PassBreakdown bf16 = ideal(1, Dtype.BF16).breakdown(Shape.prefill(8192, 0));
        PassBreakdown fp8 = ideal(1, Dtype.FP8).breakdown(Shape.prefill(8192, 0));
        assertEquals(BF16_PEAK / FP8_PEAK, op(fp8, "GEMMs (QKV, output, MLP)") / op(bf16, "GEMMs (QKV, output, MLP)"),
                1e-12);
        assertEquals(op(bf16, "attention, prompts"), op(fp8, "attention, prompts"), 0.0);
        // and the LM head is kept in 16 bits
        assertEquals(op(bf16, "LM head"), op(fp8, "LM head"), 0.0);
    }

    @Test
    void fp8Attention_onlyWhereTheEngineRunsItOverAnFp8KvCache() {
        GpuProfile g = TestScenarios.idealH100().withAttention(new AttentionKernel(1.0, 0.0, true, List.of()));
        Shape prompt = Shape.prefill(8192, 0);
        double bf16Kv = new PassCostModel(new ReplicaHardware(g, LLAMA_8B, 1, Dtype.BF16, Dtype.BF16))
                .breakdown(prompt).operators().stream().filter(o -> o.name().equals("attention, prompts"))
                .findFirst().orElseThrow().seconds();
        double fp8Kv = op(new PassCostModel(new ReplicaHardware(g, LLAMA_8B, 1, Dtype.BF16, Dtype.FP8))
                .breakdown(prompt), "attention, prompts");
        assertEquals(FLOPS_PER_PAIR * 33_558_528 / BF16_PEAK, bf16Kv, 1e-12);
        assertEquals(FLOPS_PER_PAIR * 33_558_528 / FP8_PEAK, fp8Kv, 1e-12);
    }

    @Test
    void promptAttention_reachesHalfItsPlateauAtTheKernelsHalfLength() {
        // given a kernel at 60% of the peak on long sequences, half of that at 512 tokens
        GpuProfile g = TestScenarios.idealH100().withAttention(new AttentionKernel(0.6, 512.0, false, List.of()));
        PassCostModel cost = new PassCostModel(new ReplicaHardware(g, LLAMA_8B, 1, Dtype.BF16, Dtype.BF16));
        // a 511-token prompt has a causal length of 2 x (511 x 512 / 2) / 511 = 512
        double pairs = 511.0 * 512 / 2;
        assertEquals(FLOPS_PER_PAIR * pairs / (BF16_PEAK * 0.6 * 0.5),
                op(cost.breakdown(Shape.prefill(511, 0)), "attention, prompts"), 1e-15);
    }

    @Test
    void tensorParallel_splitsGemmsAndAttentionHeads_andAddsTwoAllReducesPerLayer() {
        // given TP 2 and 64 tokens decoding: each all-reduce moves 64 x 4,096 x 2 bytes, half of it over NVLink
        PassBreakdown b = ideal(2, Dtype.BF16).breakdown(Shape.decode(64, 999));
        double link = 3600e9 / 8;
        double allReduce = 2.0 * (2 - 1) / 2 * 64 * 4096 * 2 / link;
        assertEquals(2 * 32 * allReduce, op(b, "all-reduce"), 1e-15);
        assertEquals(GEMM_PARAMS * 2 / 2 / HBM, op(b, "GEMMs (QKV, output, MLP)"), 1e-15);
        // KV heads are split too: 4 of 8 per GPU
        assertEquals((64 * 1000.0 + 64) * KV_PER_TOKEN / 2 / HBM, op(b, "attention, decodes"), 1e-15);
    }

    @Test
    void smallAllReduces_takeTheEnginesCustomKernel_largeOnesNccl() {
        // NCCL: 20 us + ring traffic at 400 GB/s bus; custom: 5 us + message at 50 GB/s, up to 512 KiB
        AllReduce ar = new AllReduce(20e-6, 400e9, 5e-6, 50e9, 512 * 1024);
        double small = 64 * 1024;
        assertEquals(5e-6 + small / 50e9, ar.timeS(small, 4), 1e-18);
        double large = 8 * 1024 * 1024;
        assertEquals(20e-6 + 2.0 * 3 / 4 * large / 400e9, ar.timeS(large, 4), 1e-18);
        assertEquals(0, ar.timeS(large, 1), 0.0);
        // and a profile's custom kernel is used by the pass
        GpuProfile g = TestScenarios.idealH100().withInterconnectLatencyUs(20.0).withAllreduce(
                new CollectiveKernels(null, 5.0, 400.0, 512.0, List.of()));
        PassCostModel cost = new PassCostModel(new ReplicaHardware(g, LLAMA_8B, 2, Dtype.BF16, Dtype.BF16));
        double custom = 5e-6 + 4096 * 2 / (400e9 / 8);
        assertEquals(2 * 32 * custom, op(cost.breakdown(Shape.decode(1, 0)), "all-reduce"), 1e-15);
    }

    @Test
    void mixtral_streamsTheExpertsTheBatchTouches_andComputesOnlyTheRoutedOnes() {
        // Mixtral-8x7B: experts of 3 x 4,096 x 14,336 = 176,160,768 parameters per layer, 32 layers
        ModelProfile mixtral = TestScenarios.model("mixtral-8x7b");
        PassCostModel cost = new PassCostModel(new ReplicaHardware(TestScenarios.idealH100(), mixtral, 1, Dtype.BF16,
                Dtype.BF16));
        double expertBytes = 176_160_768.0 * 32 * 2;
        // one token touches 8 (1 - (1 - 2/8)^1) = 2 experts
        assertEquals(2 * expertBytes / HBM, op(cost.breakdown(Shape.decode(1, 0)), "experts"), 1e-12);
        // 64 tokens touch 8 (1 - 0.75^64) of 8: all but 8 x 1e-8
        double touched = 8 * (1 - Math.pow(0.75, 64));
        double compute = 2 * 64 * 2 * 176_160_768.0 * 32 / BF16_PEAK;
        assertEquals(Math.max(compute, touched * expertBytes / HBM), op(cost.breakdown(Shape.decode(64, 0)),
                "experts"), 1e-12);
    }

    @Test
    void waves_quantizeAGemmsTiles_andSplitKFillsTheSmsOfASmallOne() {
        // 264 tiles on 132 SMs: two full waves; one tile more needs a third, mostly idle
        assertEquals(1.0, PassCostModel.waveFactor(264, 1, 132), 1e-15);
        assertEquals(3 * 132 / 265.0, PassCostModel.waveFactor(265, 16, 132), 1e-15);
        // 32 tiles (a 4,096-wide output, one row of tiles) split four ways along K: 128 slices, one wave
        assertEquals(132 / 128.0, PassCostModel.waveFactor(32, 16, 132), 1e-15);
        // 48 tiles split twice: 96 slices; a K too short to split leaves 100 of 132 SMs idle
        assertEquals(132 / 96.0, PassCostModel.waveFactor(48, 16, 132), 1e-15);
        assertEquals(132 / 32.0, PassCostModel.waveFactor(32, 1, 132), 1e-15);
    }

    @Test
    void longPrompt_gemmsPayTheLastWaveOfTheirTiles() {
        // given the ideal H100 with its 132 SMs and a prompt of 8,192 tokens: 64 rows of 128 x 128 output tiles
        GpuProfile h100 = TestScenarios.idealH100().withSmCount(132);
        PassBreakdown b = new PassCostModel(new ReplicaHardware(h100, LLAMA_8B, 1, Dtype.BF16, Dtype.BF16))
                .breakdown(Shape.prefill(8192, 0));
        // QKV (4,096 x 6,144): 64 x 48 = 3,072 tiles in 24 waves; output (4,096 x 4,096): 2,048 tiles in 16 waves;
        // MLP up and gate (4,096 x 28,672): 14,336 tiles in 109 waves; down (14,336 x 4,096): 2,048 tiles, 16 waves
        double qkv = 4096 * 6144.0;
        double out = 4096 * 4096.0;
        double up = 4096 * 28672.0;
        double down = 14336 * 4096.0;
        double slowdown = (qkv * 24 * 132 / 3072 + out * 16 * 132 / 2048 + up * 109 * 132 / 14336
                + down * 16 * 132 / 2048) / (qkv + out + up + down);
        assertEquals(1.01638, slowdown, 1e-5);
        assertEquals(2 * GEMM_PARAMS * 8192 / BF16_PEAK * slowdown, op(b, "GEMMs (QKV, output, MLP)"), 1e-12);
    }

    @Test
    void theKnee_isNeverBelowTheRoofline_andTendsToItForAStrongKnee() {
        assertEquals(5.0, Roofline.timeS(3, 5, Roofline.SHARP), 0.0);
        assertEquals(Math.cbrt(27 + 125), Roofline.timeS(3, 5, 3), 1e-12);
        assertEquals(Math.pow(Math.pow(0.6, 4) + 1, 0.25) * 5, Roofline.timeS(3, 5, 4), 1e-12);
        assertTrue(Roofline.timeS(3, 5, 40) - 5 < 1e-6);
        Random rng = new Random(7);
        for (int i = 0; i < 1000; i++) {
            double c = rng.nextDouble();
            double m = rng.nextDouble();
            double p = 1 + 10 * rng.nextDouble();
            double t = Roofline.timeS(c, m, p);
            assertTrue(t >= Math.max(c, m) - 1e-15 && t <= c + m + 1e-15);
        }
    }

    @Test
    void everyCalibratedGpu_isNeverFasterThanItsIdealRoofline() {
        ModelProfile m = TestScenarios.model("llama-3.1-70b");
        for (String id : TestScenarios.catalog().ids("gpus")) {
            GpuProfile g = TestScenarios.gpu(id);
            GpuProfile ideal = g.idealized();
            PassCostModel real = new PassCostModel(new ReplicaHardware(g, m, 8, Dtype.BF16, Dtype.BF16));
            PassCostModel best = new PassCostModel(new ReplicaHardware(ideal, m, 8, Dtype.BF16, Dtype.BF16));
            for (int batch : new int[] {1, 8, 64, 256}) {
                Shape decode = Shape.decode(batch, 2048);
                Shape chunk = Shape.prefill(2048, 1000).plus(decode);
                assertTrue(real.timeS(decode) >= best.timeS(decode), id + " decode batch " + batch);
                assertTrue(real.timeS(chunk) >= best.timeS(chunk), id + " chunk beside batch " + batch);
            }
        }
    }
}
