package org.llmsim.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.llmsim.metrics.AppResult;
import org.llmsim.metrics.RunResult;
import org.llmsim.testing.TestScenarios;

/**
 * The exact cache against the hit rates that popularity and capacity imply. Requests are independent draws from a
 * Zipf catalogue (the independent reference model) at 1 request/s, answered in about a millisecond, so an answer is
 * stored long before its item is asked again.
 */
class ResponseCacheHitRateTest {
    private static final int ITEMS = 2000;
    private static final double EXPONENT = 0.8;

    @TempDir
    Path dir;

    private RunResult run(String cacheFields) {
        String fast = AppFixtures.provider(dir, "fast", 1, 1, "");
        String yaml = """
                name: zipf-cache
                duration_s: 60000
                warmup_s: 10000
                workload:
                  arrival: {process: poisson, rate_rps: 1}
                  input_tokens: 100
                  output_tokens: 1
                  popularity: {dist: zipf, items: %d, exponent: %s}
                cluster:
                  caches:
                    - {kind: exact, %s}
                  pools:
                    - {name: api, provider: %s}
                """.formatted(ITEMS, EXPONENT, cacheFields, fast);
        return TestScenarios.run(TestScenarios.load(yaml));
    }

    /** Zipf probabilities of ranks 1..ITEMS. */
    private static double[] zipf() {
        double[] p = new double[ITEMS];
        double sum = 0;
        for (int i = 0; i < ITEMS; i++) {
            p[i] = Math.pow(i + 1, -EXPONENT);
            sum += p[i];
        }
        for (int i = 0; i < ITEMS; i++) {
            p[i] /= sum;
        }
        return p;
    }

    @Test
    void lruCache_reachesChesApproximation() {
        int capacity = 200;
        double[] p = zipf();
        // Che et al. (2002): the characteristic time T solves sum_i (1 - e^(-p_i T)) = C (in requests); an item is
        // held with probability 1 - e^(-p_i T)
        double lo = 0;
        double hi = 1e7;
        for (int k = 0; k < 200; k++) {
            double t = (lo + hi) / 2;
            double held = 0;
            for (double pi : p) {
                held += 1 - Math.exp(-pi * t);
            }
            if (held < capacity) {
                lo = t;
            } else {
                hi = t;
            }
        }
        double hitRate = 0;
        for (double pi : p) {
            hitRate += pi * (1 - Math.exp(-pi * lo));
        }
        AppResult.CacheSummary cache = AppResult.of(run("capacity_entries: " + capacity)).cache();
        assertEquals(hitRate, cache.hitRate(), 0.015, "Che's approximation " + hitRate);
        assertEquals(capacity, cache.caches().get(0).entries());
    }

    @Test
    void ttlCache_reachesTheRenewalFormula() {
        double ttlS = 300;
        double ratePerS = 1;
        // an item asked at rate l = p_i x rate misses once, then hits every request within the TTL: l T / (1 + l T)
        double hitRate = 0;
        for (double pi : zipf()) {
            double lt = pi * ratePerS * ttlS;
            hitRate += pi * lt / (1 + lt);
        }
        AppResult.CacheSummary cache = AppResult.of(run("ttl_s: " + ttlS)).cache();
        assertEquals(hitRate, cache.hitRate(), 0.01, "renewal formula " + hitRate);
    }

    @Test
    void cacheHits_costNoModelWork_andSaveTheirApiSpend() {
        String fast = AppFixtures.provider(dir, "fast", 1, 1, "");
        var run = TestScenarios.runRecording(TestScenarios.load("""
                name: zipf-cache
                duration_s: 2000
                workload:
                  arrival: {process: poisson, rate_rps: 1}
                  input_tokens: 100
                  output_tokens: 1
                  popularity: {dist: zipf, items: 200, exponent: 1.0}
                cluster:
                  caches:
                    - {kind: exact, name: kv, lookup_latency_s: 0.002}
                  pools:
                    - {name: api, provider: %s}
                """.formatted(fast)));
        RunResult r = run.result();
        long hits = run.requests().stream().filter(q -> q.journey().cacheHit() != null).count();
        AppResult.BackendResult api = AppResult.of(r).backends().get(0);
        // a hit makes no call, costs nothing and answers after the lookup latency, all tokens at once
        for (var q : run.requests()) {
            if (q.journey().cacheHit() != null) {
                assertEquals("kv", q.journey().cacheHit());
                assertEquals(0, q.journey().calls());
                assertEquals(0.0, q.journey().costUsd());
                assertEquals(0.002, q.e2eS(), 1e-9);
                assertEquals(q.ttftS(), q.e2eS());
            }
        }
        assertEquals(r.requests().completed() - hits, api.calls());
        assertEquals(api.calls() * 101e-6, r.cost().apiUsd(), 1e-9);
        // saved: every hit at the mean spend per answered call
        assertEquals(hits * 101e-6, AppResult.of(r).cache().savedUsd(), 1e-9);
    }
}
