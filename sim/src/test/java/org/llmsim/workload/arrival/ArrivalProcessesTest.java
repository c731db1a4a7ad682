package org.llmsim.workload.arrival;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.apache.commons.math3.distribution.ExponentialDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;
import org.llmsim.kernel.RandomStreams;
import org.llmsim.scenario.ArrivalSpec;
import org.llmsim.workload.Samplers;

class ArrivalProcessesTest {
    private final RandomStreams streams = new RandomStreams(99);

    /** Arrival counts per bin of {@code binS} seconds over {@code [0, endS)}. */
    private static long[] counts(ArrivalProcess p, double endS, double binS) {
        long[] counts = new long[(int) Math.round(endS / binS)];
        for (double t = p.nextArrivalS(0); t < endS; t = p.nextArrivalS(t)) {
            counts[(int) (t / binS)]++;
        }
        return counts;
    }

    /** Checks counts against expected means: chi-square over all bins, and every bin within 4 standard deviations. */
    private static void assertMatches(double[] expected, long[] observed) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], observed[i], 4 * Math.sqrt(expected[i]) + 1e-9, "bin " + i);
        }
        double p = new ChiSquareTest().chiSquareTest(expected, observed);
        // a false alarm at this level happens once in a thousand seeds
        assertTrue(p > 0.001, "chi-square p-value " + p);
    }

    @Test
    void diurnal_thinningReproducesTheHourlyCountsOfTheRateCurve() {
        // given a day from 2 req/s at night to 10 req/s at 14:30
        ArrivalSpec.Diurnal spec = new ArrivalSpec.Diurnal(2.0, 10.0, 14.5, 0.0, 86_400.0, null);
        ArrivalProcess p = ArrivalProcesses.open(spec, streams.stream("diurnal"));
        // when a day is generated
        long[] hourly = counts(p, 86_400, 3600);
        // then each hour holds the integral of the curve over that hour
        double[] expected = new double[24];
        for (int h = 0; h < 24; h++) {
            expected[h] = integralOfCosineDay(2, 10, 14.5, h * 3600.0, (h + 1) * 3600.0);
        }
        assertMatches(expected, hourly);
        assertEquals(14, argMax(hourly), "the busiest hour is the peak hour");
        assertEquals(2, argMin(hourly), "the quietest hour is 12 hours away");
        assertEquals(6.0 * 86_400, java.util.Arrays.stream(hourly).sum(), 4 * Math.sqrt(6.0 * 86_400));
    }

    /** Integral of {@code trough + (peak - trough)(1 + cos(2 pi (t/86400 - peakHour/24)))/2} from a to b. */
    private static double integralOfCosineDay(double trough, double peak, double peakHour, double a, double b) {
        double w = 2 * Math.PI / 86_400;
        double phase = peakHour * 3600;
        double amplitude = (peak - trough) / 2;
        return (trough + amplitude) * (b - a) + amplitude / w * (Math.sin(w * (b - phase)) - Math.sin(w * (a - phase)));
    }

    private static int argMax(long[] x) {
        int best = 0;
        for (int i = 1; i < x.length; i++) {
            best = x[i] > x[best] ? i : best;
        }
        return best;
    }

    private static int argMin(long[] x) {
        int best = 0;
        for (int i = 1; i < x.length; i++) {
            best = x[i] < x[best] ? i : best;
        }
        return best;
    }

    @Test
    void piecewiseLinear_rampsAndThenHolds() {
        // given 0 req/s at t=0 rising linearly to 20 req/s at 1000 s, then holding
        ArrivalSpec.Piecewise spec = new ArrivalSpec.Piecewise(List.of(new ArrivalSpec.RatePoint(0.0, 0.0),
                new ArrivalSpec.RatePoint(1000.0, 20.0)), null, null, ArrivalSpec.Piecewise.Interpolation.LINEAR, null,
                null);
        long[] counts = counts(ArrivalProcesses.open(spec, streams.stream("ramp")), 2000, 250);
        // then each 250 s bin holds the area under the ramp: 20/1000 * (b^2 - a^2) / 2, then 20 * 250
        double[] expected = {625, 1875, 3125, 4375, 5000, 5000, 5000, 5000};
        assertMatches(expected, counts);
    }

    @Test
    void piecewiseSteps_repeatWithTheirPeriod() {
        // given hourly-style steps of 100 s: 1 req/s then 3 req/s, repeating every 200 s
        ArrivalSpec.Piecewise spec = new ArrivalSpec.Piecewise(null, List.of(1.0, 3.0), 100.0, null, 200.0, null);
        long[] counts = counts(ArrivalProcesses.open(spec, streams.stream("steps")), 4000, 100);
        double[] expected = new double[40];
        for (int i = 0; i < 40; i++) {
            expected[i] = i % 2 == 0 ? 100 : 300;
        }
        assertMatches(expected, counts);
    }

    @Test
    void spike_multipliesTheRateInsideItsWindow_andAStepHoldsToTheEnd() {
        // given 5 req/s with a 4x spike over [1000, 1200) and a step to half the rate from 3000 s
        ArrivalSpec.Poisson spec = new ArrivalSpec.Poisson(5.0, List.of(new ArrivalSpec.Spike(1000.0, 200.0, 4.0),
                new ArrivalSpec.Spike(3000.0, null, 0.5)));
        long[] counts = counts(ArrivalProcesses.open(spec, streams.stream("spike")), 4000, 200);
        double[] expected = new double[20];
        for (int i = 0; i < 20; i++) {
            expected[i] = i == 5 ? 4000 : i >= 15 ? 500 : 1000;
        }
        assertMatches(expected, counts);
    }

    @Test
    void poissonWithoutSpikes_drawsExactlyWhatTheRenewalSamplerDraws() {
        ArrivalProcess p = ArrivalProcesses.open(new ArrivalSpec.Poisson(7.0), streams.stream("same"));
        InterarrivalSampler gaps = InterarrivalSampler.of(new ArrivalSpec.Poisson(7.0), streams.stream("same"));
        double t = 0;
        double u = 0;
        for (int i = 0; i < 1000; i++) {
            t = p.nextArrivalS(t);
            u += gaps.nextGapS();
            assertEquals(u, t, 0.0);
        }
    }

    @Test
    void onOff_hasTheMeanRateAndTheBurstinessOfAnInterruptedPoissonProcess() {
        // given 10 req/s while on, nothing while off, on and off for 2 s on average
        ArrivalSpec.OnOff spec = new ArrivalSpec.OnOff(10.0, 0.0, 2.0, 2.0);
        assertEquals(5.0, spec.meanRateRps());
        ArrivalProcess p = ArrivalProcesses.open(spec, streams.stream("onoff"));
        SummaryStatistics gaps = new SummaryStatistics();
        double t = p.nextArrivalS(0);
        while (gaps.getN() < 300_000) {
            double next = p.nextArrivalS(t);
            gaps.addValue(next - t);
            t = next;
        }
        // then the mean gap is 1 / mean rate, and the squared coefficient of variation of the gaps is
        // 1 + 2 rate r_on / (r_on + r_off)^2 = 1 + 2 * 10 * 0.5 / 1 = 11 (an IPP's gaps are hyperexponential)
        assertEquals(0.2, gaps.getMean(), 0.2 * 0.03);
        double scv = gaps.getVariance() / (gaps.getMean() * gaps.getMean());
        assertEquals(11.0, scv, 11.0 * 0.1);
    }

    @Test
    void onOff_withEqualRates_isPoisson() {
        ArrivalProcess p = ArrivalProcesses.open(new ArrivalSpec.OnOff(4.0, 4.0, 1.0, 3.0),
                streams.stream("flat"));
        double[] x = new double[50_000];
        double t = 0;
        for (int i = 0; i < x.length; i++) {
            double next = p.nextArrivalS(t);
            x[i] = next - t;
            t = next;
        }
        double pValue = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(new ExponentialDistribution(0.25), x);
        assertTrue(pValue > 0.001, "KS p-value " + pValue);
    }

    @Test
    void zeroRateForever_endsTheProcess() {
        ArrivalSpec.Piecewise spec = new ArrivalSpec.Piecewise(List.of(new ArrivalSpec.RatePoint(0.0, 2.0),
                new ArrivalSpec.RatePoint(10.0, 0.0)), null, null, null, null, null);
        ArrivalProcess p = ArrivalProcesses.open(spec, streams.stream("stop"));
        double t = 0;
        int n = 0;
        while ((t = p.nextArrivalS(t)) < Double.POSITIVE_INFINITY) {
            assertTrue(t < 10);
            n++;
        }
        assertTrue(n > 0);
    }
}
