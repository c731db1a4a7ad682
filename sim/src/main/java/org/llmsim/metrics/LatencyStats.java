package org.llmsim.metrics;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Summary of one latency metric in seconds. All fields are NaN when {@code count} is 0.
 *
 * <p><b>Percentile error.</b> Percentiles come from an HdrHistogram of nanosecond values with three significant
 * digits ({@link LatencyHistogram}): 2048 sub-buckets per power of two, so a bucket is never wider than 1/1024 of the
 * smallest value it holds (HdrHistogram's guarantee of "0.1%" for three digits). A percentile {@code q} is the middle
 * of the bucket that holds the nearest-rank order statistic {@code x} of rank {@code max(1, ceil(q * count))}, clamped
 * to the exact [min, max]; it is therefore within {@code x / 2048 + 1 ns} of {@code x} (half a bucket, plus the
 * rounding of seconds to whole nanoseconds), a relative error of at most about 0.05%. Summaries {@link #merge merged}
 * from parts give exactly the percentiles of one histogram of all their values, so the bound holds for them too.
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
 * @param histogram the histogram behind the percentiles in HdrHistogram's compressed encoding (a few KB), so that
 *                 summaries of parts of a run can be {@link #merge merged}; null when not kept (then not mergeable).
 *                 Not part of {@code equals}, {@code hashCode} or any output
 */
public record LatencyStats(long count, double mean, double stddev, double min, double p50, double p90, double p95,
        double p99, double max, double[] cdf, byte[] histogram) implements Serializable {

    /** A summary without its histogram (not mergeable). */
    public LatencyStats(long count, double mean, double stddev, double min, double p50, double p90, double p95,
            double p99, double max, double[] cdf) {
        this(count, mean, stddev, min, p50, p90, p95, p99, max, cdf, null);
    }

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

    /**
     * The summary of the union of the parts' samples: count, minimum and maximum exact; the mean from the parts'
     * sums ({@code sum(count * mean) / sum(count)}) and the population standard deviation from their pooled second
     * moments ({@code sum(count * (stddev^2 + mean^2))}), both exact up to floating-point rounding; percentiles and
     * the CDF from the sum of the parts' histograms, computed as {@link LatencyHistogram} computes them, so they equal
     * bit for bit what one histogram of all the samples gives (within the error bound in the class comment of the
     * exact percentiles). Empty parts are skipped; one non-empty part is returned as it is.
     *
     * @throws IllegalArgumentException if a non-empty part has no histogram
     */
    public static LatencyStats merge(List<LatencyStats> parts) {
        List<LatencyStats> used = new ArrayList<>();
        for (LatencyStats p : parts) {
            if (p.count > 0) {
                if (p.histogram == null) {
                    throw new IllegalArgumentException("cannot merge a latency summary of " + p.count
                            + " samples without its histogram");
                }
                used.add(p);
            }
        }
        if (used.isEmpty()) {
            return empty();
        }
        if (used.size() == 1) {
            return used.get(0);
        }
        return LatencyHistogram.merge(used);
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
