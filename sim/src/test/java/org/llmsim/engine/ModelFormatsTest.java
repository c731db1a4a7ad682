package org.llmsim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.llmsim.hardware.GpuProfile;
import org.llmsim.metrics.RunResult;
import org.llmsim.scenario.Scenario;
import org.llmsim.testing.TestScenarios;

/** Quantized weights and KV, and a mixture-of-experts model, end to end through scenarios. */
class ModelFormatsTest {

    /** One request at a time (2 s apart, each done in well under a second): every pass is a batch of one. */
    private static final String ONE_AT_A_TIME = """
            arrival: {process: gamma, rate_rps: 0.5, cv: 0.01}
            input_tokens: {dist: fixed, value: 256}
            output_tokens: {dist: fixed, value: 64}
            """;

    private static RunResult run(String workload, String pool, double durationS, String... overrides) {
        return TestScenarios.run(TestScenarios.load(TestScenarios.scenario(workload, pool, durationS, 10), overrides));
    }

    @Test
    void fp8Weights_cutBatchOneTpotByCloseToHalf_onABandwidthBoundModel() {
        // given Llama-3.1-8B on an L40S (GDDR6, 0.86 TB/s): a batch-one decode pass streams 16 GB of BF16 weights
        String pool = "gpu: l40s\nmodel: llama-3.1-8b\n";
        RunResult bf16 = run(ONE_AT_A_TIME, pool, 120);
        RunResult fp8 = run(ONE_AT_A_TIME, pool, 120, "cluster.pools[0].weight_dtype=fp8");
        // then FP8 streams half the bytes of the layers' weights (32 x 218.1 M parameters); the LM head (4,096 x
        // 128,256) stays in BF16, as FP8 checkpoints keep it, and the KV read (about 288 tokens of 131,072 bytes)
        // and the host time per pass do not shrink
        GpuProfile l40s = TestScenarios.gpu("l40s");
        double bytesPerS = l40s.hbmBytesPerS() * l40s.memoryEfficiency();
        double layersS = 2 * 32 * 218.1e6 / bytesPerS;
        double restS = (2 * 4096 * 128_256.0 + 288 * 131_072.0) / bytesPerS + l40s.iterationOverheadS()
                + 32 * l40s.layerOverheadSOrZero() + l40s.perSequenceOverheadSOrZero();
        double ratio = fp8.tpot().mean() / bf16.tpot().mean();
        assertEquals((layersS / 2 + restS) / (layersS + restS), ratio, 0.01);
        assertTrue(ratio > 0.5 && ratio < 0.6, "FP8/BF16 batch-one TPOT " + ratio);
        // on an H100 the host time (1.4 ms a pass) is a larger share of a faster pass: FP8 saves less
        RunResult h100bf16 = run(ONE_AT_A_TIME, "gpu: h100-sxm\nmodel: llama-3.1-8b\n", 120);
        RunResult h100fp8 = run(ONE_AT_A_TIME, "gpu: h100-sxm\nmodel: llama-3.1-8b\nweight_dtype: fp8\n", 120);
        double h100 = h100fp8.tpot().mean() / h100bf16.tpot().mean();
        assertTrue(h100 > ratio && h100 < 0.7, "H100 FP8/BF16 batch-one TPOT " + h100);
    }

    @Test
    void fp8Kv_doublesKvCapacity_andFp8Weights_speedUpComputeBoundPrefill() {
        String pool = "gpu: h100-sxm\nmodel: llama-3.1-70b\ntensor_parallel: 4\n";
        Scenario bf16 = TestScenarios.load(TestScenarios.scenario(ONE_AT_A_TIME, pool, 60, 10));
        Scenario fp8Kv = TestScenarios.load(TestScenarios.scenario(ONE_AT_A_TIME, pool + "kv_dtype: fp8\n", 60, 10));
        assertEquals(2.0, (double) fp8Kv.pools().get(0).memory().kvBlocks() / bf16.pools().get(0).memory().kvBlocks(),
                1e-4);
        // a long prompt is compute bound: FP8 GEMMs at twice the BF16 peak take half their time; attention (BF16
        // over a BF16 cache, about a tenth of an 8k prompt's work), the all-reduces and the host time do not shrink
        String longPrompt = """
                arrival: {process: gamma, rate_rps: 0.5, cv: 0.01}
                input_tokens: {dist: fixed, value: 8000}
                output_tokens: {dist: fixed, value: 2}
                """;
        RunResult slow = run(longPrompt, pool, 60);
        RunResult fast = run(longPrompt, pool + "weight_dtype: fp8\n", 60);
        double ratio = fast.ttft().mean() / slow.ttft().mean();
        assertTrue(ratio > 0.55 && ratio < 0.65, "FP8/BF16 TTFT of an 8k prompt " + ratio);
    }

