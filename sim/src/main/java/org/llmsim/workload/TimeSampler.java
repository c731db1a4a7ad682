package org.llmsim.workload;

/** Draws durations in seconds (at least 0). */
@FunctionalInterface
public interface TimeSampler {
    double sampleS();
}
