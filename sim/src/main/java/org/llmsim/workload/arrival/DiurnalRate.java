package org.llmsim.workload.arrival;

/**
 * A daily cycle: the rate follows a cosine between {@code troughRps} and {@code peakRps}, highest at
 * {@code peakHour}. Hour {@code h} of the clock at time {@code t} is {@code startHour + 24 t / periodS}. Thinning
 * bounds use {@value #SEGMENTS_PER_PERIOD} segments per period, on each the largest value of the cosine there, so
 * about 97% of candidates are kept at any amplitude.
 */
public final class DiurnalRate implements RateCurve {
    static final int SEGMENTS_PER_PERIOD = 96;

    private final double troughRps;
    private final double amplitudeRps;
    private final double periodS;
    private final double segmentS;
    /** Time of the first peak at or after 0. */
    private final double firstPeakS;

    public DiurnalRate(double troughRps, double peakRps, double peakHour, double startHour, double periodS) {
        this.troughRps = troughRps;
        this.amplitudeRps = peakRps - troughRps;
        this.periodS = periodS;
        this.segmentS = periodS / SEGMENTS_PER_PERIOD;
        double peakFraction = ((peakHour - startHour) / 24.0) % 1.0;
        this.firstPeakS = (peakFraction < 0 ? peakFraction + 1 : peakFraction) * periodS;
    }

    @Override
    public double rateAt(double timeS) {
        double phase = 2 * Math.PI * (timeS - firstPeakS) / periodS;
        return troughRps + amplitudeRps * (1 + Math.cos(phase)) / 2;
    }

    @Override
    public double segmentEndS(double timeS) {
        double end = (Math.floor(timeS / segmentS) + 1) * segmentS;
        return end > timeS ? end : Math.nextUp(timeS);
    }

    @Override
    public double segmentBoundRps(double timeS) {
        double start = Math.floor(timeS / segmentS) * segmentS;
        double end = start + segmentS;
        // The cosine rises to each peak and falls after it: on an interval its largest value is at an end, unless a
        // peak lies inside.
        double peakBefore = firstPeakS + Math.floor((end - firstPeakS) / periodS) * periodS;
        if (peakBefore >= start) {
            return troughRps + amplitudeRps;
        }
        return Math.max(rateAt(start), rateAt(end));
    }
}
