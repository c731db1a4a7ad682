package org.llmsim.app;

import java.util.ArrayList;
import java.util.List;

import org.llmsim.kernel.EventScheduler;
import org.llmsim.metrics.AppResult;
import org.llmsim.scenario.CircuitBreakerSpec;

/**
 * A circuit breaker in front of one pool:
 *
 * <pre>
 *   closed --N failures in a row--> open --cooldown--> half-open --probe answered--> closed
 *                                     ^                                |
 *                                     +---------- probe failed --------+
 * </pre>
 *
 * While open, and while the half-open probe is out, calls are refused at once (they go to the fallback). Outcomes of
 * calls sent before the breaker opened are ignored while it is open; only the probe closes it. Failures are server
 * errors and timeouts; 429s and oversized prompts are neutral. The cooldown needs no event of its own: the breaker
 * turns half-open when the first call after it asks, and records the turn at the exact end of the cooldown.
 */
final class CircuitBreaker {
    /** What {@link #admit} allows. */
    enum Permit { REFUSE, CALL, PROBE }

    private enum State { CLOSED, OPEN, HALF_OPEN }


    private final int threshold;
    private final double cooldownS;
    private final EventScheduler clock;
    private State state = State.CLOSED;
    private int consecutiveFailures;
    private boolean probeOut;
    private double openSinceS;
    private double halfOpenAtS;
    private long opened;
    private double openS;
    private final List<AppResult.BreakerTransition> transitions = new ArrayList<>();

    private CircuitBreaker(int threshold, double cooldownS, EventScheduler clock) {
        this.threshold = threshold;
        this.cooldownS = cooldownS;
        this.clock = clock;
    }

    /** The breaker a pool's {@code circuit_breaker} block describes, or null for none. */
    static CircuitBreaker of(CircuitBreakerSpec spec, EventScheduler clock) {
        return spec == null ? null : new CircuitBreaker(spec.failures(), spec.cooldownS(), clock);
    }

    /** Whether a call may be sent now; in half-open the first call allowed is the probe. */
    Permit admit() {
        cooldownOver();
        switch (state) {
            case CLOSED:
                return Permit.CALL;
            case HALF_OPEN:
                if (probeOut) {
                    return Permit.REFUSE;
                }
                probeOut = true;
                return Permit.PROBE;
            default:
                return Permit.REFUSE;
        }
    }

    /** A call answered; {@code probe} when it was the half-open probe. */
    void onSuccess(boolean probe) {
        if (probe && state == State.HALF_OPEN) {
            probeOut = false;
            close();
        } else if (state == State.CLOSED) {
            consecutiveFailures = 0;
        }
    }

    /** A call failed with a server error or a timeout. */
    void onFailure(boolean probe) {
        if (probe && state == State.HALF_OPEN) {
            probeOut = false;
            open();
        } else if (state == State.CLOSED && ++consecutiveFailures >= threshold) {
            open();
        }
    }

    /** A call ended in a way that says nothing of the pool's health (a 429, an oversized prompt). */
    void onNeutral(boolean probe) {
        if (probe && state == State.HALF_OPEN) {
            probeOut = false; // the next call probes instead
        }
    }

    private void open() {
        double now = clock.now();
        if (state == State.CLOSED) {
            openSinceS = now;
            opened++;
        }
        state = State.OPEN;
        halfOpenAtS = now + cooldownS;
        record(now, "open");
    }

    /** An open breaker whose cooldown has passed is half-open since the cooldown's end. */
    private void cooldownOver() {
        if (state == State.OPEN && clock.now() >= halfOpenAtS) {
            state = State.HALF_OPEN;
            record(halfOpenAtS, "half_open");
        }
    }

    private void close() {
        double now = clock.now();
        openS += now - openSinceS;
        state = State.CLOSED;
        consecutiveFailures = 0;
        record(now, "closed");
    }

    private void record(double atS, String to) {
        if (transitions.size() < AppResult.BreakerResult.MAX_TRANSITIONS) {
            transitions.add(new AppResult.BreakerTransition(atS, to));
        }
    }

    /** Whether the breaker is not closed now (open, or half-open waiting for its probe to answer). */
    boolean isOpen() {
        cooldownOver();
        return state != State.CLOSED;
    }

    /** What the breaker did over the run, up to {@code endS}. */
    AppResult.BreakerResult result(double endS) {
        double total = openS + (state == State.CLOSED ? 0 : Math.max(0, endS - openSinceS));
        return new AppResult.BreakerResult(threshold, cooldownS, opened, total, List.copyOf(transitions));
    }
}
