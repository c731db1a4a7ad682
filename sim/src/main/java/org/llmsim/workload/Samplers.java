package org.llmsim.workload;

import java.util.List;

import org.apache.commons.math3.distribution.EnumeratedIntegerDistribution;
import org.apache.commons.math3.distribution.LogNormalDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.llmsim.scenario.LengthSpec;
import org.llmsim.scenario.TimeSpec;

/** Builds samplers from scenario distributions, on Commons Math distributions and a given random stream. */
public final class Samplers {
    /** Redraws allowed before a truncated lognormal gives up and clamps (validation keeps this unreachable). */
    private static final int MAX_REDRAWS = 1000;

    private Samplers() {
    }

    public static LengthSampler lengths(LengthSpec spec, RandomGenerator rng) {
        if (spec instanceof LengthSpec.Fixed f) {
            int value = f.value();
            return () -> value;
        }
        if (spec instanceof LengthSpec.Uniform u) {
            int min = u.min();
            int span = u.max() - u.min() + 1;
            return () -> min + rng.nextInt(span);
        }
        if (spec instanceof LengthSpec.Lognormal l) {
            LogNormalDistribution d = new LogNormalDistribution(rng, l.mu(), l.sigma());
            int min = l.lowerBound();
            int max = l.upperBound();
            return () -> {
                for (int i = 0; i < MAX_REDRAWS; i++) {
                    long v = Math.round(d.sample());
                    if (v >= min && v <= max) {
                        return (int) v;
                    }
                }
                return (int) Math.max(min, Math.min(max, Math.round(d.sample())));
            };
        }
        LengthSpec.Empirical e = (LengthSpec.Empirical) spec;
        List<Integer> values = e.values();
        int[] v = values.stream().mapToInt(Integer::intValue).toArray();
        double[] w = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            w[i] = e.weights() == null ? 1 : e.weights().get(i);
        }
        EnumeratedIntegerDistribution d = new EnumeratedIntegerDistribution(rng, v, w);
        return d::sample;
    }

    /** Durations in seconds (think times), never negative. */
    public static TimeSampler times(TimeSpec spec, RandomGenerator rng) {
        if (spec instanceof TimeSpec.Fixed f) {
            double value = f.value();
            return () -> value;
        }
        if (spec instanceof TimeSpec.Exponential e) {
            double mean = e.mean();
            return () -> -Math.log1p(-rng.nextDouble()) * mean;
        }
        if (spec instanceof TimeSpec.Uniform u) {
            double min = u.min();
            double span = u.max() - u.min();
            return () -> min + span * rng.nextDouble();
        }
        TimeSpec.Lognormal l = (TimeSpec.Lognormal) spec;
        LogNormalDistribution d = new LogNormalDistribution(rng, l.mu(), l.sigma());
        return d::sample;
    }
}
