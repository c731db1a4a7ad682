package org.llmsim.workload.arrival;

/** A constant rate: one segment, the rate its own bound. */
public record ConstantRate(double rateRps) implements RateCurve {

    @Override
    public double rateAt(double timeS) {
        return rateRps;
    }

    @Override
    public double segmentEndS(double timeS) {
        return Double.POSITIVE_INFINITY;
    }

    @Override
    public double segmentBoundRps(double timeS) {
        return rateRps;
    }
}
