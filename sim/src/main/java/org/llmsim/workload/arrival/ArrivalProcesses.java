package org.llmsim.workload.arrival;

import java.util.List;

import org.apache.commons.math3.random.RandomGenerator;
import org.llmsim.scenario.ArrivalSpec;

/** Builds the open arrival process of a scenario's {@code arrival:} on a random stream. */
public final class ArrivalProcesses {
    private ArrivalProcesses() {
    }

    /**
     * The process for {@code spec}.
     *
     * @throws IllegalArgumentException for closed-loop and trace arrivals, which are not open processes
     */
    public static ArrivalProcess open(ArrivalSpec spec, RandomGenerator rng) {
        if (spec instanceof ArrivalSpec.Poisson p && (p.spikes() == null || p.spikes().isEmpty())) {
            return renewal(InterarrivalSampler.of(spec, rng));
        }
        if (spec instanceof ArrivalSpec.Gamma) {
            return renewal(InterarrivalSampler.of(spec, rng));
        }
        if (spec instanceof ArrivalSpec.OnOff o) {
            return new OnOffArrivals(o.onRateRps(), o.offRateRps(), o.meanOnS(), o.meanOffS(), rng);
        }
        return new ThinnedPoissonArrivals(curve(spec), rng);
    }

    /** The rate curve of a time-varying Poisson spec (poisson with spikes, diurnal, piecewise). */
    public static RateCurve curve(ArrivalSpec spec) {
        if (spec instanceof ArrivalSpec.Poisson p) {
            return spiked(new ConstantRate(p.rateRps()), p.spikes());
        }
        if (spec instanceof ArrivalSpec.Diurnal d) {
            return spiked(new DiurnalRate(d.troughRps(), d.peakRps(), d.peakHour(), d.startHour(), d.periodS()),
                    d.spikes());
        }
        if (spec instanceof ArrivalSpec.Piecewise p) {
            List<ArrivalSpec.RatePoint> table = p.table();
            double[] times = table.stream().mapToDouble(ArrivalSpec.RatePoint::atS).toArray();
            double[] rates = table.stream().mapToDouble(ArrivalSpec.RatePoint::rateRps).toArray();
            return spiked(new PiecewiseRate(times, rates, p.interpolation() == ArrivalSpec.Piecewise.Interpolation.LINEAR,
                    p.periodS() == null ? Double.NaN : p.periodS()), p.spikes());
        }
        throw new IllegalArgumentException("no rate curve for " + spec.getClass().getSimpleName());
    }

    private static RateCurve spiked(RateCurve curve, List<ArrivalSpec.Spike> spikes) {
        return spikes == null || spikes.isEmpty() ? curve : new SpikedRate(curve, spikes);
    }

    private static ArrivalProcess renewal(InterarrivalSampler gaps) {
        return afterS -> afterS + gaps.nextGapS();
    }
}
