package org.llmsim.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.llmsim.metrics.KvTransferResult;
import org.llmsim.metrics.PreemptionResult;
import org.llmsim.metrics.PrefixCacheResult;
import org.llmsim.metrics.RunResult;
import org.llmsim.metrics.SpeculativeResult;
import org.llmsim.request.Request;
import org.llmsim.testing.TestScenarios;

class DeterminismTest {
    @Test
    void sameScenarioAndSeed_giveIdenticalResults() {
        RunResult a = TestScenarios.run(TestScenarios.loadFile("scenarios/quickstart.yaml", "duration_s=200"));
        RunResult b = TestScenarios.run(TestScenarios.loadFile("scenarios/quickstart.yaml", "duration_s=200"));
        assertEquals(TestScenarios.withoutWallTime(a).toString(), TestScenarios.withoutWallTime(b).toString());
        assertEquals(a.ttft().mean(), b.ttft().mean(), 0.0);
        assertEquals(a.sim().events(), b.sim().events());
    }

    @Test
    void anotherSeed_givesAnotherSample() {
        RunResult a = TestScenarios.run(TestScenarios.loadFile("scenarios/quickstart.yaml", "duration_s=200"));
        RunResult b = TestScenarios.run(TestScenarios.loadFile("scenarios/quickstart.yaml", "duration_s=200",
                "seed=43"));
        assertNotEquals(a.ttft().mean(), b.ttft().mean());
    }

    @Test
    void changingTheRouter_leavesTheWorkloadUnchanged() {
        var a = TestScenarios.runRecording(TestScenarios.loadFile("scenarios/quickstart.yaml", "duration_s=200"));
        var b = TestScenarios.runRecording(TestScenarios.loadFile("scenarios/quickstart.yaml", "duration_s=200",
                "cluster.router.policy=random"));
        assertEquals(workload(a), workload(b));
        assertNotEquals(a.result().ttft().mean(), b.result().ttft().mean());
    }

    @Test
    void servingMechanics_areDeterministicToo() {
        String yaml = TestScenarios.scenario("""
                arrival: {process: poisson, rate_rps: 6}
                input_tokens: {dist: uniform, min: 1100, max: 3000}
                output_tokens: {dist: uniform, min: 50, max: 800}
                shared_prefix: {tokens: 1024, groups: 3}
                """, """
                gpu: l40s
                model: llama-3.2-1b
                prefix_caching: true
                preemption: swap
                swap_space_gb: 0.05
                scheduler: {policy: chunked_prefill, max_batched_tokens: 1024, order: priority,
                            max_batch_size: 64, gpu_memory_utilization: 0.1}
                """, 120, 10);
        var a = TestScenarios.runRecording(TestScenarios.load(yaml));
        var b = TestScenarios.runRecording(TestScenarios.load(yaml));
        RunResult.SimStats noWall = new RunResult.SimStats(0, a.result().sim().events(), a.result().sim().simulatedS());
        assertEquals(a.result().withSim(noWall).toString(), b.result().withSim(noWall).toString());
        assertEquals(workload(a), workload(b));
        // the mechanisms were exercised: hits, swaps, and swaps that found the space full
        double hitRate = PrefixCacheResult.of(a.result()).hitRate();
        assertTrue(hitRate > 0.2, "hit rate " + hitRate);
        assertTrue(PreemptionResult.of(a.result()).swap() > 0, PreemptionResult.of(a.result()).toString());
        assertTrue(PreemptionResult.of(a.result()).swapSpaceFull() > 0, PreemptionResult.of(a.result()).toString());
    }

    @Test
    void speculationDisaggregationAndStages_areDeterministicToo() {
        // a speculative pool whose cache is too small (preemptions), and a disaggregated pool of two-stage replicas
        String yaml = """
                name: features
                seed: 11
                duration_s: 120
                warmup_s: 10
                workload:
                  arrival: {process: poisson, rate_rps: 6}
                  input_tokens: {dist: uniform, min: 200, max: 3000}
                  output_tokens: {dist: uniform, min: 50, max: 800}
                cluster:
                  pools:
                    - name: drafts
                      gpu: l40s
                      model: llama-3.1-8b
                      speculative: {draft_model: llama-3.2-1b, k: 3, acceptance: 0.7}
                      scheduler: {policy: chunked_prefill, max_batched_tokens: 1024, gpu_memory_utilization: 0.43}
                    - name: split
                      gpu: h100-sxm
                      model: llama-3.1-8b
                      pipeline_parallel: 2
                      disaggregated: {prefill_replicas: 1, decode_replicas: 1, kv_link: nvlink}
                """;
        var a = TestScenarios.runRecording(TestScenarios.load(yaml));
        var b = TestScenarios.runRecording(TestScenarios.load(yaml));
        RunResult.SimStats noWall = new RunResult.SimStats(0, a.result().sim().events(), a.result().sim().simulatedS());
        assertEquals(a.result().withSim(noWall).toString(), b.result().withSim(noWall).toString());
        assertEquals(workload(a), workload(b));
        assertTrue(SpeculativeResult.of(a.result()).used());
        assertTrue(KvTransferResult.of(a.result()).transfers() > 0);
        assertTrue(PreemptionResult.of(a.result()).total() > 0, "preemptions with speculation");
        var n = a.result().requests();
        assertEquals(n.arrived(), n.completed() + n.rejected() + n.unfinished(), n.toString());
        assertEquals(0, n.unfinished(), n.toString());
    }

    /** Every request's identity, arrival and sizes, in id order. */
    private static List<String> workload(TestScenarios.Recorded run) {
        return run.requests().stream().sorted(Comparator.comparingLong(Request::id))
                .map(q -> q.id() + "@" + q.arrivalS() + ":" + q.inputTokens() + "/" + q.outputTokens()).toList();
    }
}
