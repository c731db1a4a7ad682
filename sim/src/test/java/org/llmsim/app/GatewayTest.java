package org.llmsim.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.llmsim.metrics.AppResult;
import org.llmsim.metrics.RunResult;
import org.llmsim.request.Journey;
import org.llmsim.request.Request;
import org.llmsim.request.RequestStatus;
import org.llmsim.testing.TestScenarios;

class GatewayTest {
    @TempDir
    Path dir;

    @Test
    void oneTierOnTheOnlyPool_servesExactlyAsWithoutTheLayer() {
        // given the quickstart as it is, and with a tier in front of its pool (every request becomes a call)
        RunResult direct = TestScenarios.run(TestScenarios.loadFile("scenarios/quickstart.yaml", "duration_s=120"));
        RunResult layered = TestScenarios.run(TestScenarios.loadFile("scenarios/quickstart.yaml", "duration_s=120",
                "cluster.routing={tiers: [{name: all, pool: main}]}"));
        // then users see the same latencies, the fleet the same work, and the bill is the same
        assertEquals(direct.ttft().toString(), layered.ttft().toString());
        assertEquals(direct.e2e().toString(), layered.e2e().toString());
        assertEquals(direct.queue().toString(), layered.queue().toString());
        assertEquals(direct.replicas().toString(), layered.replicas().toString());
        assertEquals(direct.cost().totalUsd(), layered.cost().totalUsd(), 0.0);
        assertEquals(direct.cost().usdPerRequest(), layered.cost().usdPerRequest(), 0.0);
    }

    /** GPU cheap tier with a cascade and overflow to an API, caches, a classifier, sessions and a timeout. */
    private String everything() {
        String api = AppFixtures.provider(dir, "frontier", 4, 20, "rate_limit: {requests_per_min: 120}\n");
        String other = AppFixtures.provider(dir, "other", 2, 8);
        return """
                name: everything
                duration_s: 300
                warmup_s: 30
                drain_timeout_s: 60
                workload:
                  arrival: {process: poisson, rate_rps: 12}
                  input_tokens: {dist: lognormal, mean: 1200, stddev: 600, min: 300, max: 6000}
                  output_tokens: {dist: lognormal, mean: 200, stddev: 150, max: 1500}
                  classes:
                    - {name: faq, share: 0.5, popularity: {dist: zipf, items: 300, paraphrases: 3}}
                    - {name: chat, share: 0.4, sessions: {turns: 3, think_time_s: 5}, admission_timeout_s: 3}
                    - {name: bulk, share: 0.1}
                cluster:
                  caches:
                    - {kind: exact, capacity_entries: 100, ttl_s: 600, lookup_latency_s: 0.001}
                    - {kind: semantic, classes: [faq], embedding_latency_s: 0.01, embedding_usd_per_mtok: 0.02}
                  routing:
                    classifier: {latency_s: 0.05, usd_per_request: 0.0002}
                    tiers:
                      - name: small
                        pool: gpu
                        escalate: {to: large, fraction: 0.2, check_latency_s: 0.1}
                        overflow: {to: large, max_queue: 2}
                      - {name: large, pool: api, overflow: {to: spare}}
                      - {name: spare, pool: backup}
                    rules:
                      - {classes: [bulk], tier: large}
                      - {difficulty_below: 0.7, tier: small}
                    default_tier: large
                  pools:
                    - {name: gpu, gpu: l40s, model: llama-3.1-8b, replicas: 1}
                    - {name: api, provider: %s}
                    - {name: backup, provider: %s}
                """.formatted(api, other);
    }

    @Test
    void everyUserRequest_endsCompletedRejectedOrUnfinished_exactlyOnce() {
        var run = TestScenarios.runRecording(TestScenarios.load(everything()));
        RunResult r = run.result();
        Set<Long> seen = new HashSet<>();
        for (Request q : run.requests()) {
            assertTrue(seen.add(q.id()), "request " + q.id() + " reported twice");
            assertFalse(Journey.isCall(q), "only user requests reach the output");
            if (q.status() == RequestStatus.COMPLETED) {
                assertTrue(q.arrivalS() <= q.firstTokenS() && q.firstTokenS() <= q.finishS(), "order of " + q.id());
            }
        }
        assertEquals(r.requests().arrived(), run.requests().size());
        assertEquals(r.requests().arrived(), r.requests().completed() + r.requests().rejected()
                + r.requests().unfinished());
        // and the layer did all it was asked: hits, escalations, overflow by queue and by 429, the classifier
        AppResult app = AppResult.of(r);
        assertTrue(app.cache().hits() > 0);
        AppResult.TierResult small = app.tiers().get(0);
        AppResult.TierResult large = app.tiers().get(1);
        assertTrue(small.escalatedOut() > 0 && small.overflowOut() > 0, small.toString());
        assertTrue(large.overflowOut() > 0, "429s overflow to the spare API: " + large);
        assertEquals(large.overflowOut(), app.tiers().get(2).overflowIn());
        assertTrue(app.backends().get(1).rateLimited() > 0);
        assertEquals(r.cost().totalUsd(), app.breakdown().totalUsd(), 1e-9);
        assertTrue(app.breakdown().by(AppResult.CostEntry::kind).get("classifier") > 0);
    }

