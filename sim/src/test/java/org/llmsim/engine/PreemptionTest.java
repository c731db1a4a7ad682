package org.llmsim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.llmsim.hardware.GpuProfile;
import org.llmsim.hardware.ModelProfile;
import org.llmsim.request.Request;
import org.llmsim.testing.TestScenarios;

/**
 * Swap against recompute: what each costs follows from the bandwidths. Swapping moves the victim's KV over PCIe twice
 * (out and back); recomputing runs its prefill again, which costs FLOPs when the context is long and next to nothing
 * when it is short (a short prefill pass is bound by reading the weights, which any pass does anyway).
 */
class PreemptionTest {
    private static final GpuProfile H100 = TestScenarios.gpu("h100-sxm");
    private static final ModelProfile LLAMA_8B = TestScenarios.model("llama-3.1-8b");

    private static SchedulerConfig config(PreemptionMode mode) {
        return new SchedulerConfig(BatchingPolicy.CONTINUOUS, 8, 16384, 16, 1000)
                .withPreemption(mode, SchedulerConfig.DEFAULT_SWAP_SPACE_BYTES);
    }

    /** Two equal requests that outgrow the cache while decoding: the newer (id 2) is preempted once. */
    private static ReplicaHarness run(PreemptionMode mode, int input, int output, int kvBlocks) {
        return new ReplicaHarness(H100, "llama-3.1-8b", config(mode), kvBlocks)
                .submit(new Request(1, 0, input, output))
                .submit(new Request(2, 0, input, output))
                .run(1000);
    }

    @Test
    void longContext_swapIsCheaperThanRecompute_byTheRatioOfPcieBytesToPrefillFlops() {
        // given two 8,000-token prompts that fit the cache (1,000 blocks) but not their answers (10 blocks spare)
        ReplicaHarness swap = run(PreemptionMode.SWAP, 8000, 200, 1010);
        ReplicaHarness recompute = run(PreemptionMode.RECOMPUTE, 8000, 200, 1010);
        // then the newer request is preempted once in each run, at the same point
        assertEquals(1, swap.preempted.size());
        assertEquals(2, swap.preempted.get(0).id());
        assertSame(PreemptionMode.SWAP, swap.preemptionModes.get(0));
        assertEquals(1, recompute.preempted.size());
        assertSame(PreemptionMode.RECOMPUTE, recompute.preemptionModes.get(0));
        long kvTokens = recompute.recomputeTokens; // the victim's KV when it was dropped
        assertTrue(kvTokens > 8000 && kvTokens < 8200, "KV at preemption " + kvTokens);

        // swap: its blocks go out and come back over PCIe at the profile's achievable bandwidth
        double kvBytesPerToken = 2.0 * LLAMA_8B.layers() * LLAMA_8B.kvHeads() * LLAMA_8B.headDim() * 2;
        long blocks = (kvTokens + 15) / 16;
        double bytes = 2 * blocks * 16 * kvBytesPerToken;
        double pcieBytesPerS = H100.pcieGbps() * 1e9 / 8 * H100.pcieEfficiency();
        assertEquals(bytes, swap.swappedBytes, 1e-6);
        assertEquals(bytes / pcieBytesPerS, swap.swapS, 1e-12);
        assertEquals(0, swap.recomputeTokens);

        // recompute: its prefill again, compute bound at this length. The layers' GEMMs (218.1 M parameters a layer)
        // at the achievable GEMM rate, and the causal attention at the attention kernel's, whose efficiency at a
        // causal length L is efficiency x L / (L + half_tokens); the LM head runs for one sampled token only, and
        // the weight reads are paid by a pass without the recomputed tokens too
        double gemmS = 2 * 32 * 218.1e6 * kvTokens / (H100.bf16Tflops() * 1e12 * H100.computeEfficiency());
        var attention = H100.attentionOrIdeal();
        double pairs = kvTokens * (kvTokens + 1) / 2.0;
        double length = kvTokens + 1.0; // twice the pairs over the tokens
        double attentionS = 4.0 * 32 * 32 * 128 * pairs / (H100.bf16Tflops() * 1e12 * attention.efficiency()
                * length / (length + attention.halfTokens()));
        // plus the element-wise kernels' activation traffic (norms, rotary, activation: 86,016 values a token a layer)
        double elementwiseS = kvTokens * 86_016 * 2.0 * 32 / (H100.hbmBandwidthTbps() * 1e12 * H100.memoryEfficiency());
        double expectedRecomputeS = gemmS + attentionS + elementwiseS;
        assertEquals(expectedRecomputeS, recompute.recomputeS, expectedRecomputeS * 0.05);
        assertEquals(0, recompute.swapS);

        // and the victim finishes sooner by swapping, by about the difference of the two costs
        double gainS = recompute.finishedById(2).e2eS() - swap.finishedById(2).e2eS();
        assertTrue(swap.swapS < recompute.recomputeS / 3, "swap " + swap.swapS + " recompute " + recompute.recomputeS);
        assertEquals(recompute.recomputeS - swap.swapS, gainS, 0.1 * gainS);
    }

    @Test
    void shortContext_recomputeIsCheaper_theRedonePrefillRidesOnTheWeightReads() {
        // given two 64-token prompts whose answers outgrow a 14-block cache
        ReplicaHarness swap = run(PreemptionMode.SWAP, 64, 100, 14);
        ReplicaHarness recompute = run(PreemptionMode.RECOMPUTE, 64, 100, 14);
        assertEquals(1, swap.preempted.size());
        assertEquals(1, recompute.preempted.size());
        // then redoing ~110 tokens costs less than moving their KV twice over PCIe
        assertTrue(recompute.recomputeS < swap.swapS, "recompute " + recompute.recomputeS + " swap " + swap.swapS);
        assertTrue(recompute.finishedById(2).e2eS() < swap.finishedById(2).e2eS());
    }

    @Test
    void swapSpaceFull_fallsBackToRecompute() {
        // given a swap space smaller than the victim's KV
        SchedulerConfig tiny = config(PreemptionMode.SWAP).withPreemption(PreemptionMode.SWAP, 1e6);
        ReplicaHarness h = new ReplicaHarness(H100, "llama-3.1-8b", tiny, 14)
                .submit(new Request(1, 0, 64, 100)).submit(new Request(2, 0, 64, 100)).run(100);
        assertEquals(1, h.preempted.size());
        assertSame(PreemptionMode.RECOMPUTE, h.preemptionModes.get(0));
        assertEquals(1, h.swapSpaceFull);
        assertEquals(0, h.swapS);
        assertEquals(2, h.finished.size());
    }

    @Test
    void itlMeanEqualsTpotMean_withFixedOutputLengths_evenAcrossPreemptions() {
        for (PreemptionMode mode : PreemptionMode.values()) {
            ReplicaHarness h = new ReplicaHarness(H100, "llama-3.1-8b", config(mode), 40);
            for (int i = 0; i < 6; i++) {
                h.submit(new Request(i, 0.01 * i, 100 + 30 * i, 120));
            }
            h.run(100);
            assertTrue(h.preempted.size() > 0, mode + " preempts");
            double tpotSum = 0;
            for (Request r : h.finished) {
                tpotSum += r.tpotS();
            }
            // every token after the first is one gap, and the gaps of a request add up to e2e - ttft
            assertEquals(6 * 119, h.itl.count(), mode.toString());
            assertEquals(tpotSum / 6, h.itl.mean(), 1e-12, mode.toString());
        }
    }
}
