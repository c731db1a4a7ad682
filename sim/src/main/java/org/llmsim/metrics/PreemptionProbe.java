package org.llmsim.metrics;

import org.llmsim.engine.PreemptionMode;

/** Preemptions by mode and what they cost. Window: the whole run. */
final class PreemptionProbe {
    private long recompute;
    private long swap;
    private long swapSpaceFull;
    private double swappedBytes;
    private double swapS;
    private long recomputeTokens;
    private double recomputeS;

    void preempted(PreemptionMode mode, boolean swapSpaceWasFull) {
        if (mode == PreemptionMode.SWAP) {
            swap++;
        } else {
            recompute++;
        }
        if (swapSpaceWasFull) {
            swapSpaceFull++;
        }
    }

    void cost(double swapTimeS, double bytes, double recomputeTimeS, long tokens) {
        swapS += swapTimeS;
        swappedBytes += bytes;
        recomputeS += recomputeTimeS;
        recomputeTokens += tokens;
    }

    PreemptionResult result() {
        return new PreemptionResult(recompute, swap, swapSpaceFull, swappedBytes, swapS, recomputeTokens, recomputeS);
    }
}
