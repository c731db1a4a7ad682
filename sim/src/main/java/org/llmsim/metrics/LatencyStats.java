package org.llmsim.metrics;

/**
 * Summary of one latency metric in seconds. All fields are NaN when {@code count} is 0.
 *
 * @param count    samples
 * @param mean     exact mean
 * @param stddev   exact population standard deviation
 * @param min      exact minimum
 * @param p50      median (percentiles are exact to three significant digits)
 * @param p90      90th percentile
 * @param p95      95th percentile
 * @param p99      99th percentile
 * @param max      exact maximum
 * @param cdf      values at the quantiles {@link #CDF_QUANTILES}, for plotting distributions
 */
public record LatencyStats(long count, double mean, double stddev, double min, double p50, double p90, double p95,
        double p99, double max, double[] cdf) {

    /** Quantiles at which {@link #cdf} is sampled: 0, 0.01, ..., 0.99, 0.995, 0.999, 1. */
    public static final double[] CDF_QUANTILES = cdfQuantiles();

    private static double[] cdfQuantiles() {
        double[] q = new double[103];
        for (int i = 0; i < 100; i++) {
            q[i] = i / 100.0;
        }
        q[100] = 0.995;
        q[101] = 0.999;
        q[102] = 1.0;
        return q;
    }

    public static LatencyStats empty() {
        double nan = Double.NaN;
        double[] cdf = new double[CDF_QUANTILES.length];
        java.util.Arrays.fill(cdf, nan);
        return new LatencyStats(0, nan, nan, nan, nan, nan, nan, nan, nan, cdf);
    }

    /** A percentile by name as used in SLOs and outputs: 50, 90, 95, 99 (others are not kept). */
    public double percentile(int p) {
        return switch (p) {
            case 50 -> p50;
            case 90 -> p90;
            case 95 -> p95;
            case 99 -> p99;
            case 100 -> max;
            default -> throw new IllegalArgumentException("percentile " + p + " is not kept; use 50, 90, 95, 99");
        };
    }
}
