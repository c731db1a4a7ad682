package org.llmsim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.llmsim.hardware.GpuProfile;
import org.llmsim.metrics.PreemptionResult;
import org.llmsim.metrics.RunResult;
import org.llmsim.request.Request;
import org.llmsim.request.RequestStatus;
import org.llmsim.testing.TestScenarios;

/** End-to-end behaviour of one replica's batching and KV management, with invariants checked on every request. */
class ReplicaBehaviourTest {

    /** A replica whose KV cache holds about 7k tokens, and long answers that outgrow it. */
    static TestScenarios.Recorded smallCacheUnderPressure(String preemption) {
        String yaml = TestScenarios.scenario("""
                arrival: {process: poisson, rate_rps: 1}
                input_tokens: {dist: uniform, min: 200, max: 600}
                output_tokens: {dist: uniform, min: 500, max: 1500}
                """, """
                gpu: l40s
                model: llama-3.2-1b
                preemption: %s
                scheduler: {max_batch_size: 64, max_batched_tokens: 8192, gpu_memory_utilization: 0.1}
                """.formatted(preemption), 120, 0);
        var scenario = TestScenarios.load(yaml, "drain_timeout_s=3000");
        assertTrue(scenario.pools().get(0).memory().kvTokens() < 10_000, "small cache expected");
        return TestScenarios.runRecording(scenario);
    }

    @Test
    void kvExhaustion_preemptsByRecompute_andEveryRequestStillCompletes() {
        var recorded = smallCacheUnderPressure("recompute");
        RunResult r = recorded.result();
        // then requests were preempted and all of them still finished
        assertTrue(PreemptionResult.of(r).total() > 0, "expected preemptions");
        assertEquals(PreemptionResult.of(r).total(), PreemptionResult.of(r).recompute());
        assertTrue(PreemptionResult.of(r).recomputeTokens() > 0 && PreemptionResult.of(r).recomputeS() > 0);
        assertEquals(r.requests().arrived(), r.requests().completed());
        assertTrue(recorded.requests().stream().anyMatch(q -> q.preemptions() > 0));
        checkInvariants(recorded);
    }

    @Test
    void kvExhaustion_bySwap_reportsCountsBytesAndTime_andEveryRequestStillCompletes() {
        var recorded = smallCacheUnderPressure("swap");
        RunResult r = recorded.result();
        assertTrue(PreemptionResult.of(r).swap() > 0, "swaps");
        PreemptionResult p = PreemptionResult.of(r);
        assertEquals(p.total(), p.swap() + p.recompute());
        GpuProfile l40s = TestScenarios.gpu("l40s");
        assertEquals(PreemptionResult.of(r).swappedBytes() / (l40s.pcieGbps() * 1e9 / 8 * l40s.pcieEfficiencyOrOne()),
                PreemptionResult.of(r).swapS(), 1e-9);
        assertEquals(r.requests().arrived(), r.requests().completed());
        assertEquals(PreemptionResult.of(r).swap(), recorded.requests().stream().mapToLong(Request::swaps).sum());
        checkInvariants(recorded);
    }

    @Test
    void continuousBatching_beatsStaticOnThroughput_withVariableOutputLengths() {
        String workload = """
                arrival: {process: poisson, rate_rps: 60}
                input_tokens: {dist: uniform, min: 100, max: 400}
                output_tokens: {dist: uniform, min: 10, max: 1000}
                """;
        RunResult continuous = TestScenarios.run(TestScenarios.load(TestScenarios.scenario(workload, """
                gpu: h100-sxm
                model: llama-3.1-8b
                scheduler: {policy: continuous, max_batch_size: 64}
                """, 120, 20)));
        RunResult fixed = TestScenarios.run(TestScenarios.load(TestScenarios.scenario(workload, """
                gpu: h100-sxm
                model: llama-3.1-8b
                scheduler: {policy: static, max_batch_size: 64}
                """, 120, 20)));
        // both are overloaded at 60 req/s; continuous batching serves far more of it
        double ratio = continuous.throughput().outputTokensPerS() / fixed.throughput().outputTokensPerS();
        assertTrue(ratio > 1.5, "continuous/static output throughput " + ratio);
    }

