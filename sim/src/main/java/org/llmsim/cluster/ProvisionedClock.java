package org.llmsim.cluster;

import java.util.Arrays;

import org.llmsim.metrics.RunResult;

/**
 * The integral of a pool's provisioned replicas over time, over the run and inside the measurement window, and each
 * replica's provisioned time inside the window (the denominator of its utilization). Updated at every start and stop
 * of a replica, never per request or pass.
 */
final class ProvisionedClock {
    private final RunResult.Window window;
    private final double[] sinceS;
    private final double[] windowS;
    private int provisioned;
    private int min;
    private int max;
    private double lastChangeS;
    private double replicaS;
    private double windowReplicaS;

    /**
     * @param slots   replicas of the pool
     * @param initial which of them are provisioned at t = 0
     */
    ProvisionedClock(RunResult.Window window, int slots, boolean[] initial) {
        this.window = window;
        this.sinceS = new double[slots];
        this.windowS = new double[slots];
        Arrays.fill(sinceS, Double.NaN);
        for (int i = 0; i < slots; i++) {
            if (initial[i]) {
                sinceS[i] = 0;
                provisioned++;
            }
        }
        this.min = provisioned;
        this.max = provisioned;
    }

    void started(int slot, double nowS) {
        advance(nowS);
        provisioned++;
        max = Math.max(max, provisioned);
        sinceS[slot] = nowS;
    }

    void stopped(int slot, double nowS) {
        advance(nowS);
        provisioned--;
        min = Math.min(min, provisioned);
        windowS[slot] += window.overlapS(sinceS[slot], nowS);
        sinceS[slot] = Double.NaN;
    }

    private void advance(double nowS) {
        replicaS += provisioned * (nowS - lastChangeS);
        windowReplicaS += provisioned * window.overlapS(lastChangeS, nowS);
        lastChangeS = nowS;
    }

    int provisioned() {
        return provisioned;
    }

    int min() {
        return min;
    }

    int max() {
        return max;
    }

    /** Replica-seconds provisioned from t = 0 to {@code endS} (the end of the run). */
    double replicaS(double endS) {
        return replicaS + provisioned * Math.max(0, endS - lastChangeS);
    }

    /** Replica-seconds provisioned inside the window, up to {@code endS}. */
    double windowReplicaS(double endS) {
        return windowReplicaS + provisioned * window.overlapS(lastChangeS, Math.max(lastChangeS, endS));
    }

    /** Seconds replica {@code slot} was provisioned inside the window, up to {@code endS}. */
    double slotWindowS(int slot, double endS) {
        double s = windowS[slot];
        return Double.isNaN(sinceS[slot]) ? s : s + window.overlapS(sinceS[slot], Math.max(sinceS[slot], endS));
    }
}
