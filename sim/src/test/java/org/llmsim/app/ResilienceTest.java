package org.llmsim.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.llmsim.metrics.AppResult;
import org.llmsim.metrics.RunResult;
import org.llmsim.request.Request;
import org.llmsim.request.RequestStatus;
import org.llmsim.testing.TestScenarios;

class ResilienceTest {
    @TempDir
    Path dir;

    /** A primary API with retries, a timeout, a breaker and a fallback; {@code faults} and overrides vary. */
    private String scenario(String primaryExtra, String faults) {
        return scenario(primaryExtra, faults, true);
    }

    private String scenario(String primaryExtra, String faults, boolean withSpare) {
        String primary = AppFixtures.provider(dir, "primary", 4, 20, primaryExtra);
        String backup = AppFixtures.provider(dir, "backup", 2, 8);
        return """
                name: resilience
                duration_s: 400
                warmup_s: 0
                drain_timeout_s: 120
                workload:
                  arrival: {process: poisson, rate_rps: 4}
                  input_tokens: {dist: uniform, min: 500, max: 1500}
                  output_tokens: {dist: uniform, min: 50, max: 150}
                cluster:
                  pools:
                    - name: main
                      provider: %s
                      prompt_caching: false
                      timeout_s: 2
                      retry: {max_attempts: 3, backoff_s: 0.5, jitter: 0.5}
                      circuit_breaker: {failures: 5, cooldown_s: 20}
                %s
                faults:
                %s
                output: {sample_interval_s: 10}
                """.formatted(primary, withSpare ? "      fallback: spare\n    - {name: spare, provider: " + backup
                + ", prompt_caching: false}" : "", faults);
    }

    @Test
    void retriesAndFallback_loseNoRequest_andCountEveryAttemptsCost() {
        // given a partial outage (40% of calls fail fast) and a latency spike that pushes calls past the 2 s timeout
        // (timed-out calls pay for their prompt, the profile's default timeout_billing)
        var run = TestScenarios.runRecording(TestScenarios.load(scenario("", """
                  - {kind: provider_outage, pool: main, start_s: 100, duration_s: 100, error_rate: 0.4}
                  - {kind: latency_spike, pool: main, start_s: 250, duration_s: 50, ttft_factor: 5}
                """)));
        RunResult r = run.result();
        // then every request ends exactly once, and none is lost: the fallback answers what the retries do not
        Set<Long> seen = new HashSet<>();
        long calls = 0;
        long retries = 0;
        long fallbacks = 0;
        double requestUsd = 0;
        for (Request q : run.requests()) {
            assertTrue(seen.add(q.id()));
            assertEquals(RequestStatus.COMPLETED, q.status(), "request " + q.id() + " " + q.rejectReason());
            calls += q.journey().calls();
            retries += q.journey().retries();
            fallbacks += q.journey().fallbacks();
            requestUsd += q.journey().costUsd();
        }
        assertEquals(r.requests().arrived(), run.requests().size());
        assertEquals(r.requests().arrived(), r.requests().completed());
        AppResult.BackendResult main = AppResult.of(r).backends().get(0);
        AppResult.BackendResult spare = AppResult.of(r).backends().get(1);
        AppResult.CallFailures f = main.failures();
        assertTrue(f.errors() > 0 && f.timeouts() > 0 && f.retries() > 0 && f.fallbackOut() > 0, f.toString());
        // every attempt is a call: answered or failed on the primary, answered on the fallback
        assertEquals(main.calls(), main.completed() + f.errors() + f.timeouts());
        assertEquals(calls, main.calls() + spare.calls());
        assertEquals(retries, f.retries());
        assertEquals(fallbacks, f.fallbackOut());
        assertEquals(f.fallbackOut(), spare.failures().fallbackIn());
        assertEquals(spare.calls(), spare.completed());
        // and every attempt's bill: timed-out calls paid their prompts, which the requests carry too
        assertTrue(f.failedUsd() > 0);
        assertEquals(r.cost().apiUsd(), main.costUsd() + spare.costUsd(), 1e-9);
        assertEquals(r.cost().apiUsd(), requestUsd, 1e-9);
    }

