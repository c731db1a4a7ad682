package org.llmsim.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.llmsim.metrics.MetricsCollector;
import org.llmsim.metrics.RunResult;
import org.llmsim.request.Request;
import org.llmsim.request.RequestStatus;
import org.llmsim.testing.TestScenarios;

/**
 * Conservation of requests: every arrived request ends exactly once (completed, rejected, failed or unfinished) and
 * reaches the request log once, whatever the scheduler and features, when the drain timeout cuts an overloaded run
 * off in the middle of its passes.
 */
class ConservationTest {

    /** One H100 serving Llama-3.1-8B far beyond its capacity, cut off 3 s after arrivals stop. */
    private static final String OVERLOADED = """
            name: overloaded
            duration_s: 20
            drain_timeout_s: 3
            workload:
              arrival: {process: poisson, rate_rps: 80}
              input_tokens: {dist: lognormal, mean: 1500, stddev: 1200, max: 16000}
              output_tokens: {dist: lognormal, mean: 250, stddev: 200, max: 2048}
              slo: {ttft_s: 1.0, tpot_s: 0.05}
            cluster:
              router: {policy: least_outstanding}
              pools:
                - name: main
                  gpu: h100-sxm
                  model: llama-3.1-8b
                  replicas: 2
            """;

    /** A gateway in front of a GPU pool and an API provider, cut off while calls are in flight. */
    private static final String WITH_API = """
            name: overloaded-api
            duration_s: 20
            drain_timeout_s: 3
            workload:
              arrival: {process: poisson, rate_rps: 60}
              input_tokens: {dist: lognormal, mean: 1500, stddev: 1000, min: 100, max: 8000}
              output_tokens: {dist: lognormal, mean: 300, stddev: 200, max: 2048}
              slo: {ttft_s: 2.0}
            cluster:
              router: {policy: least_outstanding}
              routing:
                classifier: {latency_s: {dist: fixed, value: 0.03}, usd_per_request: 0.0001}
                tiers:
                  - name: selfhosted
                    pool: gpu
                    escalate: {to: frontier, fraction: 0.2}
                    overflow: {to: frontier, max_queue: 20}
                  - {name: frontier, pool: api}
                rules:
                  - {difficulty_below: 0.6, tier: selfhosted}
                default_tier: frontier
              pools:
                - name: gpu
                  gpu: l40s
                  model: llama-3.1-8b
                  replicas: 1
                - name: api
                  provider: anthropic-claude-sonnet-4-5
                  retry: {max_attempts: 3, backoff_s: 1, max_backoff_s: 10, jitter: 0.5}
                  timeout_s: 5
            """;

