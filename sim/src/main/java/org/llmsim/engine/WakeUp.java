package org.llmsim.engine;

import org.llmsim.kernel.EventPriority;
import org.llmsim.kernel.EventScheduler;

/**
 * At most one pending wake-up of an idle replica whose scheduler waits on its own (dynamic batching waits for a batch
 * to fill or for its oldest request's deadline): arming it again moves it, cancelling cancels it.
 */
final class WakeUp {
    private final EventScheduler clock;
    private final Runnable action;
    private EventScheduler.ScheduledEvent pending;
    private double atS = Double.NaN;

    /** @param action what runs when the wake-up fires */
    WakeUp(EventScheduler clock, Runnable action) {
        this.clock = clock;
        this.action = action;
    }

    /** Fires {@code action} at {@code timeS}; nothing for NaN, a time already due, or the time already armed. */
    void arm(double timeS) {
        if (Double.isNaN(timeS) || !(timeS > clock.now()) || timeS == atS) {
            return;
        }
        cancel();
        atS = timeS;
        pending = clock.at(timeS, EventPriority.ITERATION, () -> {
            pending = null;
            atS = Double.NaN;
            action.run();
        });
    }

    void cancel() {
        if (pending != null) {
            pending.cancel();
            pending = null;
            atS = Double.NaN;
        }
    }
}
