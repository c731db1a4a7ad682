package org.llmsim.app;

import java.util.Map;

import org.llmsim.metrics.AppResult;
import org.llmsim.request.Request;

/**
 * Makes a journey's model calls to a pool as a careful client does, by the pool's {@link PoolGuard}:
 *
 * <pre>
 *   attempt --breaker open--> refused at once ({@value #CIRCUIT_OPEN})
 *      | sent (a GPU call with a timeout gets one event that gives it up if it still waits then)
 *   answered --> the breaker hears of it
 *   failed (server error, timeout, crash) --> the breaker hears of it --> retry after a backoff while attempts are
 *   refused (429)                                                          left and the breaker is closed
 *   refused (context window, KV capacity) --> no retry
 *      then: on to the pool's fallback pool, else out of options (the gateway overflows or ends the request)
 * </pre>
 *
 * Retry jitter comes from each pool's {@code retry/<pool>} stream; what happened is counted in a
 * {@link ResilienceTally} (whole run), and every call sent in {@link PoolCalls}.
 */
final class ResilientCaller {
    /** Failure reason of a call refused by its pool's open circuit breaker. */
    static final String CIRCUIT_OPEN = "circuit_open";

    /** The pools calls go to, by name, and the client settings of each ({@link PoolGuard#none} when absent). */
    record Pools(Map<String, Backend> backends, Map<String, PoolGuard> guards) {
        Pools {
            backends = Map.copyOf(backends);
            guards = Map.copyOf(guards);
        }
    }

    /** Where a call goes when the pool and its fallbacks gave up on it. */
    interface OutOfOptions {
        /** {@code refusal}: the last pool refused the call (it never ran), else it failed. */
        void outOfOptions(InFlight j, String reason, boolean refusal);
    }

    private final Pools pools;
    private final PoolCalls poolCalls;
    private final LayerClock clock;
    private final OutOfOptions outOfOptions;
    private final ResilienceTally tally = new ResilienceTally();

    ResilientCaller(Pools pools, PoolCalls poolCalls, LayerClock clock, OutOfOptions outOfOptions) {
        this.pools = pools;
        this.poolCalls = poolCalls;
        this.clock = clock;
        this.outOfOptions = outOfOptions;
    }

    /**
     * Attempt number {@code n} of the journey's call on {@code backend}: refused at once while the pool's breaker is
     * open, otherwise sent.
     */
    void attempt(InFlight j, Backend backend, int n) {
        PoolGuard g = guard(backend);
        j.backend = backend;
        j.guard = g;
        j.attempt = n;
        CircuitBreaker.Permit permit = g.admit();
        if (permit == CircuitBreaker.Permit.REFUSE) {
            tally.shortCircuited(g.pool);
            j.call = null;
            j.probe = false;
            moveOn(j, CIRCUIT_OPEN, false);
            return;
        }
        j.probe = permit == CircuitBreaker.Permit.PROBE;
        Request call = j.journey.newCall(clock.now(), j.callInput, j.callOutput);
        j.call = call;
        j.journey.markSent(j.tier.name, backend.name());
        poolCalls.sent(backend);
        if (Double.isFinite(g.timeoutS) && backend instanceof GpuPoolBackend) {
            clock.deadline(g.timeoutS, () -> {
                if (j.call == call && Double.isNaN(call.scheduledS())) {
                    backend.abortWaiting(call, ProviderBackend.TIMEOUT);
                }
            });
        }
        backend.submit(call);
    }

    private PoolGuard guard(Backend backend) {
        PoolGuard g = pools.guards().get(backend.name());
        return g != null ? g : PoolGuard.none(backend.name());
    }

    /** The journey's call answered: the pool's breaker hears of it. */
    void answered(InFlight j) {
        j.guard.onSuccess(j.probe);
    }

    /** The journey's call ended in a way that says nothing of the pool's health (the user's deadline passed). */
    void neutral(InFlight j) {
        j.guard.onNeutral(j.probe);
    }

    /** The journey's failed API call was billed {@code usd} all the same. */
    void failedSpend(InFlight j, double usd) {
        tally.failedSpend(j.guard.pool, usd);
    }

    /** The journey's call failed (server error, timeout, crash): the breaker hears of it, then retry or move on. */
    void failed(InFlight j, String reason) {
        PoolGuard g = j.guard;
        tally.failed(g.pool, ProviderBackend.TIMEOUT.equals(reason));
        g.onFailure(j.probe);
        retryOrMoveOn(j, reason, false);
    }

    /**
     * The pool refused the journey's call: a GPU call given up in the queue is a failure; otherwise the pool is
     * healthy but will not take the call now (429: retried) or ever (context window, KV capacity: moved on).
     */
    void refused(InFlight j, String reason) {
        if (ProviderBackend.TIMEOUT.equals(reason)) {
            failed(j, reason);
            return;
        }
        j.guard.onNeutral(j.probe);
        if (ProviderBackend.RATE_LIMITED.equals(reason)) {
            retryOrMoveOn(j, reason, true);
        } else {
            moveOn(j, reason, true);
        }
    }

    /** Tries the same pool again after a backoff while attempts are left and its breaker is closed. */
    private void retryOrMoveOn(InFlight j, String reason, boolean refusal) {
        PoolGuard g = j.guard;
        if (j.attempt < g.retry.maxAttempts && !g.open()) {
            tally.retried(g.pool);
            j.journey.markRetry();
            j.call = null;
            Backend backend = j.backend;
            int next = j.attempt + 1;
            clock.after(g.retry.delayS(j.attempt), () -> attempt(j, backend, next));
            return;
        }
        moveOn(j, reason, refusal);
    }

    /** The pool gave up on the call: on to its fallback pool, else out of options. */
    private void moveOn(InFlight j, String reason, boolean refusal) {
        PoolGuard g = j.guard;
        if (g.fallback != null) {
            Backend next = pools.backends().get(g.fallback);
            tally.fellBack(g.pool, guard(next).pool);
            j.journey.markFallback();
            attempt(j, next, 1);
            return;
        }
        outOfOptions.outOfOptions(j, reason, refusal);
    }

    /**
     * Gives up the journey's call if it still waits for its first forward pass (the admission timeout); returns
     * whether it did. A call under way, or no call (between attempts), is left alone.
     */
    boolean abortWaiting(InFlight j, String reason) {
        if (j.call == null || !Double.isNaN(j.call.scheduledS())) {
            return false;
        }
        return j.backend.abortWaiting(j.call, reason);
    }

    /** The record of a pool with client settings, its breaker's up to {@code endS}; NONE for any other name. */
    AppResult.CallFailures failures(String pool, double endS) {
        PoolGuard g = pools.guards().get(pool);
        return g == null ? AppResult.CallFailures.NONE : tally.result(pool, g.breakerResult(endS));
    }
}
