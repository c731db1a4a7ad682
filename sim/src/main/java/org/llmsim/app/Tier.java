package org.llmsim.app;

import org.llmsim.workload.TimeSampler;

/**
 * A model tier at run time: the backend that serves it, where its failed answers escalate to and where its calls
 * overflow to, and what happened to the measured requests that passed through it.
 */
final class Tier {
    final String name;
    final Backend backend;
    /** Name of the pool serving the tier. */
    final String pool;
    Tier escalateTo;
    double escalateFraction;
    TimeSampler checkLatency;
    Tier overflowTo;
    /** Calls waiting on the backend at which new calls overflow ({@code Integer.MAX_VALUE}: never for load). */
    int maxQueue = Integer.MAX_VALUE;

    long routed;
    long answered;
    long escalatedOut;
    long escalatedIn;
    long overflowOut;
    long overflowIn;

    Tier(String name, Backend backend, String pool) {
        this.name = name;
        this.backend = backend;
        this.pool = pool;
    }

    /** Whether the tier's backend has as many calls waiting as it should hold before spilling over. */
    boolean saturated() {
        return overflowTo != null && maxQueue != Integer.MAX_VALUE && backend.waiting() >= maxQueue;
    }
}
