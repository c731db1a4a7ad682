package org.llmsim.app;

import org.llmsim.workload.TimeSampler;

/**
 * A model tier at run time: the backend that serves it, where its failed answers escalate to and where its calls
 * overflow to. Settings only: what happened at each tier is counted in a {@link TierTally}.
 */
final class Tier {
    /** Failed answers go on to {@code to}: a share {@code fraction} of the answers, after the check's latency. */
    record Escalation(Tier to, double fraction, TimeSampler checkLatency) {
    }

    /**
     * Calls go on to {@code to} when refused, or when {@code maxQueue} calls wait on the backend
     * ({@code Integer.MAX_VALUE}: never for load).
     */
    record Overflow(Tier to, int maxQueue) {
    }

    final String name;
    final Backend backend;
    /** Name of the pool serving the tier. */
    final String pool;
    // set once by the builder, after every tier exists: tiers name each other
    private Escalation escalation;
    private Overflow overflow;

    Tier(String name, Backend backend, String pool) {
        this.name = name;
        this.backend = backend;
        this.pool = pool;
    }

    /** Sets where the tier escalates and overflows to (either may be null); once, while the layer is built. */
    void link(Escalation escalation, Overflow overflow) {
        if (this.escalation != null || this.overflow != null) {
            throw new IllegalStateException("tier " + name + " is already linked");
        }
        this.escalation = escalation;
        this.overflow = overflow;
    }

    /** Where failed answers escalate to, or null. */
    Escalation escalation() {
        return escalation;
    }

    /** The tier calls overflow to, or null. */
    Tier overflowTo() {
        return overflow == null ? null : overflow.to();
    }

    /** Whether the tier's backend has as many calls waiting as it should hold before spilling over. */
    boolean saturated() {
        return overflow != null && overflow.maxQueue() != Integer.MAX_VALUE
                && backend.waiting() >= overflow.maxQueue();
    }
}