    @Test
    void continuousBatching_beatsStaticOnLatency_atModerateLoad() {
        // at 5 req/s neither is overloaded, but a static batch makes new requests wait for its longest answer
        String workload = """
                arrival: {process: poisson, rate_rps: 5}
                input_tokens: {dist: uniform, min: 100, max: 400}
                output_tokens: {dist: uniform, min: 10, max: 1000}
                """;
        RunResult continuous = TestScenarios.run(TestScenarios.load(TestScenarios.scenario(workload, """
                gpu: h100-sxm
                model: llama-3.1-8b
                scheduler: {policy: continuous, max_batch_size: 64}
                """, 300, 30)));
        RunResult fixed = TestScenarios.run(TestScenarios.load(TestScenarios.scenario(workload, """
                gpu: h100-sxm
                model: llama-3.1-8b
                scheduler: {policy: static, max_batch_size: 64}
                """, 300, 30)));
        assertTrue(continuous.ttft().p50() * 10 < fixed.ttft().p50(),
                "TTFT p50 continuous " + continuous.ttft().p50() + " static " + fixed.ttft().p50());
        assertTrue(continuous.e2e().mean() < fixed.e2e().mean());
    }

    @Test
    void staticBatching_completesEveryRequestWhenNotOverloaded() {
        var recorded = TestScenarios.runRecording(TestScenarios.load(TestScenarios.scenario("""
                arrival: {process: poisson, rate_rps: 2}
                input_tokens: {dist: uniform, min: 100, max: 400}
                output_tokens: {dist: uniform, min: 10, max: 300}
                """, """
                gpu: h100-sxm
                model: llama-3.1-8b
                scheduler: {policy: static, max_batch_size: 16}
                """, 300, 0)));
        assertEquals(recorded.result().requests().arrived(), recorded.result().requests().completed());
        checkInvariants(recorded);
    }

    @Test
    void requestLongerThanTheContextWindow_isRejectedAndCounted() {
        var recorded = TestScenarios.runRecording(TestScenarios.load(TestScenarios.scenario("""
                arrival: {process: poisson, rate_rps: 5}
                input_tokens: {dist: empirical, values: [1000, 40000], weights: [0.5, 0.5]}
                output_tokens: {dist: fixed, value: 100}
                """, """
                gpu: h100-sxm
                model: mixtral-8x7b
                tensor_parallel: 2
                """, 60, 0)));
        RunResult r = recorded.result();
        assertTrue(r.requests().rejected() > 0);
        assertEquals(r.requests().arrived(), r.requests().completed() + r.requests().rejected());
        for (Request q : recorded.requests()) {
            if (q.status() == RequestStatus.REJECTED) {
                assertEquals(40000, q.inputTokens());
                assertEquals("context_window", q.rejectReason());
            }
        }
    }

    /** Conservation and timestamp order for every request of a run. */
    static void checkInvariants(TestScenarios.Recorded recorded) {
        RunResult.RequestCounts n = recorded.result().requests();
        assertEquals(n.arrived(), n.completed() + n.rejected() + n.unfinished(), "conservation");
        assertEquals(n.arrived(), recorded.requests().size(), "every request reported once");
        for (Request q : recorded.requests()) {
            if (q.status() == RequestStatus.COMPLETED) {
                assertTrue(q.arrivalS() <= q.scheduledS(), "arrival <= scheduled");
                assertTrue(q.scheduledS() < q.firstTokenS(), "scheduled < first token");
                assertTrue(q.firstTokenS() <= q.finishS(), "first token <= finish");
            }
        }
    }
}
