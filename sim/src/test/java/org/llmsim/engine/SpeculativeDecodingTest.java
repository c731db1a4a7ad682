package org.llmsim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.llmsim.hardware.Dtype;
import org.llmsim.hardware.ReplicaHardware;
import org.llmsim.passtime.PassCostModel;
import org.llmsim.passtime.Shape;
import org.llmsim.metrics.RunResult;
import org.llmsim.metrics.SpeculativeResult;
import org.llmsim.request.Request;
import org.llmsim.scenario.Scenario;
import org.llmsim.scenario.SpeculativeSpec;
import org.llmsim.testing.TestScenarios;

/** Speculative decoding: the accepted-token draws, the running batch moving several tokens at once, and end to end. */
class SpeculativeDecodingTest {

    @ParameterizedTest(name = "k={0} a={1}")
    @CsvSource({"4, 0.8", "2, 0.5", "8, 0.9", "4, 0.0", "3, 1.0"})
    void acceptedTokensPerStep_averageTheFormula(int k, double acceptance) {
        SpeculativeDecoding drafts = new SpeculativeDecoding(k, acceptance, null, new Well19937c(5));
        long sum = 0;
        int n = 200_000;
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (int i = 0; i < n; i++) {
            int a = drafts.drawAcceptedTokens();
            sum += a;
            min = Math.min(min, a);
            max = Math.max(max, a);
        }
        assertEquals(SpeculativeSpec.expectedTokensPerStep(k, acceptance), (double) sum / n, 0.01);
        assertTrue(min >= 1 && max <= k + 1);
    }

    @Test
    void draftTime_isKDraftPasses_theFirstAlsoComputingThePromptTokens() {
        // given a pass with 4 decoding sequences holding 4,000 KV tokens, verifying k + 1 = 5 tokens each, beside a
        // 100-token prompt computed from scratch (the counts PassBuilder gives such a pass)
        PassCostModel draft = new PassCostModel(new ReplicaHardware(TestScenarios.idealH100(),
                TestScenarios.model("llama-3.2-1b"), 1, Dtype.BF16, Dtype.BF16));
        SpeculativeDecoding drafts = new SpeculativeDecoding(4, 0.8, draft, new Well19937c(1));
        long promptPairs = 100 * 101 / 2;
        BatchPlan plan = new BatchPlan(4, BatchPlan.NO_SEQUENCES, BatchPlan.NO_TOKENS, 5, 20 + 100, 100, promptPairs,
                100, 5 * 4000 + 4 * 15, 4000 + 20, 20 + 1, 0, 0, 0, BatchPlan.PreemptionWork.NONE, 4000, 3,
                BatchPlan.NO_SEQUENCES, 1, Double.NaN);
        // then the draft proposes 4 tokens in 4 passes, the j-th attending to each sequence's KV plus j tokens
        double expected = draft.timeS(new Shape(5, 4 + 100, 100, promptPairs, 100, 4000 + 4, 4000 + 4, 4 + 1));
        for (int j = 2; j <= 4; j++) {
            expected += draft.timeS(new Shape(4, 4, 0, 0, 0, 4000 + 4L * j, 4000 + 4L * j, 4));
        }
        assertEquals(expected, drafts.draftTimeS(plan), 1e-15);
    }

