package org.llmsim.kernel;

/**
 * Order of events that fall on the same simulated instant. Arrivals go first, so that a request arriving exactly
 * when an iteration ends is already queued when the replica plans its next batch; observations (samplers) go last,
 * so they see the state after everything that happened at that instant.
 */
public enum EventPriority {
    ARRIVAL(9),
    ITERATION(5),
    OBSERVATION(2);

    /** DSOL priority: a higher value runs earlier among events with the same time. */
    final short dsolPriority;

    EventPriority(int dsolPriority) {
        this.dsolPriority = (short) dsolPriority;
    }
}