    @Test
    void outageOfThePrimary_movesTrafficToTheFallback_andShowsInTheTimeSeries() {
        // given a full outage of the primary from 100 s to 200 s
        RunResult r = TestScenarios.run(TestScenarios.load(scenario("", """
                  - {kind: provider_outage, pool: main, start_s: 100, duration_s: 100}
                """)));
        // then no request fails, the breaker opened and the spare took the outage's traffic
        assertEquals(r.requests().arrived(), r.requests().completed());
        AppResult.CallFailures f = AppResult.of(r).backends().get(0).failures();
        assertTrue(f.breaker().opened() >= 1 && f.shortCircuited() > 0, f.toString());
        double mainBefore = 0;
        double spareBefore = 0;
        double mainDuring = 0;
        double spareDuring = 0;
        double mainAfter = 0;
        for (RunResult.Sample s : r.timeSeries().samples()) {
            boolean before = s.timeS() <= 100;
            boolean during = s.timeS() > 130 && s.timeS() <= 200; // after the breaker opened
            boolean after = s.timeS() > 260 && s.timeS() <= 400; // after a probe closed it again
            double rate = s.arrivalsPerS();
            if (s.pool().equals("main")) {
                mainBefore += before ? rate : 0;
                mainDuring += during ? rate : 0;
                mainAfter += after ? rate : 0;
            } else {
                spareBefore += before ? rate : 0;
                spareDuring += during ? rate : 0;
            }
        }
        assertEquals(0, spareBefore, 0.0);
        assertTrue(mainBefore > 0 && mainAfter > 0);
        // during the outage the primary only sees the breaker's probes; the spare carries the load
        assertTrue(spareDuring > 10 * mainDuring, "spare " + spareDuring + " vs main " + mainDuring);
        List<AppResult.BreakerTransition> t = f.breaker().transitions();
        assertEquals("open", t.get(0).state());
        assertTrue(t.get(0).atS() >= 100 && t.get(0).atS() < 110, t.toString());
        assertEquals("closed", t.get(t.size() - 1).state());
        assertTrue(t.get(t.size() - 1).atS() >= 200, t.toString());
    }

    @Test
    void withoutBreaker_everyFailedAttemptIsCountedAndRetried() {
        // given a full outage, retries and a fallback but no breaker
        RunResult r = TestScenarios.run(TestScenarios.load(scenario("", """
                  - {kind: provider_outage, pool: main, start_s: 100, duration_s: 100}
                """), "cluster.pools[0].circuit_breaker=null"));
        AppResult.BackendResult main = AppResult.of(r).backends().get(0);
        AppResult.CallFailures f = main.failures();
        // then every attempt in the outage failed, was counted, and led to a retry or the fallback
        assertEquals(main.calls(), main.completed() + f.errors(), f.toString());
        assertEquals(f.errors(), f.retries() + f.fallbackOut(), f.toString());
        assertEquals(r.requests().arrived(), r.requests().completed());
    }

