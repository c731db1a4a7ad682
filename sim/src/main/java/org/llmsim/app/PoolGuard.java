package org.llmsim.app;

import org.llmsim.metrics.AppResult;

/**
 * What a client does around the calls of one pool: retry with backoff ({@link RetryPolicy}), give up after
 * {@code timeout_s}, go on to the {@code fallback} pool, and stop sending while the {@link CircuitBreaker} is open.
 * Settings and the breaker's state; what came of the calls is counted in a {@link ResilienceTally}.
 */
final class PoolGuard {
    /** A pool without retries, timeout, fallback or breaker. */
    static PoolGuard none(String pool) {
        return new PoolGuard(pool, RetryPolicy.NONE, Double.POSITIVE_INFINITY, null, null);
    }

    final String pool;
    final RetryPolicy retry;
    /** Seconds without a first token after which a GPU call waiting in the queue is given up (infinite: never). */
    final double timeoutS;
    /** The pool calls go on to once the attempts here are used up, or null. */
    final String fallback;
    /** The breaker, or null. */
    final CircuitBreaker breaker;

    PoolGuard(String pool, RetryPolicy retry, double timeoutS, String fallback, CircuitBreaker breaker) {
        this.pool = pool;
        this.retry = retry;
        this.timeoutS = timeoutS;
        this.fallback = fallback;
        this.breaker = breaker;
    }

    /** Whether a call may be sent now (always, without a breaker). */
    CircuitBreaker.Permit admit() {
        return breaker == null ? CircuitBreaker.Permit.CALL : breaker.admit();
    }

    void onSuccess(boolean probe) {
        if (breaker != null) {
            breaker.onSuccess(probe);
        }
    }

    void onFailure(boolean probe) {
        if (breaker != null) {
            breaker.onFailure(probe);
        }
    }

    void onNeutral(boolean probe) {
        if (breaker != null) {
            breaker.onNeutral(probe);
        }
    }

    /** Whether calls are being refused now (the breaker is open or waiting for its probe). */
    boolean open() {
        return breaker != null && breaker.isOpen();
    }

    /** What the breaker did up to {@code endS}, or null without one. */
    AppResult.BreakerResult breakerResult(double endS) {
        return breaker == null ? null : breaker.result(endS);
    }
}