    /**
     * A dense model with Mixtral's attention and layers and an MLP {@code experts} times as wide as one expert's, as a
     * profile file: the work of a token through two experts (13B active), or the weights of all eight (47B).
     */
    private static Path denseTwin(Path dir, String id, double paramsB, int experts) throws IOException {
        Path file = dir.resolve(id + ".yaml");
        Files.writeString(file, "id: " + id + "\nname: " + id + "\nparams_b: " + paramsB + "\nlayers: 32\nhidden: 4096"
                + "\nheads: 32\nkv_heads: 8\nhead_dim: 128\nintermediate: " + experts * 14_336
                + "\nvocab: 32000\nmax_context: 32768\nsources: [test]\n");
        return file;
    }

    @Test
    void mixtral_computesLikeA13bModel_holdsMemoryLikeA47bModel(@TempDir Path tmp) throws IOException {
        // given Mixtral 8x7B (46.7B parameters, 12.9B active) and dense models of 12.9B and 46.7B with its attention,
        // each on two H100s
        String[] models = {"mixtral-8x7b", denseTwin(tmp, "dense-13b", 12.880, 2).toString(),
                denseTwin(tmp, "dense-47b", 46.703, 8).toString()};
        String prefill = """
                arrival: {process: gamma, rate_rps: 0.5, cv: 0.01}
                input_tokens: {dist: fixed, value: 4096}
                output_tokens: {dist: fixed, value: 2}
                """;
        String busy = """
                arrival: {process: closed_loop, users: 128, think_time_s: 0}
                input_tokens: {dist: fixed, value: 200}
                output_tokens: {dist: fixed, value: 400}
                """;
        double[] ttft = new double[3];
        double[] batchOneTpot = new double[3];
        double[] busyTpot = new double[3];
        long[] kvTokens = new long[3];
        for (int i = 0; i < 3; i++) {
            String pool = "gpu: h100-sxm\nmodel: " + models[i] + "\ntensor_parallel: 2\n";
            Scenario s = TestScenarios.load(TestScenarios.scenario(prefill, pool, 60, 10));
            kvTokens[i] = s.pools().get(0).memory().kvTokens();
            ttft[i] = TestScenarios.run(s).ttft().mean();
            batchOneTpot[i] = run(ONE_AT_A_TIME, pool, 60).tpot().mean();
            RunResult loaded = run(busy, pool, 40);
            assertTrue(loaded.utilization().batchSizeMean() > 100, "a large batch decodes");
            busyTpot[i] = loaded.tpot().p50();
        }
        // then a 4k prefill (compute bound) takes as long as on the 13B model, far less than on the 47B one
        assertEquals(1.0, ttft[0] / ttft[1], 0.02);
        assertTrue(ttft[0] < 0.4 * ttft[2], "prefill like 13B, not 47B");
        // a batch of one touches 2 of 8 experts per layer: it streams the 13B model's bytes
        assertEquals(1.0, batchOneTpot[0] / batchOneTpot[1], 0.02);
        // memory holds all 47B: about the KV capacity of the dense 47B model (a little more: the dense twin's
        // eight-fold MLP needs a larger activation buffer), much less than the 13B one
        assertTrue(kvTokens[0] >= kvTokens[2] && kvTokens[0] < 1.15 * kvTokens[2], kvTokens[0] + " " + kvTokens[2]);
        assertTrue(kvTokens[0] < 0.5 * kvTokens[1]);
        // and a large decoding batch touches every expert: it streams the 47B model's bytes, though with the math of
        // 13B (the dense 47B twin does four times the expert math, which near the ridge point adds time)
        assertTrue(busyTpot[0] <= busyTpot[2] && busyTpot[0] > 0.75 * busyTpot[2],
                "large-batch decode " + busyTpot[0] + " vs dense 47B " + busyTpot[2]);
        assertTrue(busyTpot[0] > 1.5 * busyTpot[1], "large-batch decode like 47B, not 13B: " + busyTpot[0] + " vs "
                + busyTpot[1]);
    }
}
