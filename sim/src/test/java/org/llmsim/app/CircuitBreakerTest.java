package org.llmsim.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.llmsim.kernel.EventPriority;
import org.llmsim.kernel.EventScheduler;
import org.llmsim.metrics.AppResult;
import org.llmsim.scenario.CircuitBreakerSpec;

class CircuitBreakerTest {
    /** A clock the test moves by hand; the breaker schedules nothing. */
    private static final class HandClock implements EventScheduler {
        double nowS;

        @Override
        public double now() {
            return nowS;
        }

        @Override
        public ScheduledEvent at(double timeS, EventPriority priority, Runnable action) {
            throw new AssertionError("the breaker needs no events");
        }
    }

    @Test
    void opensAfterNFailuresInARow_closesAfterCooldownAndAnsweredProbe() {
        // given a breaker that opens after 3 failures and cools down for 30 s
        HandClock clock = new HandClock();
        CircuitBreaker b = CircuitBreaker.of(new CircuitBreakerSpec(3, 30.0), clock);
        // when 2 calls fail, one answers (resetting the count), then 2 fail: still closed
        b.onFailure(false);
        b.onFailure(false);
        b.onSuccess(false);
        b.onFailure(false);
        b.onFailure(false);
        assertFalse(b.isOpen());
        assertEquals(CircuitBreaker.Permit.CALL, b.admit());
        // the third failure in a row opens it at t = 10 s
        clock.nowS = 10;
        b.onFailure(false);
        assertTrue(b.isOpen());
        clock.nowS = 39.9;
        assertEquals(CircuitBreaker.Permit.REFUSE, b.admit());
        // after the cooldown, one probe goes through and the others are still refused
        clock.nowS = 40;
        assertEquals(CircuitBreaker.Permit.PROBE, b.admit());
        assertEquals(CircuitBreaker.Permit.REFUSE, b.admit());
        // the probe answers: closed again
        clock.nowS = 41;
        b.onSuccess(true);
        assertFalse(b.isOpen());
        assertEquals(CircuitBreaker.Permit.CALL, b.admit());
        AppResult.BreakerResult r = b.result(100);
        assertEquals(1, r.opened());
        assertEquals(31, r.openS(), 1e-9);
        assertEquals(List.of(new AppResult.BreakerTransition(10, "open"),
                new AppResult.BreakerTransition(40, "half_open"), new AppResult.BreakerTransition(41, "closed")),
                r.transitions());
    }

    @Test
    void failedProbe_opensForAnotherCooldown() {
        HandClock clock = new HandClock();
        CircuitBreaker b = CircuitBreaker.of(new CircuitBreakerSpec(1, 5.0), clock);
        b.onFailure(false);
        clock.nowS = 5;
        assertEquals(CircuitBreaker.Permit.PROBE, b.admit());
        clock.nowS = 6;
        b.onFailure(true);
        clock.nowS = 10.9;
        assertEquals(CircuitBreaker.Permit.REFUSE, b.admit());
        clock.nowS = 11;
        assertEquals(CircuitBreaker.Permit.PROBE, b.admit());
        // a 429 on the probe says nothing of health: the next call probes again
        b.onNeutral(true);
        assertEquals(CircuitBreaker.Permit.PROBE, b.admit());
        b.onSuccess(true);
        assertFalse(b.isOpen());
        assertEquals(1, b.result(20).opened());
        assertEquals(11, b.result(20).openS(), 1e-9);
    }
}