    /** Every scheduler policy and serving feature, as overrides of the overloaded scenario. */
    static Stream<Arguments> features() {
        Map<String, List<String>> f = new java.util.LinkedHashMap<>();
        f.put("continuous", List.of("cluster.pools[0].scheduler={policy: continuous}"));
        f.put("chunked prefill", List.of(
                "cluster.pools[0].scheduler={policy: chunked_prefill, max_batch_size: 256, max_batched_tokens: 512}"));
        f.put("prefill first, multi-step", List.of("cluster.pools[0].engine=vllm-v0",
                "cluster.pools[0].scheduler={num_scheduler_steps: 8}"));
        f.put("sglang", List.of("cluster.pools[0].engine=sglang"));
        f.put("static", List.of("cluster.pools[0].scheduler={policy: static, max_batch_size: 16}"));
        f.put("dynamic", List.of("cluster.pools[0].scheduler={policy: dynamic, max_batch_size: 16, max_wait_s: 0.05}"));
        f.put("priority order", List.of("cluster.pools[0].scheduler={policy: chunked_prefill, order: priority}"));
        f.put("disaggregated", List.of("cluster.pools[0].replicas=4",
                "cluster.pools[0].disaggregated={prefill_replicas: 2, decode_replicas: 2, kv_link: network}"));
        f.put("speculative", List.of("cluster.pools[0].speculative={draft_model: llama-3.2-1b, k: 4, acceptance: 0.8}"));
        f.put("pipeline stages", List.of("cluster.pools[0].pipeline_parallel=2"));
        f.put("prefix caching", List.of("cluster.pools[0].prefix_caching=true",
                "workload.shared_prefix={tokens: 1000, groups: 4}",
                "workload.input_tokens={dist: lognormal, mean: 2500, stddev: 1200, min: 1200, max: 16000}"));
        f.put("swap", List.of("cluster.pools[0].preemption=swap", "cluster.pools[0].kv_blocks_override=3000",
                "cluster.pools[0].swap_space_gb=0.5"));
        f.put("recompute", List.of("cluster.pools[0].kv_blocks_override=2000"));
        f.put("crash retry", List.of(
                "faults=[{kind: replica_crash, pool: main, replica: 0, at_s: 10, in_flight: retry}]"));
        f.put("crash lose", List.of(
                "faults=[{kind: replica_crash, pool: main, replica: 1, at_s: 15, in_flight: lose}]"));
        f.put("autoscaling", List.of("cluster.pools[0].autoscale={min_replicas: 1, max_replicas: 4, "
                + "target: {metric: concurrency, value: 16}, interval_s: 2, scale_down_delay_s: 5, cold_start_s: 4}"));
        f.put("admission timeout", List.of("workload.admission_timeout_s=5"));
        List<Arguments> cases = new ArrayList<>();
        for (var e : f.entrySet()) {
            for (long seed = 1; seed <= 6; seed++) {
                cases.add(Arguments.of(e.getKey(), OVERLOADED, e.getValue(), seed));
            }
        }
        for (long seed = 1; seed <= 6; seed++) {
            cases.add(Arguments.of("API pool", WITH_API, List.of(), seed));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}, seed {3}")
    @MethodSource("features")
    void overloadedRunCutOff_everyRequestEndsExactlyOnce(String feature, String yaml, List<String> overrides,
            long seed) {
        // given an overloaded run cut off by its drain timeout
        List<String> all = new ArrayList<>(overrides);
        all.add("seed=" + seed);
        TestScenarios.Recorded run = TestScenarios.runRecording(TestScenarios.load(yaml, all.toArray(String[]::new)));
        RunResult.RequestCounts counts = run.result().requests();

        // then the run really was cut off with work in flight, and the counts add up
        assertTrue(counts.unfinished() > 0, feature + ": the drain timeout must cut the run off");
        assertEquals(counts.arrived(),
                counts.completed() + counts.rejected() + counts.failed() + counts.unfinished(), feature);
        // and every arrived request reached the request log exactly once, in a final state matching the counts
        assertEquals(counts.arrived(), run.requests().size(), feature + ": one log row per arrived request");
        Set<Long> ids = new HashSet<>();
        Map<RequestStatus, Long> byStatus = new EnumMap<>(RequestStatus.class);
        for (Request r : run.requests()) {
            assertTrue(ids.add(r.id()), feature + ": request " + r.id() + " logged twice");
            byStatus.merge(r.status(), 1L, Long::sum);
            if (r.status() == RequestStatus.COMPLETED) {
                assertTrue(r.arrivalS() <= r.firstTokenS() && r.firstTokenS() <= r.finishS(),
                        feature + ": arrival <= first token <= finish for request " + r.id());
            }
        }
        assertFalse(byStatus.containsKey(RequestStatus.IN_FLIGHT), feature + ": a request was logged in flight");
        assertEquals(counts.completed(), byStatus.getOrDefault(RequestStatus.COMPLETED, 0L), feature);
        assertEquals(counts.rejected(), byStatus.getOrDefault(RequestStatus.REJECTED, 0L), feature);
        assertEquals(counts.failed(), byStatus.getOrDefault(RequestStatus.FAILED, 0L), feature);
        assertEquals(counts.unfinished(), byStatus.getOrDefault(RequestStatus.UNFINISHED, 0L), feature);
    }

    @Test
    void quickstartCutOffWhileAPromptIsComputedWhole_losesNoRequest() {
        // given the reported case: one H100 at 60 req/s, cut off 60 s after 120 s of arrivals
        TestScenarios.Recorded run = TestScenarios.runRecording(TestScenarios.loadFile("scenarios/quickstart.yaml",
                "duration_s=120", "warmup_s=0", "workload.arrival.rate_rps=60", "cluster.pools[0].replicas=1",
                "drain_timeout_s=60"));
        // then the prompt in the pass under way at the cut-off is reported unfinished, not lost
        RunResult.RequestCounts counts = run.result().requests();
        assertEquals(7118, counts.arrived());
        assertEquals(counts.arrived(), counts.completed() + counts.unfinished());
        assertEquals(counts.arrived(), run.requests().size());
    }

    @Test
    void lostRequest_isAnInternalError() {
        // given a collector that saw an arrival whose fate was never reported
        MetricsCollector metrics = new MetricsCollector(new RunResult.Window(0, 10),
                new org.llmsim.scenario.SloSpec(null, null, null, null), 1, r -> {
                });
        metrics.onArrival(new Request(0, 1.0, 100, 10));
        // then the end-of-run check refuses to report a result
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                metrics::checkConservation);
        assertTrue(e.getMessage().contains("arrived 1"), e.getMessage());
    }
}
