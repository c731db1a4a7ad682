package org.llmsim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.llmsim.hardware.GpuProfile;
import org.llmsim.hardware.ModelProfile;
import org.llmsim.metrics.ItlResult;
import org.llmsim.metrics.PrefixCacheResult;
import org.llmsim.metrics.RunResult;
import org.llmsim.request.Request;
import org.llmsim.testing.TestScenarios;

/** Scheduling and caching mechanisms end to end, through scenarios, each against the physics it should show. */
class ServingMechanicsTest {

    @Test
    void chunkedPrefill_lowersP99TpotOfRunningRequests_whenLongPromptsArrive() {
        // given chat traffic with short answers, and now and then a 16k-token prompt
        String workload = """
                arrival: {process: poisson, rate_rps: 4}
                input_tokens: {dist: empirical, values: [300, 16000], weights: [0.95, 0.05]}
                output_tokens: {dist: fixed, value: 40}
                """;
        RunResult continuous = TestScenarios.run(TestScenarios.load(TestScenarios.scenario(workload, """
                gpu: h100-sxm
                model: llama-3.1-8b
                scheduler: {policy: continuous}
                """, 300, 30)));
        RunResult chunked = TestScenarios.run(TestScenarios.load(TestScenarios.scenario(workload, """
                gpu: h100-sxm
                model: llama-3.1-8b
                scheduler: {policy: chunked_prefill, max_batch_size: 256, max_batched_tokens: 512}
                """, 300, 30)));
        // then without chunking a long prefill stalls every running request for its whole duration (~0.45 s)
        double continuousMax = ItlResult.of(continuous).latency().max();
        assertTrue(continuousMax > 0.3, "continuous max ITL " + continuousMax);
        // with chunks of 512 tokens no gap between tokens is much longer than one 512-token pass
        double chunkedMax = ItlResult.of(chunked).latency().max();
        assertTrue(chunkedMax < 0.03, "chunked max ITL " + chunkedMax);
        // and the short-lived requests that overlap a long prefill see a fraction of it: p99 TPOT drops
        assertTrue(chunked.tpot().p99() < 0.8 * continuous.tpot().p99(),
                "p99 TPOT chunked " + chunked.tpot().p99() + " continuous " + continuous.tpot().p99());
    }

    /** An H100 with efficiencies of 1 and no overheads, written as a profile file. */
    private static Path idealGpu(Path dir) throws IOException {
        GpuProfile h = TestScenarios.gpu("h100-sxm");
        Path file = dir.resolve("ideal-h100.yaml");
        Files.writeString(file, "id: ideal-h100\nname: ideal H100\nmemory_gb: " + h.memoryGb()
                + "\nhbm_bandwidth_tbps: " + h.hbmBandwidthTbps() + "\nbf16_tflops: " + h.bf16Tflops()
                + "\ninterconnect_gbps: " + h.interconnectGbps() + "\npcie_gbps: " + h.pcieGbps()
                + "\nprice_usd_per_hour: 1\ncompute_efficiency: 1.0\nmemory_efficiency: 1.0\niteration_overhead_s: 0"
                + "\nsources: [test]\n");
        return file;
    }

    /**
     * Seconds of one prompt pass on the ideal H100 computing {@code n} tokens after {@code k} cached ones, derived
     * from the model's shapes: each operator the larger of its FLOPs over the peak and its bytes over the bandwidth.
     */
    private static double idealPrefillS(ModelProfile m, GpuProfile g, long k, long n) {
        double flopsPerS = g.bf16Tflops() * 1e12;
        double bytesPerS = g.hbmBandwidthTbps() * 1e12;
        double h = m.hidden();
        // per layer: QKV, attention output, MLP gate+up and down
        double layerParams = h * (m.heads() + 2.0 * m.kvHeads()) * m.headDim() + (double) m.heads() * m.headDim() * h
                + 3 * h * m.intermediate();
        double gemms = Math.max(2 * n * layerParams * m.layers() / flopsPerS, 2 * layerParams * m.layers() / bytesPerS);
        double pairs = n * k + n * (n + 1) / 2.0; // causal: token j of the chunk attends to k + j tokens
        double kvBytesPerToken = 2.0 * m.kvHeads() * m.headDim() * 2 * m.layers();
        double attention = Math.max(4.0 * m.headDim() * m.heads() * m.layers() * pairs / flopsPerS,
                (k + n) * kvBytesPerToken / bytesPerS);
        double lmHead = Math.max(2 * h * m.vocab() / flopsPerS, 2 * h * m.vocab() / bytesPerS); // the last token only
        double embedding = n * 2 * h / bytesPerS;
        // element-wise kernels per token and layer: two fused add-and-norms, rotary on queries and keys, the activation
        double elementwise = n * 2.0 * m.layers() * (8 * h + 2.0 * (m.heads() + m.kvHeads()) * m.headDim()
                + 3.0 * m.intermediate()) / bytesPerS;
        return gemms + attention + lmHead + embedding + elementwise;
    }