    @Test
    void sameScenarioAndSeed_giveIdenticalResults() {
        RunResult a = TestScenarios.run(TestScenarios.load(everything()));
        RunResult b = TestScenarios.run(TestScenarios.load(everything()));
        assertEquals(TestScenarios.withoutWallTime(a).toString(), TestScenarios.withoutWallTime(b).toString());
    }

    @Test
    void classifier_runsOnlyWhereTheTierDependsOnIt() {
        String api = AppFixtures.provider(dir, "api", 1, 1);
        var run = TestScenarios.runRecording(TestScenarios.load("""
                name: classify
                duration_s: 200
                workload:
                  arrival: {process: poisson, rate_rps: 5}
                  input_tokens: 1000
                  output_tokens: 10
                  classes:
                    - {name: batchy, share: 0.5}
                    - {name: chat, share: 0.5}
                cluster:
                  routing:
                    classifier: {latency_s: 0.25, usd_per_request: 0.001}
                    tiers: [{name: a, pool: p}, {name: b, pool: p}]
                    rules:
                      - {classes: [batchy], tier: b}
                      - {difficulty_below: 0.6, tier: a}
                    default_tier: b
                  pools:
                    - {name: p, provider: %s}
                """.formatted(api)));
        long chat = run.requests().stream().filter(q -> q.classIndex() == 1).count();
        AppResult app = AppResult.of(run.result());
        // the classifier's price and latency fall on chat requests only
        assertEquals(chat * 0.001, run.result().cost().gatewayUsd(), 1e-9);
        for (Request q : run.requests()) {
            double overhead = q.queueS();
            assertEquals(q.classIndex() == 1 ? 0.25 : 0.0, overhead, 1e-9);
        }
        // and it sends about 60% of chat to tier a
        assertEquals(0.6 * chat, app.tiers().get(0).routed(), 0.1 * chat);
    }

    @Test
    void hybrid_overflowsToTheApiWhenThePoolQueues_andBillsEachBackendApart() {
        String api = AppFixtures.provider(dir, "frontier", 4, 20);
        String yaml = """
                name: hybrid
                duration_s: 300
                workload:
                  arrival: {process: poisson, rate_rps: 30, spikes: [{at_s: 100, duration_s: 100, factor: 4}]}
                  input_tokens: 2000
                  output_tokens: 300
                cluster:
                  routing:
                    tiers:
                      - {name: hot, pool: gpu, overflow: {to: api, max_queue: 16}}
                      - {name: api, pool: frontier}
                  pools:
                    - {name: gpu, gpu: l40s, model: llama-3.2-1b, replicas: 1}
                    - {name: frontier, provider: %s}
                """.formatted(api);
        RunResult r = TestScenarios.run(TestScenarios.load(yaml));
        AppResult.TierResult hot = AppResult.of(r).tiers().get(0);
        assertTrue(hot.overflowOut() > 0, hot.toString());
        var byBackend = AppResult.of(r).breakdown().by(AppResult.CostEntry::backend);
        assertEquals(r.cost().gpuUsd(), byBackend.get("self-hosted"), 1e-9);
        assertEquals(AppResult.of(r).backends().get(1).completed() * (2000 * 4e-6 + 300 * 20e-6), r.cost().apiUsd(),
                1e-9);
        // GPU time is shared by the tokens each tier served on the pool: all of it by the hot tier here
        assertEquals(r.cost().gpuUsd(), AppResult.of(r).breakdown().entries().stream()
                .filter(e -> e.kind().equals("gpu_time") && e.tier().equals("hot")).mapToDouble(e -> e.usd()).sum(),
                1e-9);
    }
}