    @Test
    void smallCache_withSpeculation_everyRequestFinishes_blocksAreConserved() {
        // given 40 blocks of 8 tokens, 6 sequences at most, and passes emitting 1 to 5 tokens per sequence
        KvCacheManager kv = new KvCacheManager(40, 8, false);
        RecordingListener events = new RecordingListener();
        SchedulerConfig config = new SchedulerConfig(BatchingPolicy.CHUNKED_PREFILL, 6, 64, 8, 200);
        SpeculativeDecoding drafts = new SpeculativeDecoding(4, 0.7, null, new Well19937c(3));
        ContinuousBatchScheduler scheduler = new ContinuousBatchScheduler(config, kv, SwapSpace.NONE, events, drafts);
        Random rng = new Random(11);
        List<Request> requests = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            requests.add(new Request(i, 0, 20 + rng.nextInt(120), 1 + rng.nextInt(150)));
        }
        int pass = 0;
        int next = 0;
        long scoredMax = 0;
        while (true) {
            if (next < requests.size()) {
                scheduler.enqueue(new Sequence(requests.get(next), next++));
            }
            BatchPlan plan = scheduler.schedule(pass);
            if (plan == null) {
                if (next < requests.size()) {
                    continue;
                }
                break;
            }
            assertTrue(plan.acceptedTokens() >= 1 && plan.acceptedTokens() <= 5);
            scoredMax = Math.max(scoredMax, plan.newTokens());
            scheduler.complete(plan, ++pass);
            assertEquals(kv.totalBlocks(), kv.usedBlocks() + kv.freeBlocks(), "pass " + pass);
            assertEquals(scheduler.blocksHeldByRunning(), kv.usedBlocks(), "pass " + pass);
            assertTrue(pass < 100_000, "no progress");
        }
        assertEquals(requests.size(), events.finished.size(), "every request finishes");
        assertEquals(0, kv.usedBlocks(), "no block referenced at the end");
        assertTrue(!events.preempted.isEmpty(), "the cache is too small: preemptions expected");
        assertTrue(scoredMax <= 64, "decodes score k + 1 tokens of the budget");
        for (Request r : requests) {
            assertTrue(r.scheduledS() < r.firstTokenS() && r.firstTokenS() <= r.finishS());
        }
    }

    /** Llama-3.1-70B on four H100s, drafting with Llama-3.2-1B. */
    private static Scenario scenario(double rateRps, boolean speculative, int outputTokens, double durationS) {
        return scenario(rateRps, speculative, 500, 1500, outputTokens, durationS);
    }

    private static Scenario scenario(double rateRps, boolean speculative, int minInput, int maxInput, int outputTokens,
            double durationS) {
        String workload = """
                arrival: {process: poisson, rate_rps: %s}
                input_tokens: {dist: uniform, min: %d, max: %d}
                output_tokens: {dist: fixed, value: %d}
                """.formatted(rateRps, minInput, maxInput, outputTokens);
        String pool = "gpu: h100-sxm\nmodel: llama-3.1-70b\ntensor_parallel: 4\n"
                + (speculative ? "speculative: {draft_model: llama-3.2-1b, k: 4, acceptance: 0.8}\n" : "");
        return TestScenarios.load(TestScenarios.scenario(workload, pool, durationS, 20));
    }

    @Test
    void measuredTokensPerStep_matchTheFormula_andSequencesVary() {
        RunResult r = TestScenarios.run(scenario(0.5, true, 300, 400));
        double expected = (1 - Math.pow(0.8, 5)) / (1 - 0.8);
        assertEquals(expected, SpeculativeResult.of(r).tokensPerStep(), 0.05 * expected);
        // accepted proposals over proposed: (E[A] - 1) / k
        assertEquals((expected - 1) / 4, SpeculativeResult.of(r).acceptance(), 0.05);
        assertTrue(SpeculativeResult.of(r).draftTimeShare() > 0.1 && SpeculativeResult.of(r).draftTimeShare() < 0.6);
        // equal output lengths: without speculation every request's TPOT is nearly the same (prompt chunks of the
        // requests that arrive meanwhile ride along in some passes), with it each request has its own luck
        RunResult plain = TestScenarios.run(scenario(0.5, false, 300, 400));
        assertTrue(plain.tpot().stddev() < 0.03 * plain.tpot().mean(), "TPOT spread " + plain.tpot().stddev());
        assertTrue(r.tpot().stddev() / r.tpot().mean() > 2 * plain.tpot().stddev() / plain.tpot().mean(),
                "TPOT spread " + r.tpot().stddev());
        assertTrue(!SpeculativeResult.of(plain).used());
    }

    @Test
    void speculation_helpsTpotAtLowLoad_hurtsShortContextsAtHighLoad_andHelpsLongOnes() {
        // at low load decode is bandwidth bound: verifying 5 tokens costs about what one token does
        RunResult lowOn = TestScenarios.run(scenario(0.5, true, 300, 200));
        RunResult lowOff = TestScenarios.run(scenario(0.5, false, 300, 200));
        double speedup = lowOff.tpot().mean() / lowOn.tpot().mean();
        assertTrue(speedup > 1.5 && speedup < 3.0, "low-load TPOT speedup " + speedup);
        // overloaded with short prompts the batch is large and its KV small: verifying 5 tokens for each of hundreds
        // of sequences makes the GEMMs compute bound, so speculation costs more than it saves
        RunResult shortOn = TestScenarios.run(scenario(80, true, 100, 200, 300, 60));
        RunResult shortOff = TestScenarios.run(scenario(80, false, 100, 200, 300, 60));
        assertTrue(shortOff.utilization().batchSizeMean() > 500, "batch " + shortOff.utilization().batchSizeMean());
        assertTrue(shortOn.throughput().outputTokensPerS() < 0.97 * shortOff.throughput().outputTokensPerS(),
                "short contexts: throughput with " + shortOn.throughput().outputTokensPerS() + " without "
                        + shortOff.throughput().outputTokensPerS());
        // overloaded with 1k-token contexts the KV fills the cache and a decode pass mostly reads KV; the verification
        // reads each sequence's KV once for its 5 positions, so speculation raises throughput even at large batch
        // (the regime of MagicDec, https://arxiv.org/abs/2408.11049)
        RunResult longOn = TestScenarios.run(scenario(12, true, 300, 150));
        RunResult longOff = TestScenarios.run(scenario(12, false, 300, 150));
        assertTrue(longOff.utilization().kvCacheMean() > 0.9, "KV " + longOff.utilization().kvCacheMean());
        assertTrue(longOn.throughput().outputTokensPerS() > 1.03 * longOff.throughput().outputTokensPerS(),
                "long contexts: throughput with " + longOn.throughput().outputTokensPerS() + " without "
                        + longOff.throughput().outputTokensPerS());
    }

    @Test
    void draftModel_takesMemory_fromTheKvCache() {
        Scenario on = scenario(1, true, 100, 60);
        Scenario off = scenario(1, false, 100, 60);
        var memOn = on.pools().get(0).memory();
        var memOff = off.pools().get(0).memory();
        // the 1B draft's weights (1.24B x 2 bytes over 4 GPUs) come out of each GPU's memory
        assertEquals(1.236e9 * 2 / 4, memOn.weightBytesPerGpu() - memOff.weightBytesPerGpu(), 1e7);
        // and every cached token holds the draft's KV too: 16 layers x 2 of 8 KV heads per GPU, beside the target's 80
        double targetPerGpu = 2.0 * 80 * 2 * 128 * 2;
        double draftPerGpu = 2.0 * 16 * 2 * 64 * 2;
        assertEquals(targetPerGpu + draftPerGpu, memOn.kvBytesPerTokenPerGpu(), 0.0);
        assertTrue(memOn.kvTokens() < memOff.kvTokens());
    }
}
