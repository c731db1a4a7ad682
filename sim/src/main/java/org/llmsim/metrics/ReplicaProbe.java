package org.llmsim.metrics;

/**
 * Per-replica utilization. Windows: busy time and KV occupancy integrate each forward pass over its overlap with the
 * window; passes and the sequences in them count passes that started inside it; completions count the whole run.
 * Arrays indexed by global replica, so a pass costs a few additions and no allocation.
 */
final class ReplicaProbe {
    private final RunResult.Window window;
    private final double[] busyS;
    private final double[] kvBlockFractionS;
    private final long[] passes;
    private final long[] sequencesInPasses;
    private final long[] completed;
    /** Joules of each replica's GPUs over its passes' overlap with the window. */
    private final double[] activeJ;
    /** Output tokens of passes that started inside the window. */
    private final long[] outputTokens;
    /** Completions inside the window. */
    private final long[] completedInWindow;

    ReplicaProbe(RunResult.Window window, int replicas) {
        this.window = window;
        this.busyS = new double[replicas];
        this.kvBlockFractionS = new double[replicas];
        this.passes = new long[replicas];
        this.sequencesInPasses = new long[replicas];
        this.completed = new long[replicas];
        this.activeJ = new double[replicas];
        this.outputTokens = new long[replicas];
        this.completedInWindow = new long[replicas];
    }

    void pass(int replica, double startS, double endS, int sequences, int usedBlocks, int totalBlocks) {
        double inWindow = window.overlapS(startS, endS);
        if (inWindow > 0) {
            busyS[replica] += inWindow;
            kvBlockFractionS[replica] += inWindow * usedBlocks / totalBlocks;
        }
        if (window.contains(startS)) {
            passes[replica]++;
            sequencesInPasses[replica] += sequences;
        }
    }

    void finished(int replica, double timeS) {
        completed[replica]++;
        if (window.contains(timeS)) {
            completedInWindow[replica]++;
        }
    }

    /** A pass drew {@code watts} (all the replica's GPUs) from {@code startS} to {@code endS}. */
    void power(int replica, double startS, double endS, double watts) {
        double inWindow = window.overlapS(startS, endS);
        if (inWindow > 0) {
            activeJ[replica] += watts * inWindow;
        }
    }

    void outputTokens(int replica, double startS, int tokens) {
        if (window.contains(startS)) {
            outputTokens[replica] += tokens;
        }
    }

    double busyS(int replica) {
        return busyS[replica];
    }

    double activeJ(int replica) {
        return activeJ[replica];
    }

    long outputTokens(int replica) {
        return outputTokens[replica];
    }

    long completedInWindow(int replica) {
        return completedInWindow[replica];
    }

    int replicas() {
        return busyS.length;
    }

    /** Completions of replicas {@code [from, to)} over the whole run. */
    long completed(int from, int to) {
        long n = 0;
        for (int i = from; i < to; i++) {
            n += completed[i];
        }
        return n;
    }

    RunResult.ReplicaResult row(int replica, String pool, ProvisionedTime provisioned) {
        return new RunResult.ReplicaResult(replica, pool, completed[replica], passes[replica],
                utilization(replica, replica + 1, provisioned));
    }

    /**
     * Utilization averaged over replicas {@code [from, to)}: over the whole window for fixed pools, over the time
     * each replica was provisioned when some pool autoscales.
     */
    RunResult.Utilization utilization(int from, int to, ProvisionedTime provisioned) {
        double busy = 0;
        double kv = 0;
        long passCount = 0;
        long sequenceCount = 0;
        double provisionedS = 0;
        for (int i = from; i < to; i++) {
            busy += busyS[i];
            kv += kvBlockFractionS[i];
            passCount += passes[i];
            sequenceCount += sequencesInPasses[i];
            provisionedS += provisioned.dynamic() ? provisioned.replicaWindowS(i) : 0;
        }
        double replicaS = provisioned.dynamic() ? provisionedS : (to - from) * window.lengthS();
        double batch = passCount == 0 ? 0 : (double) sequenceCount / passCount;
        if (!(replicaS > 0)) {
            return new RunResult.Utilization(0, batch, 0, 0, passCount);
        }
        return new RunResult.Utilization(kv / replicaS, batch, busy / replicaS, replicaS, passCount);
    }
}
