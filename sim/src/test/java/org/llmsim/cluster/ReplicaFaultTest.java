package org.llmsim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.llmsim.metrics.ElasticResult;
import org.llmsim.metrics.ElasticResult.ReplicaEvent;
import org.llmsim.metrics.RunResult;
import org.llmsim.request.Request;
import org.llmsim.request.RequestStatus;
import org.llmsim.testing.TestScenarios;

/** Injected replica faults: crashes that retry or lose what the replica held, and degraded GPUs. */
class ReplicaFaultTest {

    /** Two H100s at 20 req/s for 120 s; replica 0 crashes at 60 s and restarts in 20 s. */
    private static TestScenarios.Recorded crash(String inFlight) {
        String yaml = """
                name: crash
                seed: 7
                duration_s: 120
                warmup_s: 0
                workload:
                  arrival: {process: poisson, rate_rps: 20}
                  input_tokens: {dist: lognormal, mean: 1000, stddev: 400, max: 8192}
                  output_tokens: {dist: lognormal, mean: 250, stddev: 100, max: 2048}
                cluster:
                  pools:
                    - {name: main, gpu: h100-sxm, model: llama-3.1-8b, replicas: 2}
                faults:
                  - {kind: replica_crash, pool: main, replica: 0, at_s: 60, restart_s: 20, in_flight: %s}
                """.formatted(inFlight);
        return TestScenarios.runRecording(TestScenarios.load(yaml));
    }

    @Test
    void crashWithRetry_losesNoRequest_andTheRetriedOnesStartOver() {
        // given a crash whose in-flight requests are sent again
        TestScenarios.Recorded rec = crash("retry");
        RunResult r = rec.result();
        ElasticResult.PoolElastic pool = ElasticResult.of(r).pools().get(0);

        // then every request completes: none failed, none vanished
        assertEquals(0, r.requests().failed());
        assertEquals(r.requests().arrived(), r.requests().completed() + r.requests().rejected()
                + r.requests().unfinished());
        assertEquals(r.requests().arrived(), rec.requests().size());
        assertEquals(1, pool.crashes());
        assertTrue(pool.requestsRetried() > 10, "retried " + pool.requestsRetried());
        // the retried requests are exactly those marked, they arrived before the crash and finished after it
        List<Request> retried = rec.requests().stream().filter(q -> q.crashRetries() > 0).toList();
        assertEquals(pool.requestsRetried(), retried.size());
        for (Request q : retried) {
            assertEquals(RequestStatus.COMPLETED, q.status());
            assertTrue(q.arrivalS() <= 60 && q.finishS() > 60, "retried request " + q.id());
            assertEquals(1, q.replica(), "served again by the replica that stayed up");
        }
        // the crashed replica restarts 20 s later, still paid meanwhile: the fleet cost is unchanged
        ReplicaEvent recovered = ElasticResult.of(r).events().stream()
                .filter(e -> e.event().equals(ReplicaEvent.RECOVERED)).findFirst().orElseThrow();
        assertEquals(80, recovered.timeS(), 1e-9);
        assertEquals(2 * r.sim().simulatedS() / 3600.0, r.cost().gpuHours(), 1e-9);
    }

    @Test
    void crashWithLose_countsTheLostRequestsFailed_andTheTotalsStillAddUp() {
        // given the same crash, losing what the replica held
        TestScenarios.Recorded rec = crash("lose");
        RunResult r = rec.result();
        ElasticResult.PoolElastic pool = ElasticResult.of(r).pools().get(0);

        // then those requests are failed, by reason, and every arrival is accounted for
        assertTrue(r.requests().failed() > 10, "failed " + r.requests().failed());
        assertEquals(pool.requestsFailed(), r.requests().failed());
        assertEquals(r.requests().failed(), r.requests().failedByReason().get("replica_crash"));
        assertEquals(r.requests().arrived(), r.requests().completed() + r.requests().failed()
                + r.requests().rejected() + r.requests().unfinished());
        long failedRecords = rec.requests().stream().filter(q -> q.status() == RequestStatus.FAILED).count();
        assertEquals(r.requests().failed(), failedRecords);
        assertEquals(r.requests().arrived(), rec.requests().size());
        // the same arrivals as with retry: what retry completed, lose failed
        assertEquals(crash("retry").result().requests().arrived(), r.requests().arrived());
    }

