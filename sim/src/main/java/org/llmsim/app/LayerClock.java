package org.llmsim.app;

import org.llmsim.kernel.EventPriority;
import org.llmsim.kernel.EventScheduler;

/**
 * The application layer's view of the clock: a step that takes time is one event at its end, a step that takes none
 * runs at once, inside the event that started it (so a layer without latencies adds no events).
 */
final class LayerClock {
    private final EventScheduler clock;

    LayerClock(EventScheduler clock) {
        this.clock = clock;
    }

    double now() {
        return clock.now();
    }

    /** Runs {@code action} after {@code delayS} seconds: an event, or at once when the delay is not positive. */
    void after(double delayS, Runnable action) {
        if (delayS > 0) {
            clock.after(delayS, EventPriority.ARRIVAL, action);
        } else {
            action.run();
        }
    }

    /** An event {@code delayS} seconds from now, whatever the delay (a deadline that is checked when it comes). */
    void deadline(double delayS, Runnable action) {
        clock.after(delayS, EventPriority.ARRIVAL, action);
    }
}
