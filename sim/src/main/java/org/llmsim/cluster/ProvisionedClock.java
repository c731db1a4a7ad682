package org.llmsim.cluster;

import java.util.Arrays;

import org.llmsim.metrics.RunResult;

/**
 * The integral of a pool's provisioned replicas over time, over the run and inside the measurement window, and each
 * replica's provisioned time inside the window (the denominator of its utilization), and the integral of the replicas
 * beyond a committed count (billed on demand when the rest are reserved). Updated at every start and stop of a
 * replica, never per request or pass.
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
    private final int committed;
    private double excessS;
    private double windowExcessS;

    /**
     * @param slots     replicas of the pool
     * @param initial   which of them are provisioned at t = 0
     * @param committed replicas paid anyway (a reservation); time beyond them is integrated apart
     */
    ProvisionedClock(RunResult.Window window, int slots, boolean[] initial, int committed) {
        this.window = window;
        this.committed = committed;
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
        int excess = Math.max(0, provisioned - committed);
        replicaS += provisioned * (nowS - lastChangeS);
        windowReplicaS += provisioned * window.overlapS(lastChangeS, nowS);
        excessS += excess * (nowS - lastChangeS);
        windowExcessS += excess * window.overlapS(lastChangeS, nowS);
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

    /** Replica-seconds beyond the committed replicas from t = 0 to {@code endS}. */
    double excessS(double endS) {
        return excessS + Math.max(0, provisioned - committed) * Math.max(0, endS - lastChangeS);
    }

    /** Replica-seconds beyond the committed replicas inside the window, up to {@code endS}. */
    double windowExcessS(double endS) {
        return windowExcessS + Math.max(0, provisioned - committed)
                * window.overlapS(lastChangeS, Math.max(lastChangeS, endS));
    }

    /** Seconds replica {@code slot} was provisioned inside the window, up to {@code endS}. */
    double slotWindowS(int slot, double endS) {
        double s = windowS[slot];
        return Double.isNaN(sinceS[slot]) ? s : s + window.overlapS(sinceS[slot], Math.max(sinceS[slot], endS));
    }
}
