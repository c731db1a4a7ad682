package org.llmsim.scenario;

/**
 * What a run records besides its summary ({@code output}).
 *
 * @param sampleIntervalS simulated seconds between two samples of the time series (arrivals, queue, batch, KV,
 *                        replicas, cost rate); default: {@code duration_s / 300} rounded up to 1, 2 or 5 times a
 *                        power of ten, so a run gives about 300 points
 */
public record OutputSpec(Double sampleIntervalS) {
    /** Samples a run may record at most (per pool), so a tiny interval cannot exhaust memory. */
    public static final long MAX_SAMPLES = 100_000;
    /** Points a run gives with the default interval, before rounding. */
    static final int DEFAULT_POINTS = 300;

    public void validate(String path, Problems p, Double horizonS) {
        p.positive(path + ".sample_interval_s", sampleIntervalS);
        if (sampleIntervalS != null && sampleIntervalS > 0 && horizonS != null
                && horizonS / sampleIntervalS > MAX_SAMPLES) {
            p.add(path + ".sample_interval_s", "must be >= " + Problems.format(niceCeil(horizonS / MAX_SAMPLES))
                    + " s, so that the run (duration plus drain, " + Problems.format(horizonS) + " s) records at most "
                    + MAX_SAMPLES + " samples; got " + Problems.format(sampleIntervalS));
        }
    }

    /** The default interval for a run whose arrivals last {@code durationS}: about 300 points, a round number. */
    public static double defaultSampleIntervalS(double durationS) {
        return niceCeil(durationS / DEFAULT_POINTS);
    }

    /** The smallest of 1, 2 or 5 times a power of ten that is at least {@code x} (x > 0), as the nearest double. */
    static double niceCeil(double x) {
        int exponent = (int) Math.floor(Math.log10(x));
        for (int e = exponent - 1; e <= exponent + 1; e++) {
            for (int step : new int[] {1, 2, 5}) {
                double candidate = java.math.BigDecimal.valueOf(step).scaleByPowerOfTen(e).doubleValue();
                if (candidate >= x) {
                    return candidate;
                }
            }
        }
        return java.math.BigDecimal.ONE.scaleByPowerOfTen(exponent + 2).doubleValue();
    }
}
