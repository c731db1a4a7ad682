package org.llmsim.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.llmsim.testing.TestScenarios;

/** What a replica's shapes add up to: KV bytes per token and the parameters of its GEMMs, derived by hand. */
class ReplicaHardwareTest {
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
    void gemmParameters_addUpToThePublishedCount() {
        // Llama-3.1-8B: 32 layers of 218,103,808 GEMM parameters, plus the input embedding and the LM head of
        // 4,096 x 128,256 each: 8.030 B, Meta's published count
        ReplicaHardware hw = new ReplicaHardware(IDEAL, TestScenarios.model("llama-3.1-8b"), 1, Dtype.BF16,
                Dtype.BF16);
        assertEquals(218_103_808.0, hw.denseLayerParams(), 0.0);
        assertEquals(525_336_576.0, hw.lmHeadParams(), 0.0);
        assertEquals(8.030e9, 32 * hw.denseLayerParams() + 2 * hw.lmHeadParams(), 1e6);
        // Mixtral-8x7B: attention and router 41,975,808 + 8 experts of 176,160,768 per layer: 46.70 B with embeddings
        ReplicaHardware moe = new ReplicaHardware(IDEAL, TestScenarios.model("mixtral-8x7b"), 1, Dtype.BF16,
                Dtype.BF16);
        assertEquals(4096.0 * 48 * 128 + 32 * 128 * 4096 + 4096 * 8, moe.denseLayerParams(), 0.0);
        assertEquals(176_160_768.0, moe.expertLayerParams(), 0.0);
        assertEquals(46.70e9, 32 * (moe.denseLayerParams() + 8 * moe.expertLayerParams()) + 2 * moe.lmHeadParams(),
                0.01e9);
    }
}
