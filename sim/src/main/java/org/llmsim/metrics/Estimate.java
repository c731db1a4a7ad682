package org.llmsim.metrics;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * The mean of a figure over independent replications with its 95% confidence interval (Student t with
 * {@code n - 1} degrees of freedom). Replications whose figure is NaN (undefined) are left out of {@code n}; the
 * interval is NaN when fewer than two values remain.
 *
 * @param n        values used
 * @param mean     sample mean
 * @param stddev   sample standard deviation (n - 1 in the denominator)
 * @param ci95Low  lower end of the 95% confidence interval of the mean
 * @param ci95High upper end
 */
public record Estimate(int n, double mean, double stddev, double ci95Low, double ci95High) {
    /** Confidence level of the intervals. */
    public static final double CONFIDENCE = 0.95;

    /** Half the width of the interval (NaN when there is none). */
    public double halfWidth() {
        return (ci95High - ci95Low) / 2;
    }

    /** Whether the interval lies entirely above or below {@code value} (false without an interval). */
    public boolean excludes(double value) {
        return ci95Low > value || ci95High < value;
    }

    /** Mean and interval of the finite values among {@code values}. */
    public static Estimate of(double[] values) {
        int n = 0;
        double sum = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                n++;
                sum += v;
            }
        }
        if (n == 0) {
            return new Estimate(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double mean = sum / n;
        if (n == 1) {
            return new Estimate(1, mean, Double.NaN, Double.NaN, Double.NaN);
        }
        double squares = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                squares += (v - mean) * (v - mean);
            }
        }
        double stddev = Math.sqrt(squares / (n - 1));
        double t = new TDistribution(null, n - 1).inverseCumulativeProbability(1 - (1 - CONFIDENCE) / 2);
        double half = t * stddev / Math.sqrt(n);
        return new Estimate(n, mean, stddev, mean - half, mean + half);
    }
}
