package org.llmsim.workload.arrival;

import org.apache.commons.math3.random.RandomGenerator;

/**
 * A two-state Markov-modulated Poisson process: Poisson at {@code onRateRps} while on and {@code offRateRps} while
 * off, with exponential sojourns of means {@code meanOnS} and {@code meanOffS}. The first state is drawn from the
 * stationary distribution (on with probability {@code meanOn / (meanOn + meanOff)}), so the process is stationary from
 * time 0. State changes are not events: they are crossed while looking for the next arrival.
 */
public final class OnOffArrivals implements ArrivalProcess {
    private final double onRateRps;
    private final double offRateRps;
    private final double meanOnS;
    private final double meanOffS;
    private final RandomGenerator rng;
    private boolean on;
    private double stateEndS;

    public OnOffArrivals(double onRateRps, double offRateRps, double meanOnS, double meanOffS,
            RandomGenerator rng) {
        this.onRateRps = onRateRps;
        this.offRateRps = offRateRps;
        this.meanOnS = meanOnS;
        this.meanOffS = meanOffS;
        this.rng = rng;
        this.on = rng.nextDouble() < meanOnS / (meanOnS + meanOffS);
        this.stateEndS = exponential(on ? meanOnS : meanOffS);
    }

    private double exponential(double mean) {
        return -Math.log1p(-rng.nextDouble()) * mean;
    }

    @Override
    public double nextArrivalS(double afterS) {
        double t = afterS;
        while (true) {
            while (stateEndS <= t) {
                on = !on;
                stateEndS += exponential(on ? meanOnS : meanOffS);
            }
            double rate = on ? onRateRps : offRateRps;
            if (rate > 0) {
                double candidate = t + exponential(1 / rate);
                if (candidate < stateEndS) {
                    return candidate;
                }
            }
            t = stateEndS;
        }
    }
}
