package org.llmsim.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class LatencyStatsMergeTest {

    /** 20,000 lognormal-ish latencies from 1 ms to a few seconds (a spread of many HdrHistogram buckets). */
    private static double[] values() {
        Random random = new Random(7);
        double[] v = new double[20_000];
        for (int i = 0; i < v.length; i++) {
            v[i] = 0.001 + Math.exp(random.nextGaussian() - 1.5);
        }
        return v;
    }

    @Test
    void merge_ofFourParts_equalsTheSummaryOfOneHistogramOfAllValues() {
        // given the values recorded into one histogram, and split in four blocks
        double[] v = values();
        LatencyHistogram all = new LatencyHistogram();
        List<LatencyHistogram> parts = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            parts.add(new LatencyHistogram());
        }
        for (int i = 0; i < v.length; i++) {
            all.record(v[i]);
            parts.get(i * 4 / v.length).record(v[i]);
        }
        // when the parts' summaries are merged (an empty part among them)
        List<LatencyStats> summaries = new ArrayList<>(parts.stream().map(LatencyHistogram::summary).toList());
        summaries.add(LatencyStats.empty());
        LatencyStats merged = LatencyStats.merge(summaries);
        LatencyStats expected = all.summary();
        // then counts, extremes, percentiles and the CDF are bit for bit those of the single histogram
        assertEquals(expected.count(), merged.count());
        assertEquals(expected.min(), merged.min());
        assertEquals(expected.max(), merged.max());
        assertEquals(expected.p50(), merged.p50());
        assertEquals(expected.p90(), merged.p90());
        assertEquals(expected.p95(), merged.p95());
        assertEquals(expected.p99(), merged.p99());
        assertArrayEquals(expected.cdf(), merged.cdf());
        // and the moments agree to rounding
        assertEquals(expected.mean(), merged.mean(), 1e-12 * expected.mean());
        assertEquals(expected.stddev(), merged.stddev(), 1e-12 * expected.stddev());
        // and the merged histogram is kept, so merges compose
        assertNotNull(merged.histogram());
        assertEquals(expected.p99(), LatencyStats.merge(List.of(merged, LatencyStats.empty())).p99());
        LatencyStats twoLevels = LatencyStats.merge(List.of(
                LatencyStats.merge(summaries.subList(0, 2)), LatencyStats.merge(summaries.subList(2, 5))));
        assertArrayEquals(expected.cdf(), twoLevels.cdf());
    }

    @Test
    void percentiles_areWithinTheDocumentedBoundOfTheExactOnes() {
        // given exact nearest-rank percentiles of the sorted values
        double[] v = values();
        LatencyHistogram h = new LatencyHistogram();
        for (double x : v) {
            h.record(x);
        }
        double[] sorted = v.clone();
        Arrays.sort(sorted);
        LatencyStats s = h.summary();
        for (int i = 1; i < LatencyStats.CDF_QUANTILES.length - 1; i++) {
            double q = LatencyStats.CDF_QUANTILES[i];
            long rank = Math.max(1, (long) Math.ceil(Math.nextDown(q * 100) / 100 * sorted.length));
            double exact = sorted[(int) rank - 1];
            // then each is within half a bucket (1/2048 of the value) plus the nanosecond rounding
            double bound = exact / 2048 + 1e-9;
            assertTrue(Math.abs(s.cdf()[i] - exact) <= bound,
                    "q=" + q + ": " + s.cdf()[i] + " vs exact " + exact + " bound " + bound);
        }
        assertEquals(sorted[0], s.min());
        assertEquals(sorted[sorted.length - 1], s.max());
    }

    @Test
    void merge_ofOnePart_returnsItUnchanged_andEmptyPartsGiveEmpty() {
        LatencyHistogram h = new LatencyHistogram();
        h.record(0.25);
        h.record(0.5);
        LatencyStats one = h.summary();
        assertSame(one, LatencyStats.merge(List.of(LatencyStats.empty(), one)));
        assertEquals(LatencyStats.empty(), LatencyStats.merge(List.of(LatencyStats.empty())));
        assertEquals(LatencyStats.empty(), LatencyStats.merge(List.of()));
    }

    @Test
    void merge_ofAPartWithoutHistogram_isRefused() {
        LatencyHistogram h = new LatencyHistogram();
        h.record(0.25);
        LatencyStats s = h.summary();
        LatencyStats bare = new LatencyStats(s.count(), s.mean(), s.stddev(), s.min(), s.p50(), s.p90(), s.p95(),
                s.p99(), s.max(), s.cdf());
        // equality ignores the histogram
        assertEquals(s, bare);
        assertThrows(IllegalArgumentException.class, () -> LatencyStats.merge(List.of(s, bare)));
    }

    @Test
    void summary_keepsOnlyACompressedHistogram() {
        LatencyHistogram h = new LatencyHistogram();
        for (double x : values()) {
            h.record(x);
        }
        // a raw Histogram(3) over this range is hundreds of KB; the compressed form a few KB
        assertTrue(h.summary().histogram().length < 32 * 1024, "" + h.summary().histogram().length);
    }
}
