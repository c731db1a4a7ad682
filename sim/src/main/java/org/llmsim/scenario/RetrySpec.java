package org.llmsim.scenario;

/**
 * How a client retries a failed model call on the same pool ({@code cluster.pools[i].retry}): up to
 * {@code max_attempts} attempts in all, the k-th retry after {@code min(max_backoff_s, backoff_s * 2^(k-1))} seconds
 * shortened by a random share of up to {@code jitter} (0.5: between half and all of it), so that clients that failed
 * together do not retry together. Defaults are the practitioners' habit: 3 attempts, 1 s doubling up to 60 s, up to
 * 50% jitter.
 *
 * @param maxAttempts attempts on the pool, the first included (1: no retries)
 * @param backoffS    wait before the first retry, seconds
 * @param maxBackoffS longest wait between two attempts, seconds
 * @param jitter      largest share of a wait removed at random, in [0, 1]
 */
public record RetrySpec(Integer maxAttempts, Double backoffS, Double maxBackoffS, Double jitter) {
    /** Attempts allowed at most, so a typo cannot keep a request retrying for a day. */
    public static final int MAX_ATTEMPTS = 100;

    public RetrySpec {
        if (maxAttempts == null) {
            maxAttempts = 3;
        }
        if (backoffS == null) {
            backoffS = 1.0;
        }
        if (maxBackoffS == null) {
            maxBackoffS = Math.max(60.0, backoffS);
        }
        if (jitter == null) {
            jitter = 0.5;
        }
    }

    public void validate(String path, Problems p) {
        if (!(maxAttempts >= 1 && maxAttempts <= MAX_ATTEMPTS)) {
            p.add(path + ".max_attempts", "must be in [1, " + MAX_ATTEMPTS + "] (the first attempt included), got "
                    + maxAttempts);
        }
        p.nonNegative(path + ".backoff_s", backoffS);
        p.nonNegative(path + ".max_backoff_s", maxBackoffS);
        if (backoffS >= 0 && maxBackoffS >= 0 && maxBackoffS < backoffS) {
            p.add(path + ".max_backoff_s", "must be >= backoff_s (" + Problems.format(backoffS) + "), got "
                    + Problems.format(maxBackoffS));
        }
        if (jitter > 1 && jitter <= 100) {
            p.add(path + ".jitter", "must be a share in [0, 1], got " + Problems.format(jitter) + " (did you mean "
                    + Problems.format(jitter / 100) + "?)");
        } else if (!(jitter >= 0 && jitter <= 1)) {
            p.add(path + ".jitter", "must be a share in [0, 1], got " + Problems.format(jitter));
        }
    }
}
