package org.llmsim.metrics;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.zip.DataFormatException;

import org.HdrHistogram.Histogram;

/**
 * Streaming latency statistics in bounded memory: values are recorded in nanoseconds into an auto-resizing
 * HdrHistogram with three significant digits (percentiles within about 0.05%: see {@link LatencyStats}), alongside
 * exact count, sum, sum of squares, minimum and maximum.
 */
public final class LatencyHistogram {
    private static final int SIGNIFICANT_DIGITS = 3;

    private final Histogram histogram = new Histogram(SIGNIFICANT_DIGITS);
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
        return count == 0 ? Double.NaN : quantile(histogram, min, max, q);
    }

    /** The summary, with the histogram in compressed form so that it can be merged with others. */
    public LatencyStats summary() {
        if (count == 0) {
            return LatencyStats.empty();
        }
        double mean = sum / count;
        double variance = Math.max(0, sumOfSquares / count - mean * mean);
        return summary(histogram, count, mean, Math.sqrt(variance), min, max);
    }

    /**
     * The union of non-empty, mergeable summaries (see {@link LatencyStats#merge}): their histograms added into one,
     * which has the same buckets as one histogram of every sample, then summarised by the same code as a run's.
     */
    static LatencyStats merge(List<LatencyStats> parts) {
        Histogram sum = new Histogram(SIGNIFICANT_DIGITS);
        long count = 0;
        double weightedMean = 0;
        double secondMoment = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (LatencyStats p : parts) {
            try {
                sum.add(Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(p.histogram()), 0));
            } catch (DataFormatException e) {
                throw new IllegalArgumentException("corrupt latency histogram", e);
            }
            count += p.count();
            weightedMean += p.count() * p.mean();
            secondMoment += p.count() * (p.stddev() * p.stddev() + p.mean() * p.mean());
            min = Math.min(min, p.min());
            max = Math.max(max, p.max());
        }
        double mean = weightedMean / count;
        double variance = Math.max(0, secondMoment / count - mean * mean);
        return summary(sum, count, mean, Math.sqrt(variance), min, max);
    }

    private static LatencyStats summary(Histogram h, long count, double mean, double stddev, double min,
            double max) {
        double[] cdf = new double[LatencyStats.CDF_QUANTILES.length];
        for (int i = 0; i < cdf.length; i++) {
            cdf[i] = quantile(h, min, max, LatencyStats.CDF_QUANTILES[i]);
        }
        return new LatencyStats(count, mean, stddev, min, quantile(h, min, max, 0.50), quantile(h, min, max, 0.90),
                quantile(h, min, max, 0.95), quantile(h, min, max, 0.99), max, cdf, compressed(h));
    }

    /** The middle of the bucket holding quantile {@code q}, clamped to [min, max]; min and max at 0 and 1. */
    private static double quantile(Histogram h, double min, double max, double q) {
        if (q <= 0) {
            return min;
        }
        if (q >= 1) {
            return max;
        }
        long v = h.getValueAtPercentile(q * 100);
        double s = h.medianEquivalentValue(v) / 1e9;
        return Math.max(min, Math.min(max, s));
    }

    private static byte[] compressed(Histogram h) {
        ByteBuffer buffer = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int length = h.encodeIntoCompressedByteBuffer(buffer);
        return Arrays.copyOf(buffer.array(), length);
    }
}
