package org.llmsim.workload;

/**
 * A token bucket: holds up to {@code capacity} units, refills continuously at {@code ratePerS}, starts full. Used for
 * requests-per-minute and tokens-per-minute limits; refilling is computed from elapsed time, so the bucket schedules
 * no events.
 */
public final class TokenBucket {
    private final double ratePerS;
    private final double capacity;
    private double level;
    private double updatedS;

    public TokenBucket(double ratePerS, double capacity) {
        if (!(ratePerS > 0) || !(capacity > 0)) {
            throw new IllegalArgumentException("a token bucket needs a positive rate and capacity, got " + ratePerS
                    + " and " + capacity);
        }
        this.ratePerS = ratePerS;
        this.capacity = capacity;
        this.level = capacity;
    }

    /** A bucket for a per-minute limit, holding {@code burst} units. */
    public static TokenBucket perMinute(double limitPerMin, double burst) {
        return new TokenBucket(limitPerMin / 60.0, burst);
    }

    /** Whether {@code amount} units are available at {@code nowS} (times never go backwards). */
    public boolean has(double amount, double nowS) {
        refill(nowS);
        return level >= amount;
    }

    /** Takes {@code amount} units; call after {@link #has} at the same instant returned true. */
    public void take(double amount) {
        level -= amount;
    }

    /** Units available at {@code nowS}. */
    public double level(double nowS) {
        refill(nowS);
        return level;
    }

    private void refill(double nowS) {
        if (nowS > updatedS) {
            level = Math.min(capacity, level + (nowS - updatedS) * ratePerS);
            updatedS = nowS;
        }
    }
}
