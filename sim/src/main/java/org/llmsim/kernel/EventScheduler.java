package org.llmsim.kernel;

/**
 * The scheduling port of the simulation: everything outside {@code kernel} advances time only through this interface.
 * Times are in seconds.
 */
public interface EventScheduler {

    /** The current simulated time in seconds. */
    double now();

    /**
     * Runs {@code action} at absolute time {@code timeS}.
     *
     * @param timeS    absolute simulated time, not earlier than {@link #now()}
     * @param priority order among events at the same instant
     * @param action   the state change; it may schedule further events
     * @return a handle that can cancel the event before it runs
     * @throws IllegalArgumentException if {@code timeS} is in the past or not finite
     */
    ScheduledEvent at(double timeS, EventPriority priority, Runnable action);

    /** Runs {@code action} {@code delayS} seconds from now (delay at least 0). */
    default ScheduledEvent after(double delayS, EventPriority priority, Runnable action) {
        return at(now() + delayS, priority, action);
    }

    /** A scheduled event that has not run yet. */
    interface ScheduledEvent {
        /** Prevents the event from running; has no effect if it already ran. */
        void cancel();
    }
}
