package org.llmsim.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.llmsim.metrics.AppResult;
import org.llmsim.metrics.RunResult;
import org.llmsim.request.Request;

/** Each tally counts over the window it states: measured requests, or the whole run. */
class TalliesTest {
    /** Measured: arrivals in [10, 100). */
    private static final RunResult.Window WINDOW = new RunResult.Window(10, 100);
    private static final Request WARMUP = new Request(1, 5, 100, 10);
    private static final Request MEASURED = new Request(2, 50, 100, 10);
    private static final Request DRAIN = new Request(3, 100, 100, 10);

    /** A backend that is never called: tiers only need one to point at. */
    private static final class Idle implements Backend {
        private final String name;

        Idle(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void submit(Request call) {
            throw new AssertionError("not called");
        }

        @Override
        public int waiting() {
            return 0;
        }

        @Override
        public boolean abortWaiting(Request call, String reason) {
            return false;
        }
    }

    @Test
    void tierTally_countsMeasuredRequestsOnly_atTheRoutingsTiers() {
        Tier small = new Tier("small", new Idle("gpu"), "gpu");
        Tier large = new Tier("large", new Idle("api"), "api");
        // a pool a stage calls directly, named like one of the routing's tiers
        Tier stagePool = new Tier("small", new Idle("small"), "small");
        TierTally tally = new TierTally(List.of(small, large), WINDOW);
        for (Request r : List.of(WARMUP, MEASURED, DRAIN)) {
            tally.routed(small, r);
            tally.escalated(small, large, r);
            tally.overflowed(large, small, r);
            tally.answered(large, r);
            tally.routed(stagePool, r);
        }
        TierTally.Counts s = tally.of(small);
        TierTally.Counts l = tally.of(large);
        assertEquals(List.of(1L, 0L, 1L, 0L, 0L, 1L), List.of(s.routed(), s.answered(), s.escalatedOut(),
                s.escalatedIn(), s.overflowOut(), s.overflowIn()));
        assertEquals(List.of(0L, 1L, 0L, 1L, 1L, 0L), List.of(l.routed(), l.answered(), l.escalatedOut(),
                l.escalatedIn(), l.overflowOut(), l.overflowIn()));
        assertNull(tally.of(stagePool), "a stage's own pool is not one of the routing's tiers");
    }

    @Test
    void cacheTally_hitRatesOverMeasuredRequests_spendAndSavingsOverTheWholeRun() {
        CacheTally tally = new CacheTally(2, WINDOW);
        for (Request r : List.of(WARMUP, MEASURED, DRAIN)) {
            tally.firstLookup(r);
            tally.lookedUp(0, r, 0.25);
            tally.lookedUp(1, r, 1.0);
            tally.hit(1, r, r == MEASURED);
            tally.modelAnswered();
        }
        CacheTally.Counts first = tally.of(0);
        CacheTally.Counts second = tally.of(1);
        assertEquals(1, first.lookups());
        assertEquals(0, first.hits());
        assertEquals(0.75, first.usd());
        assertEquals(1, second.lookups());
        assertEquals(1, second.hits());
        assertEquals(1, second.falsePositives());
        assertEquals(3, second.hitsInRun());
        assertEquals(3.0, second.usd());
        assertEquals(List.of(1L, 1L, 1L), List.of(tally.anyCache().lookups(), tally.anyCache().hits(),
                tally.anyCache().falsePositives()));
        assertEquals(3, tally.modelAnswers());
    }

    @Test
    void resilienceTally_countsEachPoolsOutcomes_andAFallbackAtBothEnds() {
        ResilienceTally tally = new ResilienceTally();
        tally.failed("api", true);
        tally.failed("api", false);
        tally.failed("api", false);
        tally.retried("api");
        tally.shortCircuited("api");
        tally.failedSpend("api", 0.5);
        tally.fellBack("api", "spare");
        AppResult.CallFailures api = tally.result("api", null);
        assertEquals(new AppResult.CallFailures(2, 1, 1, 1, 0, 1, 0.5, null), api);
        assertEquals(new AppResult.CallFailures(0, 0, 0, 0, 1, 0, 0, null), tally.result("spare", null));
        assertEquals(new AppResult.CallFailures(0, 0, 0, 0, 0, 0, 0, null), tally.result("quiet", null));
    }
}
