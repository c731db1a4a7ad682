package org.llmsim.passtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;
import org.llmsim.hardware.Dtype;
import org.llmsim.hardware.ModelProfile;
import org.llmsim.hardware.ReplicaHardware;
import org.llmsim.testing.TestScenarios;

/**
 * The operators of latent (MLA), sliding-window and linear attention, shared experts and dense layers, on the ideal
 * H100 of {@link PassCostModelTest} (989 TFLOP/s BF16, 3.35 TB/s; efficiencies 1, no overheads), each against the
 * number derived by hand from the published shapes of the catalog's profile.
 */
class LayerMixCostTest {
    private static final double BF16_PEAK = 989e12;
    private static final double HBM = 3.35e12;

    private static PassCostModel ideal(String model, int tp) {
        return new PassCostModel(new ReplicaHardware(TestScenarios.idealH100(), TestScenarios.model(model), tp,
                Dtype.BF16, Dtype.BF16));
    }

    private static double op(PassBreakdown b, String name) {
        return b.operators().stream().filter(o -> o.name().equals(name)).findFirst().orElseThrow().seconds();
    }

    @Test
    void mlaDecode_attendsOverTheLatent_andReadsItOnEveryGpu() {
        // DeepSeek-V3 on 8 GPUs, one sequence holding 999 tokens: 1,000 pairs, 16 heads per GPU, 61 layers.
        // Absorbed: scores over 512 + 64 dims, values over 512: 2 (576 + 512) FLOPs per head and pair.
        double flops = 1000 * 2.0 * (576 + 512) * 16 * 61;
        // the latent cache, 576 BF16 values per token and layer on every GPU (not split by tp): 1,000 read, 1 written
        double bytes = (1000 + 1) * 576 * 2.0 * 61;
        PassBreakdown b = ideal("deepseek-v3", 8).breakdown(Shape.decode(1, 999));
        assertEquals(Math.max(flops / BF16_PEAK, bytes / HBM), op(b, "attention, decodes"), 1e-15);
    }

    @Test
    void mlaPrompt_isMultiHeadAttentionOverTheExpandedHeads() {
        // a 2,000-token prompt: 2,000 x 2,001 / 2 pairs; scores over 128 + 64 dims, values over 128
        double pairs = 2000.0 * 2001 / 2;
        double flops = pairs * 2.0 * (128 + 64 + 128) * 16 * 61;
        double bytes = (2000 + 2000) * 576 * 2.0 * 61;
        PassBreakdown b = ideal("deepseek-v3", 8).breakdown(Shape.prefill(2000, 0));
        assertEquals(Math.max(flops / BF16_PEAK, bytes / HBM), op(b, "attention, prompts"), 1e-12);
    }

    @Test
    void mlaProjections_sharedExperts_andDenseLayers_areGemmsOfTheirShapes() {
        // per layer: q_a 7168 x 1536, q_b 1536 x 128 x 192, kv_a 7168 x 576, kv_b 512 x 128 x (128 + 128),
        // o 128 x 128 x 7168
        double attention = 7168.0 * 1536 + 1536.0 * 128 * 192 + 7168.0 * 576 + 512.0 * 128 * 256 + 128.0 * 128 * 7168;
        assertEquals(187_105_280.0, attention);
        // 3 dense layers (MLP 3 x 7168 x 18432), 58 MoE layers (router 7168 x 256 and one shared expert 3 x 7168 x 2048)
        double dense = 61 * attention + 3 * 3.0 * 7168 * 18432 + 58 * (7168.0 * 256 + 3.0 * 7168 * 2048);
        // batch-1 decode: BF16 weights streamed, split over 8 GPUs
        PassBreakdown b = ideal("deepseek-v3", 8).breakdown(Shape.decode(1, 999));
        assertEquals(dense * 2 / 8 / HBM, op(b, "GEMMs (QKV, output, MLP)"), 1e-15);
        // one token touches 8 routed experts of 3 x 7168 x 2048 in each of the 58 MoE layers
        double experts = 8 * 58 * 3.0 * 7168 * 2048;
        assertEquals(experts * 2 / 8 / HBM, op(b, "experts"), 1e-15);
    }

