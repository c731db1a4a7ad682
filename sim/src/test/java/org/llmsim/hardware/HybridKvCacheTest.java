package org.llmsim.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.llmsim.testing.TestScenarios;

/**
 * KV-cache bytes per token, and the fixed cache each sequence holds, for latent (DeepSeek-V3), sliding-window
 * (gpt-oss-120b) and linear (Qwen3-Next) attention, derived by hand from the published shapes; and the memory plan
 * that reserves the fixed part for a full batch.
 */
class HybridKvCacheTest {
    private static ReplicaHardware replica(String model, int tp, Dtype kv) {
        return new ReplicaHardware(TestScenarios.idealH100(), TestScenarios.model(model), tp, Dtype.BF16, kv);
    }

    @Test
    void deepseekV3_cachesTheLatentOnEveryGpu() {
        // 61 layers x (kv_lora_rank 512 + qk_rope_head_dim 64) x 2 bytes
        assertEquals(70_272.0, replica("deepseek-v3", 1, Dtype.BF16).kvBytesPerToken());
        assertEquals(70_272.0, replica("deepseek-v3", 1, Dtype.BF16).kvBytesPerTokenPerGpu());
        // the same latent on each of 8 GPUs: not divided by the tensor-parallel group
        assertEquals(70_272.0, replica("deepseek-v3", 8, Dtype.BF16).kvBytesPerTokenPerGpu());
        assertEquals(35_136.0, replica("deepseek-v3", 8, Dtype.FP8).kvBytesPerTokenPerGpu());
        assertEquals(0.0, replica("deepseek-v3", 8, Dtype.BF16).fixedCacheBytesPerSequencePerGpu());
    }

    @Test
    void gptOss120b_growsOnlyInItsFullLayers_andHoldsAWindowInTheOthers() {
        // 36 layers, alternating: 18 full layers x 2 x 8 KV heads x 64 x 2 bytes
        assertEquals(36_864.0, replica("gpt-oss-120b", 1, Dtype.BF16).kvBytesPerToken());
        // 18 sliding layers x 128 tokens x 2,048 bytes, held by every sequence
        assertEquals(4_718_592.0, replica("gpt-oss-120b", 1, Dtype.BF16).fixedCacheBytesPerSequencePerGpu());
        // over 2 GPUs, 4 KV heads each
        assertEquals(18_432.0, replica("gpt-oss-120b", 2, Dtype.BF16).kvBytesPerTokenPerGpu());
        assertEquals(2_359_296.0, replica("gpt-oss-120b", 2, Dtype.BF16).fixedCacheBytesPerSequencePerGpu());
    }

    @Test
    void qwen3Next_growsInTwelveLayers_andHoldsALinearStatePerSequence() {
        // 12 full layers x 2 x 2 KV heads x 256 x 2 bytes
        assertEquals(24_576.0, replica("qwen3-next-80b-a3b", 1, Dtype.BF16).kvBytesPerToken());
        // 36 Gated DeltaNet layers x (32 x 128 x 128 state + 8,192 channels x 3 of convolution) x 2 bytes
        assertEquals(39_518_208.0, replica("qwen3-next-80b-a3b", 1, Dtype.BF16).fixedCacheBytesPerSequencePerGpu());
        // over 4 GPUs: 8 value heads and 2,048 channels each
        assertEquals(36 * (8.0 * 128 * 128 + 2048 * 3) * 2,
                replica("qwen3-next-80b-a3b", 4, Dtype.BF16).fixedCacheBytesPerSequencePerGpu());
    }

    @Test
    void theMemoryPlan_reservesTheFixedCacheOfAFullBatch() {
        ReplicaHardware hw = replica("gpt-oss-120b", 2, Dtype.BF16);
        MemoryPlan few = MemoryPlan.of(hw, 0.9, 8192, 1, 16);
        MemoryPlan many = MemoryPlan.of(hw, 0.9, 8192, 101, 16);
        // 100 more sequences: 100 x 2,359,296 bytes more reserved (and 100 more rows of FP32 logits)
        assertEquals(100 * 2_359_296.0 + 100 * 201_088 * 4.0, few.kvBytesPerGpu() - many.kvBytesPerGpu(), 1e-3);
        assertEquals(18_432.0, many.kvBytesPerTokenPerGpu());
    }
}
