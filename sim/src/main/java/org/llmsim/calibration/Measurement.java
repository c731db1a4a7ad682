package org.llmsim.calibration;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * A benchmark with measured values of some of its metrics: a point to validate against or to fit to.
 *
 * @param label     names the point in tables ("h100 8b 467/256 @2 req/s", a file name, a CSV line)
 * @param benchmark the configuration and load that were measured
 * @param measured  measured values by metric, in the metric's unit
 * @param source    where the values come from (a URL, a repository path with its date, a file)
 */
public record Measurement(String label, ServeBenchmark benchmark, Map<Metric, Double> measured, String source) {

    public Measurement {
        EnumMap<Metric, Double> copy = new EnumMap<>(Metric.class);
        copy.putAll(measured);
        measured = Collections.unmodifiableMap(copy);
    }

    /** The same measurement with only the given metrics (those it has). */
    public Measurement only(java.util.Collection<Metric> metrics) {
        EnumMap<Metric, Double> kept = new EnumMap<>(Metric.class);
        for (Metric m : metrics) {
            if (measured.containsKey(m)) {
                kept.put(m, measured.get(m));
            }
        }
        return new Measurement(label, benchmark, kept, source);
    }

    /** The same measurement on another GPU profile (an id or path). */
    public Measurement onGpu(String gpu) {
        return new Measurement(label, benchmark.onGpu(gpu), measured, source);
    }
}