    @Test
    void slidingLayers_readAtMostTheirWindow() {
        // gpt-oss-120b on one GPU, decoding at 10,000 tokens: 18 full layers read all 10,000 tokens' KV
        // (8 KV heads x 64 x 2 x 2 bytes = 2,048 B per layer), 18 sliding layers only the last 128
        double fullBytes = (10_000 + 1) * 18 * 2048.0;
        double slidingBytes = (128 + 1) * 18 * 2048.0;
        // FLOPs: 4 x 64 x 64 heads per pair and layer, 10,000 pairs on full layers, 128 on sliding ones
        double flops = 4.0 * 64 * 64 * (10_000 * 18 + 128 * 18);
        PassBreakdown b = ideal("gpt-oss-120b", 1).breakdown(Shape.decode(1, 9_999));
        assertEquals(Math.max(flops / BF16_PEAK, (fullBytes + slidingBytes) / HBM), op(b, "attention, decodes"),
                1e-15);
    }

    @Test
    void slidingLayers_promptAttendsWithinTheWindow() {
        // a 4,096-token prompt: full layers 4,096 x 4,097 / 2 pairs, sliding layers at most 128 pairs per token
        double fullPairs = 4096.0 * 4097 / 2;
        double slidingPairs = 4096.0 * 128;
        double flops = 4.0 * 64 * 64 * 18 * (fullPairs + slidingPairs);
        // KV: each layer writes the chunk's 4,096 tokens; full layers read them all, sliding ones the chunk and 128 before
        double bytes = 18 * 2048.0 * ((4096 + 4096) + (Math.min(4096, 4096 + 128) + 4096));
        PassBreakdown b = ideal("gpt-oss-120b", 1).breakdown(Shape.prefill(4096, 0));
        assertEquals(Math.max(flops / BF16_PEAK, bytes / HBM), op(b, "attention, prompts"), 1e-12);
    }

    @Test
    void linearAttention_updatesAFixedStatePerSequence() {
        // Qwen3-Next on one GPU: 36 Gated DeltaNet layers, 32 value heads of 128 x 128 state, conv over
        // 2 x 16 x 128 + 32 x 128 = 8,192 channels with a kernel of 4
        double flopsPerToken = 36 * (7.0 * 32 * 128 * 128 + 2.0 * 8192 * 4);
        double stateBytes = 36 * (32.0 * 128 * 128 + 8192 * 3) * 2;
        assertEquals(39_518_208.0, stateBytes);
        // 8 sequences decoding at 5,000 tokens: every state read and written once, whatever the context
        PassBreakdown b = ideal("qwen3-next-80b-a3b", 1).breakdown(Shape.decode(8, 5_000));
        double expected = Math.max(8 * flopsPerToken / BF16_PEAK, 2 * 8 * stateBytes / HBM);
        assertEquals(expected, op(b, "linear attention"), 1e-15);
        assertEquals(expected, op(ideal("qwen3-next-80b-a3b", 1).breakdown(Shape.decode(8, 50_000)),
                "linear attention"), 1e-15);
        // the 12 full-attention layers' KV: 2 KV heads x 256 x 2 x 2 bytes = 2,048 B per layer and token
        double fullBytes = 8 * (5_000 + 1 + 1) * 12 * 2048.0;
        double fullFlops = 8 * 5_001 * 4.0 * 256 * 16 * 12;
        assertEquals(Math.max(fullFlops / BF16_PEAK, fullBytes / HBM), op(b, "attention, decodes"), 1e-15);
    }

    @Test
    void aPlainDecoder_hasNoLinearAttentionOperator() {
        PassBreakdown b = ideal("llama-3.1-8b", 1).breakdown(Shape.decode(1, 999));
        assertFalse(b.operators().stream().anyMatch(o -> o.name().equals("linear attention")));
        ModelProfile m = TestScenarios.model("llama-3.1-8b");
        assertEquals(32, m.fullAttentionLayers());
    }
}
