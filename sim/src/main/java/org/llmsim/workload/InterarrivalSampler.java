package org.llmsim.workload;

/** Draws the time to the next arrival, in seconds (positive). */
@FunctionalInterface
public interface InterarrivalSampler {
    double nextGapS();
}
