package org.llmsim.workload.arrival;

/**
 * An arrival rate that varies with time, in requests per second, described for thinning: time is cut into
 * segments, and on each segment a bound at least the rate everywhere on it is known. Tight bounds make thinning
 * cheap (few rejected candidates); they never change what is generated in distribution.
 */
public interface RateCurve {

    /** The rate at {@code timeS}, at least 0. */
    double rateAt(double timeS);

    /** End of the segment that contains {@code timeS}; strictly after it (infinite for the last segment). */
    double segmentEndS(double timeS);

    /** A bound, at least {@link #rateAt} anywhere on the segment that contains {@code timeS}. */
    double segmentBoundRps(double timeS);
}