    @Test
    void gpuPoolTimeout_dropsQueuedCalls_andTheFallbackAnswersThem() {
        // given one L40S far past its capacity, whose queued calls are given up after 2 s and sent to an API
        String api = AppFixtures.provider(dir, "spillover", 1, 5);
        var run = TestScenarios.runRecording(TestScenarios.load("""
                name: gpu-timeout
                duration_s: 60
                workload:
                  arrival: {process: poisson, rate_rps: 40}
                  input_tokens: 2000
                  output_tokens: 300
                cluster:
                  pools:
                    - {name: gpu, gpu: l40s, model: llama-3.1-8b, replicas: 1, timeout_s: 2, fallback: api}
                    - {name: api, provider: %s, prompt_caching: false}
                """.formatted(api)));
        RunResult r = run.result();
        AppResult.CallFailures gpu = AppResult.of(r).backends().get(0).failures();
        // then calls time out on the GPU pool and every one of them is answered by the API instead
        assertTrue(gpu.timeouts() > 100, gpu.toString());
        assertEquals(gpu.timeouts(), gpu.fallbackOut());
        assertEquals(gpu.fallbackOut(), AppResult.of(r).backends().get(1).completed());
        RunResult.RequestCounts n = r.requests();
        assertEquals(n.arrived(), n.completed() + n.unfinished());
        for (Request q : run.requests()) {
            if (q.journey().fallbacks() > 0 && q.status() == RequestStatus.COMPLETED) {
                assertEquals("api", q.journey().backend());
                assertTrue(q.queueS() >= 2 - 1e-9 || Double.isNaN(q.queueS()), "waited its timeout: " + q.id());
            }
        }
    }

    @Test
    void withoutFallback_failuresAreCountedAsFailed() {
        // given a full outage and no fallback
        RunResult r = TestScenarios.run(TestScenarios.load(scenario("", """
                  - {kind: provider_outage, pool: main, start_s: 100, duration_s: 100}
                """, false)));
        // then the outage's requests end failed (server error or open breaker), and every request is accounted for
        RunResult.RequestCounts n = r.requests();
        assertTrue(n.failed() > 0);
        assertEquals(n.arrived(), n.completed() + n.rejected() + n.failed() + n.unfinished());
        assertTrue(n.failedByReason().containsKey(ResilientCaller.CIRCUIT_OPEN), n.failedByReason().toString());
        assertTrue(n.failedByReason().containsKey(ProviderBackend.PROVIDER_ERROR), n.failedByReason().toString());
    }

    /** Two H100s whose first replica crashes at 100 s losing what it held; {@code client} is the pool's settings. */
    private String crashScenario(String client, boolean withSpare) {
        String spare = AppFixtures.provider(dir, "spare-api", 2, 8);
        return """
                name: crash-fallback
                duration_s: 200
                warmup_s: 0
                workload:
                  arrival: {process: poisson, rate_rps: 20}
                  input_tokens: {dist: uniform, min: 500, max: 1500}
                  output_tokens: {dist: uniform, min: 100, max: 300}
                cluster:
                  pools:
                    - name: main
                      gpu: h100-sxm
                      model: llama-3.1-8b
                      replicas: 2
                %s
                %s
                faults:
                  - {kind: replica_crash, pool: main, replica: 0, at_s: 100, in_flight: lose}
                """.formatted(client, withSpare ? "    - {name: spare, provider: " + spare + ", prompt_caching: false}"
                : "");
    }

    @Test
    void replicaCrash_thatLosesCalls_isAnInjectedFailure_theFallbackAnswers() {
        // given a crash that loses the calls its replica held, once with a fallback pool and once with client
        // settings but no fallback (so both runs go through the gateway)
        RunResult withFallback = TestScenarios.run(TestScenarios.load(crashScenario("      fallback: spare", true)));
        RunResult without = TestScenarios.run(TestScenarios.load(crashScenario("      retry: {max_attempts: 1}",
                false)));
        // then without a fallback the lost calls fail their requests, counted by reason
        long lost = without.requests().failed();
        assertTrue(lost > 0, without.requests().toString());
        assertEquals(lost, without.requests().failedByReason().get("replica_crash"));
        // and with one, the same calls move to the fallback and every request completes
        assertEquals(0, withFallback.requests().failed(), withFallback.requests().toString());
        assertEquals(withFallback.requests().arrived(), withFallback.requests().completed());
        AppResult.BackendResult main = AppResult.of(withFallback).backends().get(0);
        assertEquals(lost, main.failures().fallbackOut());
        assertEquals(lost, main.failures().errors());
    }
}
