package org.llmsim.workload.arrival;

import org.apache.commons.math3.distribution.ExponentialDistribution;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.llmsim.scenario.ArrivalSpec;

/** Draws the time to the next arrival, in seconds (positive). */
@FunctionalInterface
public interface InterarrivalSampler {
    double nextGapS();

    /** The gaps of a renewal process: exponential (Poisson) or gamma with the spec's mean rate and variation. */
    static InterarrivalSampler of(ArrivalSpec spec, RandomGenerator rng) {
        if (spec instanceof ArrivalSpec.Poisson p) {
            ExponentialDistribution d = new ExponentialDistribution(rng, 1.0 / p.rateRps());
            return d::sample;
        }
        ArrivalSpec.Gamma g = (ArrivalSpec.Gamma) spec;
        // Gamma with mean 1/rate and coefficient of variation cv: shape 1/cv^2, scale cv^2/rate.
        double shape = 1.0 / (g.cv() * g.cv());
        double scale = g.cv() * g.cv() / g.rateRps();
        GammaDistribution d = new GammaDistribution(rng, shape, scale);
        return d::sample;
    }
}
