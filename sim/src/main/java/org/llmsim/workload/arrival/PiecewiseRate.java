package org.llmsim.workload.arrival;

import java.util.Arrays;

/**
 * A rate table: rate {@code ratesRps[i]} from {@code timesS[i]} on, held until the next point ({@code step}) or moving
 * linearly to it ({@code linear}). After the last point the rate holds, or, with a period, the table repeats (a
 * linear table then moves from its last rate back to its first at the period's end). Each table interval is a
 * thinning segment, bounded by the larger of its end rates.
 */
public final class PiecewiseRate implements RateCurve {
    private final double[] timesS;
    private final double[] ratesRps;
    private final boolean linear;
    private final double periodS;

    /**
     * @param timesS   increasing, starting at 0
     * @param ratesRps one rate per time, each at least 0
     * @param linear   linear interpolation instead of steps
     * @param periodS  repeat period after the first point (greater than the last time), or NaN for no repetition
     */
    public PiecewiseRate(double[] timesS, double[] ratesRps, boolean linear, double periodS) {
        this.timesS = timesS.clone();
        this.ratesRps = ratesRps.clone();
        this.linear = linear;
        this.periodS = periodS;
    }

    private boolean periodic() {
        return !Double.isNaN(periodS);
    }

    /** Start of the repetition that contains {@code timeS}. */
    private double base(double timeS) {
        return periodic() ? Math.floor(timeS / periodS) * periodS : 0;
    }

    /** Index of the table interval that contains offset {@code tau} into the table. */
    private int interval(double tau) {
        int i = Arrays.binarySearch(timesS, tau);
        return i >= 0 ? i : Math.max(0, -i - 2);
    }

    /** Rate at the end of interval {@code i}. */
    private double endRate(int i) {
        if (i + 1 < ratesRps.length) {
            return ratesRps[i + 1];
        }
        return periodic() ? ratesRps[0] : ratesRps[i];
    }

    /** End of interval {@code i}, as an offset into the table. */
    private double endTau(int i) {
        if (i + 1 < timesS.length) {
            return timesS[i + 1];
        }
        return periodic() ? periodS : Double.POSITIVE_INFINITY;
    }

    @Override
    public double rateAt(double timeS) {
        double tau = timeS - base(timeS);
        int i = interval(tau);
        if (!linear) {
            return ratesRps[i];
        }
        double end = endTau(i);
        if (end == Double.POSITIVE_INFINITY) {
            return ratesRps[i];
        }
        double f = (tau - timesS[i]) / (end - timesS[i]);
        return ratesRps[i] + (endRate(i) - ratesRps[i]) * Math.min(1, Math.max(0, f));
    }

    @Override
    public double segmentEndS(double timeS) {
        double base = base(timeS);
        double end = base + endTau(interval(timeS - base));
        return end > timeS ? end : Math.nextUp(timeS);
    }

    @Override
    public double segmentBoundRps(double timeS) {
        int i = interval(timeS - base(timeS));
        return linear ? Math.max(ratesRps[i], endRate(i)) : ratesRps[i];
    }
}
