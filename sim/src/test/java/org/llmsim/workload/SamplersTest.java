package org.llmsim.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.distribution.ExponentialDistribution;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;
import org.llmsim.kernel.RandomStreams;
import org.llmsim.scenario.ArrivalSpec;
import org.llmsim.workload.arrival.InterarrivalSampler;
import org.llmsim.scenario.LengthSpec;
import org.llmsim.scenario.TimeSpec;

class SamplersTest {
    private static final int N = 50_000;
    private final RandomStreams streams = new RandomStreams(2024);

    @Test
    void poissonInterarrivals_areExponentialWithTheConfiguredMean() {
        InterarrivalSampler gaps = InterarrivalSampler.of(new ArrivalSpec.Poisson(20.0), streams.stream("a"));
        double[] x = new double[N];
        SummaryStatistics stats = new SummaryStatistics();
        for (int i = 0; i < N; i++) {
            x[i] = gaps.nextGapS();
            stats.addValue(x[i]);
        }
        assertEquals(0.05, stats.getMean(), 0.05 * 0.02);
        assertEquals(1.0, stats.getStandardDeviation() / stats.getMean(), 0.02);
        double p = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(new ExponentialDistribution(0.05), x);
        // a false alarm at this level happens once in a thousand seeds; a wrong distribution fails at N = 50,000
        assertTrue(p > 0.001, "KS p-value " + p);
    }

    @Test
    void gammaInterarrivals_haveTheConfiguredMeanAndCoefficientOfVariation() {
        for (double cv : new double[] {0.5, 2.0, 4.0}) {
            InterarrivalSampler gaps = InterarrivalSampler.of(new ArrivalSpec.Gamma(10.0, cv), streams.stream("g"));
            SummaryStatistics stats = new SummaryStatistics();
            for (int i = 0; i < 4 * N; i++) {
                stats.addValue(gaps.nextGapS());
            }
            assertEquals(0.1, stats.getMean(), 0.1 * 0.03, "cv " + cv);
            assertEquals(cv, stats.getStandardDeviation() / stats.getMean(), cv * 0.05, "cv " + cv);
        }
    }

    @Test
    void gammaInterarrivals_followTheGammaDistribution() {
        // KS against the gamma with shape 1/cv^2 and scale cv^2/rate, at a bursty cv of 3
        InterarrivalSampler gaps = InterarrivalSampler.of(new ArrivalSpec.Gamma(8.0, 3.0), streams.stream("ks"));
        double[] x = new double[N];
        for (int i = 0; i < N; i++) {
            x[i] = gaps.nextGapS();
        }
        double p = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(new GammaDistribution(1.0 / 9, 9.0 / 8), x);
        assertTrue(p > 0.001, "KS p-value " + p);
        double wrong = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(new ExponentialDistribution(1.0 / 8), x);
        assertTrue(wrong < 1e-6, "an exponential with the same mean is told apart, p " + wrong);
    }

    @Test
    void thinkTimes_haveTheConfiguredMeanAndSpread() {
        TimeSampler exponential = Samplers.times(new TimeSpec.Exponential(4.0), streams.stream("te"));
        TimeSampler lognormal = Samplers.times(new TimeSpec.Lognormal(4.0, 8.0), streams.stream("tl"));
        TimeSampler uniform = Samplers.times(new TimeSpec.Uniform(1.0, 3.0), streams.stream("tu"));
        SummaryStatistics e = new SummaryStatistics();
        SummaryStatistics l = new SummaryStatistics();
        SummaryStatistics u = new SummaryStatistics();
        for (int i = 0; i < 4 * N; i++) {
            e.addValue(exponential.sampleS());
            l.addValue(lognormal.sampleS());
            u.addValue(uniform.sampleS());
        }
        assertEquals(4.0, e.getMean(), 0.04);
        assertEquals(1.0, e.getStandardDeviation() / e.getMean(), 0.02);
        assertEquals(4.0, l.getMean(), 0.15);
        assertEquals(2.0, u.getMean(), 0.01);
        assertTrue(u.getMin() >= 1 && u.getMax() <= 3);
        assertEquals(2.5, Samplers.times(new TimeSpec.Fixed(2.5), streams.stream("tf")).sampleS());
    }

    @Test
    void lognormalLengths_haveTheConfiguredMeanAndStayWithinBounds() {
        LengthSampler lengths = Samplers.lengths(new LengthSpec.Lognormal(1000.0, 400.0, null, 100_000),
                streams.stream("l"));
        SummaryStatistics stats = new SummaryStatistics();
        for (int i = 0; i < N; i++) {
            stats.addValue(lengths.sample());
        }
        assertEquals(1000, stats.getMean(), 10);
        assertEquals(400, stats.getStandardDeviation(), 12);

        LengthSampler truncated = Samplers.lengths(new LengthSpec.Lognormal(1000.0, 400.0, 500, 1200),
                streams.stream("t"));
        for (int i = 0; i < N; i++) {
            int v = truncated.sample();
            assertTrue(v >= 500 && v <= 1200, "value " + v);
        }
    }

    @Test
    void uniformAndEmpiricalLengths_coverTheirSupportInProportion() {
        LengthSampler uniform = Samplers.lengths(new LengthSpec.Uniform(10, 13), streams.stream("u"));
        int[] counts = new int[4];
        for (int i = 0; i < N; i++) {
            counts[uniform.sample() - 10]++;
        }
        for (int c : counts) {
            assertEquals(N / 4.0, c, N * 0.01);
        }
        LengthSampler empirical = Samplers.lengths(new LengthSpec.Empirical(java.util.List.of(100, 2000),
                java.util.List.of(3.0, 1.0)), streams.stream("e"));
        int small = 0;
        for (int i = 0; i < N; i++) {
            if (empirical.sample() == 100) {
                small++;
            }
        }
        assertEquals(0.75, (double) small / N, 0.01);
    }

    @Test
    void randomStreams_areReproducibleAndIndependentByName() {
        RandomStreams a = new RandomStreams(7);
        RandomStreams b = new RandomStreams(7);
        assertEquals(a.stream("arrivals").nextLong(), b.stream("arrivals").nextLong());
        assertTrue(a.stream("arrivals").nextLong() != a.stream("router").nextLong());
        assertTrue(new RandomStreams(8).stream("arrivals").nextLong() != a.stream("arrivals").nextLong());
    }
}
