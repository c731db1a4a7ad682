package org.llmsim.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.llmsim.testing.TestScenarios;

/** A result's optional sections: read by kind, empty when absent, replaced by kind, ratios from raw counts. */
class SectionsTest {

    @Test
    void aMissingSection_readsItsKindsEmptyValue_andAnEmptySectionIsNotKept() {
        // given a run without speculative decoding or disaggregation
        RunResult r = TestScenarios.run(TestScenarios.loadFile("scenarios/quickstart.yaml", "duration_s=60",
                "warmup_s=10"));
        // then those sections read their empty values, and the ones every run measures are there
        assertFalse(r.has(SpeculativeResult.TYPE));
        assertEquals(SpeculativeResult.NONE, SpeculativeResult.of(r));
        assertEquals(KvTransferResult.NONE, KvTransferResult.of(r));
        assertFalse(FleetResult.isFleet(r));
        assertTrue(r.has(ItlResult.TYPE));
        assertTrue(r.has(AppResult.TYPE));
        // and an empty section reads like a missing one, so equal measurements give equal results
        assertEquals(r, r.with(SpeculativeResult.NONE));
        assertEquals(r.hashCode(), r.with(SpeculativeResult.NONE).hashCode());
        assertFalse(r.with(KvTransferResult.NONE).has(KvTransferResult.TYPE));
        RunResult withoutSections = r.withTimeSeries(r.timeSeries());
        for (Section s : r.sections().all()) {
            withoutSections = withoutSections.with(s.type().none());
        }
        assertEquals(PrefixCacheResult.NONE, PrefixCacheResult.of(withoutSections));
        assertTrue(!r.equals(withoutSections), "a non-empty section counts");
    }

    @Test
    void withASection_addsItOrReplacesTheOneOfItsKind() {
        RunResult r = TestScenarios.run(TestScenarios.loadFile("scenarios/quickstart.yaml", "duration_s=60",
                "warmup_s=10"));
        KvTransferResult one = new KvTransferResult(2, 10, 0.3, 0.2);
        KvTransferResult two = new KvTransferResult(5, 20, 1.0, 0.5);
        RunResult withOne = r.with(one);
        assertEquals(one, KvTransferResult.of(withOne));
        assertEquals(two, KvTransferResult.of(withOne.with(two)));
        assertEquals(1, withOne.with(two).sections().all().stream().filter(s -> s instanceof KvTransferResult).count());
        // the core is untouched
        assertEquals(r.requests(), withOne.requests());
        assertEquals(r.ttft(), withOne.ttft());
    }

    @Test
    void ratios_deriveFromTheRawCounts_andAreNaNWithoutThem() {
        PrefixCacheResult pc = new PrefixCacheResult(4, 1000, 250, 3, 400);
        assertEquals(0.25, pc.hitRate());
        assertEquals(0.75, pc.requestHitRate());
        assertTrue(Double.isNaN(PrefixCacheResult.NONE.hitRate()));

        SpeculativeResult sp = new SpeculativeResult(10, 35, 40, 0.2, 1.0);
        assertEquals(3.5, sp.tokensPerStep());
        assertEquals(25.0 / 40, sp.acceptance());
        assertEquals(0.2, sp.draftTimeShare());
        assertTrue(sp.used());
        assertFalse(SpeculativeResult.NONE.used());

        KvTransferResult kv = new KvTransferResult(4, 100, 2.0, 0.9);
        assertEquals(0.5, kv.meanS());
        assertEquals(0.9, kv.maxS());
        assertTrue(Double.isNaN(KvTransferResult.NONE.meanS()) && Double.isNaN(KvTransferResult.NONE.maxS()));

        PreemptionResult p = new PreemptionResult(3, 2, 1, 0, 0, 0, 0);
        assertEquals(5, p.total());
    }

    @Test
    void throughputAndSlo_deriveTheirRatesFromTheirCounts() {
        RunResult.Throughput t = new RunResult.Throughput(300, 150_000, 60_000, 100.0);
        assertEquals(3.0, t.requestsPerS());
        assertEquals(1500.0, t.inputTokensPerS());
        assertEquals(600.0, t.outputTokensPerS());
        RunResult.SloResult s = new RunResult.SloResult(1.0, null, null, null, 400, 300, 250, 0, 0, 100.0);
        assertEquals(0.75, s.attainment());
        assertEquals(2.5, s.goodputRps());
        assertTrue(Double.isNaN(s.deadlineAttainment()));
    }
}
