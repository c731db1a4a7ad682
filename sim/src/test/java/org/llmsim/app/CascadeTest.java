package org.llmsim.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.llmsim.metrics.AppResult;
import org.llmsim.metrics.RunResult;
import org.llmsim.request.Request;
import org.llmsim.testing.TestScenarios;

class CascadeTest {
    @TempDir
    Path dir;

    @Test
    void cascade_costsTheCheapTierPlusTheEscalatedShareOfTheStrongTier() {
        // given a cheap tier at $1/$5 ($0.002 a call) escalating 30% of its answers to a strong one at $4/$20
        // ($0.008 a call), 0.2 s after the cheap answer is done
        String cheap = AppFixtures.provider(dir, "cheap", 1, 5);
        String strong = AppFixtures.provider(dir, "strong", 4, 20);
        var run = TestScenarios.runRecording(TestScenarios.load("""
                name: cascade
                duration_s: 200
                workload:
                  arrival: {process: poisson, rate_rps: 10}
                  input_tokens: 1000
                  output_tokens: 200
                cluster:
                  routing:
                    tiers:
                      - {name: small, pool: cheap, escalate: {to: large, fraction: 0.3, check_latency_s: 0.2}}
                      - {name: large, pool: strong}
                  pools:
                    - {name: cheap, provider: %s}
                    - {name: strong, provider: %s}
                """.formatted(cheap, strong)));
        RunResult r = run.result();
        AppResult.TierResult small = AppResult.of(r).tiers().get(0);
        AppResult.TierResult large = AppResult.of(r).tiers().get(1);
        long n = r.requests().completed();
        long escalated = small.escalatedOut();
        // then every request went to the cheap tier first, about 30% went on, and all were answered
        assertEquals(n, small.routed());
        assertEquals(escalated, large.escalatedIn());
        assertEquals(n, small.answered() + large.answered());
        assertEquals(0.3, (double) escalated / n, 0.03);
        // and the bill is the cheap tier's for every request plus the strong tier's for the escalated ones
        assertEquals(n * 0.002 + escalated * 0.008, r.cost().apiUsd(), 1e-9);
        assertEquals(n * 0.002, small.costUsd(), 1e-9);
        assertEquals(escalated * 0.008, large.costUsd(), 1e-9);
        assertEquals(escalated * 0.008, large.escalationUsd(), 1e-9);
        // and an escalated user waits for the cheap answer, the check and the strong tier's first token
        double cheapE2e = 0.55 + 199 / 100.0;
        for (Request q : run.requests()) {
            boolean wentOn = q.journey().calls() == 2;
            assertEquals(wentOn ? "large" : "small", q.journey().tier());
            assertEquals(wentOn ? cheapE2e + 0.2 + 0.55 : 0.55, q.ttftS(), 1e-6);
            assertEquals(wentOn ? 0.010 : 0.002, q.journey().costUsd(), 1e-12);
        }
        assertTrue(r.ttft().p99() > 3.2, "the escalated tail: " + r.ttft().p99());
    }
}
