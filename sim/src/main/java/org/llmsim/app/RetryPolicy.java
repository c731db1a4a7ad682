package org.llmsim.app;

import org.apache.commons.math3.random.RandomGenerator;
import org.llmsim.scenario.RetrySpec;

/**
 * When a failed call is tried again on the same pool: exponential backoff with jitter. The k-th retry waits
 * {@code min(maxBackoffS, backoffS * 2^(k-1))} seconds, shortened by a uniform share of up to {@code jitter} of it.
 * Retries are events at those times, never a loop that spins.
 */
final class RetryPolicy {
    /** One attempt, no retries. */
    static final RetryPolicy NONE = new RetryPolicy(1, 0, 0, 0, null);

    final int maxAttempts;
    private final double backoffS;
    private final double maxBackoffS;
    private final double jitter;
    private final RandomGenerator rng;

    RetryPolicy(int maxAttempts, double backoffS, double maxBackoffS, double jitter, RandomGenerator rng) {
        this.maxAttempts = maxAttempts;
        this.backoffS = backoffS;
        this.maxBackoffS = maxBackoffS;
        this.jitter = jitter;
        this.rng = rng;
    }

    /** The policy a pool's {@code retry} block describes, drawing its jitter from {@code rng}. */
    static RetryPolicy of(RetrySpec spec, RandomGenerator rng) {
        return spec == null ? NONE : new RetryPolicy(spec.maxAttempts(), spec.backoffS(), spec.maxBackoffS(),
                spec.jitter(), rng);
    }

    /** The nominal wait before retry number {@code retry} (1 for the first), before jitter, seconds. */
    double nominalDelayS(int retry) {
        // 2^(retry-1) overflows to infinity long after it passes any sane max_backoff_s; min() caps it
        return Math.min(maxBackoffS, backoffS * Math.pow(2, retry - 1));
    }

    /** The wait before retry number {@code retry}, jitter applied, seconds. */
    double delayS(int retry) {
        double nominal = nominalDelayS(retry);
        return jitter > 0 ? nominal * (1 - jitter * rng.nextDouble()) : nominal;
    }
}