    @Test
    void randomCrashesOnAnAutoscaledPool_areDeterministic_andLoseNothing() {
        // given an autoscaled pool whose replicas crash at random (a mean of one crash per replica every 2 minutes)
        String yaml = """
                name: chaos
                seed: 9
                duration_s: 300
                warmup_s: 0
                workload:
                  arrival: {process: poisson, rate_rps: 15}
                  input_tokens: {dist: lognormal, mean: 800, stddev: 300, max: 4096}
                  output_tokens: {dist: lognormal, mean: 150, stddev: 60, max: 1024}
                cluster:
                  pools:
                    - name: main
                      gpu: h100-sxm
                      model: llama-3.1-8b
                      replicas: 2
                      autoscale: {min_replicas: 1, max_replicas: 4, target: {metric: queue_length, value: 2},
                                  interval_s: 10, cold_start_s: 20, scale_down_delay_s: 30}
                faults:
                  - {kind: replica_crash, pool: main, rate_per_hour: 30, restart_s: 15}
                """;
        TestScenarios.Recorded a = TestScenarios.runRecording(TestScenarios.load(yaml));
        TestScenarios.Recorded b = TestScenarios.runRecording(TestScenarios.load(yaml));

        // then the same seed gives the same run, crashes and scale events included
        assertEquals(TestScenarios.withoutWallTime(a.result()).toString(),
                TestScenarios.withoutWallTime(b.result()).toString());
        RunResult r = a.result();
        long crashes = ElasticResult.of(r).pools().get(0).crashes();
        assertTrue(crashes >= 2, "crashes " + crashes);
        // and every request retried after a crash completes
        assertEquals(0, r.requests().failed());
        assertEquals(r.requests().arrived(), r.requests().completed() + r.requests().rejected()
                + r.requests().unfinished());
        assertEquals(r.requests().arrived(), a.requests().size());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"continuous, recompute", "chunked_prefill, swap", "static, recompute", "continuous, swap"})
    void frequentCrashes_underEveryBatchingPolicyAndPreemption_accountForEveryRequest(String policy,
            String preemption) {
        // given a small KV cache (preemptions happen) and crashes every few seconds, half of them losing requests
        String yaml = """
                name: crash-stress
                seed: 21
                duration_s: 120
                warmup_s: 0
                workload:
                  arrival: {process: poisson, rate_rps: 12}
                  input_tokens: {dist: lognormal, mean: 1500, stddev: 800, max: 6000}
                  output_tokens: {dist: lognormal, mean: 200, stddev: 100, max: 800}
                cluster:
                  pools:
                    - name: main
                      gpu: h100-sxm
                      model: llama-3.1-8b
                      replicas: 3
                      kv_blocks_override: 1500
                      preemption: %s
                      scheduler: {policy: %s, max_batch_size: 32, max_batched_tokens: 8192}
                faults:
                  - {kind: replica_crash, pool: main, rate_per_hour: 300, restart_s: 5, in_flight: retry}
                  - {kind: replica_crash, pool: main, rate_per_hour: 300, restart_s: 5, in_flight: lose}
                """.formatted(preemption, policy);
        TestScenarios.Recorded rec = TestScenarios.runRecording(TestScenarios.load(yaml));
        RunResult r = rec.result();
        ElasticResult.PoolElastic pool = ElasticResult.of(r).pools().get(0);

        // then crashes happened, and every arrival ends in exactly one final state, reported once
        assertTrue(pool.crashes() >= 10, "crashes " + pool.crashes());
        assertTrue(pool.requestsRetried() > 0 && pool.requestsFailed() > 0, pool.toString());
        assertEquals(r.requests().arrived(), r.requests().completed() + r.requests().failed()
                + r.requests().rejected() + r.requests().unfinished(), r.requests().toString());
        assertEquals(r.requests().arrived(), rec.requests().size());
        assertEquals(r.requests().arrived(), rec.requests().stream().map(Request::id).distinct().count());
        assertEquals(pool.requestsFailed(), r.requests().failed());
    }

    /** One H100 serving one user at a time, so that every pass has the same shape with and without the fault. */
    private static RunResult oneUser(String faults) {
        String yaml = """
                name: degraded
                seed: 3
                duration_s: 120
                warmup_s: 0
                workload:
                  arrival: {process: closed_loop, users: 1, think_time_s: 1}
                  input_tokens: {dist: fixed, value: 500}
                  output_tokens: {dist: fixed, value: 100}
                cluster:
                  pools:
                    - {name: main, gpu: h100-sxm, model: llama-3.1-8b, replicas: 1}
                """ + faults;
        return TestScenarios.run(TestScenarios.load(yaml));
    }

    @Test
    void degradedGpu_slowsEveryPassByItsFactor() {
        // given the same single-user load on a healthy GPU and on one degraded 2.5x for the whole run
        RunResult healthy = oneUser("");
        RunResult degraded = oneUser("""
                faults:
                  - {kind: degraded_gpu, pool: main, slowdown: 2.5}
                """);

        // then each pass takes 2.5x as long: TPOT and TTFT (no queueing with one user) scale by the factor
        assertEquals(2.5, degraded.tpot().mean() / healthy.tpot().mean(), 1e-6);
        assertEquals(2.5, degraded.ttft().mean() / healthy.ttft().mean(), 1e-6);
        assertEquals(1, ElasticResult.of(degraded).pools().get(0).degraded());
    }

    @Test
    void degradedGpu_overAWindow_slowsOnlyThePassesStartingInIt() {
        // given a slowdown of 3x from 40 s to 80 s
        RunResult healthy = oneUser("");
        RunResult window = oneUser("""
                faults:
                  - {kind: degraded_gpu, pool: main, slowdown: 3, from_s: 40, to_s: 80}
                """);

        // then the fastest pass is as fast as a healthy one and the slowest 3x as slow
        assertEquals(healthy.tpot().min(), window.tpot().min(), 1e-9);
        assertEquals(3 * healthy.tpot().max(), window.tpot().max(), 1e-6);
        assertTrue(window.requests().completed() < healthy.requests().completed());
    }
}