    @Test
    void sharedSystemPrompt_withPrefixCaching_leavesTtftThePriceOfTheUncachedTokens(@TempDir Path tmp)
            throws IOException {
        // given requests 2 s apart (never overlapping), each a 4,096-token system prompt plus 512 tokens of its own,
        // on an ideal GPU, where a compute-bound prefill takes exactly its FLOPs over the peak
        String workload = """
                arrival: {process: gamma, rate_rps: 0.5, cv: 0.01}
                input_tokens: {dist: fixed, value: 4608}
                output_tokens: {dist: fixed, value: 2}
                shared_prefix: {tokens: 4096, groups: 1}
                """;
        String pool = "gpu: " + idealGpu(tmp) + "\nmodel: llama-3.1-8b\nprefix_caching: %s\n";
        RunResult off = TestScenarios.run(TestScenarios.load(TestScenarios.scenario(workload,
                pool.formatted("false"), 120, 10)));
        RunResult on = TestScenarios.run(TestScenarios.load(TestScenarios.scenario(workload,
                pool.formatted("true"), 120, 10)));
        // then every measured request finds the system prompt cached (the first request, in the warm-up, computed it)
        long measured = on.requests().measured();
        assertEquals(4096.0 / 4608, PrefixCacheResult.of(on).hitRate(), 1e-12);
        assertEquals(1.0, PrefixCacheResult.of(on).requestHitRate());
        assertEquals(4096 * measured, PrefixCacheResult.of(on).prefillTokensSaved());
        // and TTFT (one prefill pass, compute bound) shrinks as the prefill FLOPs: 512 new tokens still attend to the
        // 4,096 cached ones, so the cut is less than 512 / 4,608 of the tokens would suggest
        ModelProfile m = TestScenarios.model("llama-3.1-8b");
        GpuProfile h100 = TestScenarios.gpu("h100-sxm");
        assertEquals(idealPrefillS(m, h100, 0, 4608), off.ttft().mean(), 1e-9);
        assertEquals(idealPrefillS(m, h100, 4096, 512), on.ttft().mean(), 1e-9);
        double ratio = on.ttft().mean() / off.ttft().mean();
        assertTrue(ratio > 512.0 / 4608, "attention to the cached prefix and the weight reads still cost: " + ratio);
        assertTrue(Double.isNaN(PrefixCacheResult.of(off).hitRate()), "no lookups without prefix caching");
    }

    @Test
    void sharedSystemPrompt_onARealGpu_cutsMeanTtftSeveralFold_andSharesTheBlocks() {
        String workload = """
                arrival: {process: poisson, rate_rps: 5}
                input_tokens: {dist: uniform, min: 4200, max: 4700}
                output_tokens: {dist: uniform, min: 50, max: 150}
                shared_prefix: {tokens: 4096, groups: 4}
                """;
        String pool = "gpu: h100-sxm\nmodel: llama-3.1-8b\nprefix_caching: %s\n";
        RunResult off = TestScenarios.run(TestScenarios.load(TestScenarios.scenario(workload,
                pool.formatted("false"), 200, 20)));
        var on = TestScenarios.runRecording(TestScenarios.load(TestScenarios.scenario(workload,
                pool.formatted("true"), 200, 20)));
        RunResult r = on.result();
        assertTrue(r.ttft().mean() < off.ttft().mean() / 3, "TTFT on " + r.ttft().mean() + " off " + off.ttft().mean());
        assertTrue(PrefixCacheResult.of(r).requestHitRate() > 0.99);
        // four system prompts shared by ~50 running requests take far less KV than one copy each
        assertTrue(r.utilization().kvCacheMean() < 0.5 * off.utilization().kvCacheMean());
        for (Request q : on.requests()) {
            assertTrue(q.cachedTokens() % 16 == 0 && q.cachedTokens() <= 4096);
        }
        ReplicaBehaviourTest.checkInvariants(on);
    }

    @Test
    void itlMeanEqualsTpotMean_whenNothingInterferes() {
        // one request at a time, equal output lengths: every gap is one decode pass
        RunResult r = TestScenarios.run(TestScenarios.load(TestScenarios.scenario("""
                arrival: {process: gamma, rate_rps: 0.5, cv: 0.01}
                input_tokens: {dist: uniform, min: 100, max: 2000}
                output_tokens: {dist: fixed, value: 100}
                """, "gpu: h100-sxm\nmodel: llama-3.1-8b\n", 200, 10)));
        assertEquals(99 * r.tpot().count(), ItlResult.of(r).latency().count());
        assertEquals(r.tpot().mean(), ItlResult.of(r).latency().mean(), 1e-12);
        // a decode pass at batch 1 is ~6-7 ms on an H100 for an 8B model
        double itlP50 = ItlResult.of(r).latency().p50();
        assertTrue(itlP50 > 0.005 && itlP50 < 0.009, "ITL p50 " + itlP50);
    }

    @Test
    void dynamicBatching_waitsAtMostMaxWait_unlessABatchIsRunning_thenStartsWhenItEnds() {
        var recorded = TestScenarios.runRecording(TestScenarios.load(TestScenarios.scenario("""
                arrival: {process: poisson, rate_rps: 2}
                input_tokens: {dist: fixed, value: 200}
                output_tokens: {dist: fixed, value: 20}
                """, """
                gpu: h100-sxm
                model: llama-3.1-8b
                scheduler: {policy: dynamic, max_batch_size: 8, max_wait_s: 0.05}
                """, 400, 0)));
        int waitedLonger = 0;
        for (Request q : recorded.requests()) {
            if (q.queueS() <= 0.05 + 1e-9) {
                continue;
            }
            // it waited longer only because a batch was running when its wait ran out, and it started when that
            // batch ended (every request of a batch ends with it: equal output lengths)
            waitedLonger++;
            boolean batchEndedThen = recorded.requests().stream().anyMatch(p -> p.finishS() == q.scheduledS()
                    && p.scheduledS() <= q.arrivalS() + 0.05);
            assertTrue(batchEndedThen, "request " + q.id() + " queued " + q.queueS());
        }
        RunResult r = recorded.result();
        assertTrue(waitedLonger < r.requests().completed() / 5, "mostly idle at this load: " + waitedLonger);
        assertTrue(r.queue().p50() > 0.03, "requests wait for the batch to fill: " + r.queue().p50());
        assertTrue(r.utilization().batchSizeMean() > 1.0);
        ReplicaBehaviourTest.checkInvariants(recorded);
    }
}
