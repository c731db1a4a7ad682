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

    @Override
    public boolean equals(Object o) {
        return o instanceof LatencyStats s && count == s.count && Double.compare(mean, s.mean) == 0
                && Double.compare(stddev, s.stddev) == 0 && Double.compare(min, s.min) == 0
                && Double.compare(p50, s.p50) == 0 && Double.compare(p90, s.p90) == 0
                && Double.compare(p95, s.p95) == 0 && Double.compare(p99, s.p99) == 0
                && Double.compare(max, s.max) == 0 && java.util.Arrays.equals(cdf, s.cdf);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(count, mean, p50, p99, max) * 31 + java.util.Arrays.hashCode(cdf);
    }

    @Override
    public String toString() {
        return "LatencyStats[count=" + count + ", mean=" + mean + ", stddev=" + stddev + ", min=" + min + ", p50="
                + p50 + ", p90=" + p90 + ", p95=" + p95 + ", p99=" + p99 + ", max=" + max + ", cdf="
                + java.util.Arrays.toString(cdf) + "]";
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
