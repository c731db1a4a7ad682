package org.llmsim.metrics;

import org.HdrHistogram.Histogram;

/**
 * Streaming latency statistics in bounded memory: values are recorded in nanoseconds into an auto-resizing
 * HdrHistogram with three significant digits (percentiles within 0.1%), alongside exact count, sum, sum of
 * squares, minimum and maximum.
 */
public final class LatencyHistogram {
    private final Histogram histogram = new Histogram(3);
    private long count;
    private double sum;
    private double sumOfSquares;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    /** Records one value in seconds; NaN values (undefined metrics) are ignored, negative ones are an error. */
    public void record(double seconds) {
        record(seconds, 1);
    }

    /** Records {@code n} occurrences of one value in seconds in O(1) (for example every decode token of a pass). */
    public void record(double seconds, long n) {
        if (Double.isNaN(seconds) || n <= 0) {
            return;
        }
        if (seconds < 0) {
            throw new IllegalArgumentException("negative latency " + seconds);
        }
        histogram.recordValueWithCount(Math.round(seconds * 1e9), n);
        count += n;
        sum += seconds * n;
        sumOfSquares += seconds * seconds * n;
        min = Math.min(min, seconds);
        max = Math.max(max, seconds);
    }

    public long count() {
        return count;
    }

    public double mean() {
        return count == 0 ? Double.NaN : sum / count;
    }

    /** The value at quantile {@code q} in [0, 1], in seconds; the exact min and max at 0 and 1. */
    public double quantile(double q) {
        if (count == 0) {
            return Double.NaN;
        }
        if (q <= 0) {
            return min;
        }
        if (q >= 1) {
            return max;
        }
        long v = histogram.getValueAtPercentile(q * 100);
        double s = histogram.medianEquivalentValue(v) / 1e9;
        return Math.max(min, Math.min(max, s));
    }

    public LatencyStats summary() {
        if (count == 0) {
            return LatencyStats.empty();
        }
        double mean = sum / count;
        double variance = Math.max(0, sumOfSquares / count - mean * mean);
        double[] cdf = new double[LatencyStats.CDF_QUANTILES.length];
        for (int i = 0; i < cdf.length; i++) {
            cdf[i] = quantile(LatencyStats.CDF_QUANTILES[i]);
        }
        return new LatencyStats(count, mean, Math.sqrt(variance), min, quantile(0.50), quantile(0.90),
                quantile(0.95), quantile(0.99), max, cdf);
    }
}
