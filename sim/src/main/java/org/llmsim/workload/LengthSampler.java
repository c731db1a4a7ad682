package org.llmsim.workload;

/** Draws token counts (at least 1). */
@FunctionalInterface
public interface LengthSampler {
    int sample();
}
