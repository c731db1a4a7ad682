package org.llmsim.kernel;

/**
 * The clock of one router domain of a fleet whose domains share one event list: schedules on the shared kernel,
 * and keeps the domain's own event count and last event time, and its own horizon, exactly as a kernel of its own
 * would. Domains share nothing else, and a heap keeps the relative order of any subset of its events (time,
 * priority, then insertion order), so a domain runs the same events in the same order whether its neighbours share
 * its event list or not.
 */
public final class DomainClock implements EventScheduler {
    private static final ScheduledEvent NEVER = () -> {
    };
    private final DsolKernel kernel;
    private final double horizonS;
    private long executedEvents;
    private double lastEventTimeS;

    public DomainClock(DsolKernel kernel, double horizonS) {
        this.kernel = kernel;
        this.horizonS = horizonS;
    }

    @Override
    public double now() {
        return kernel.now();
    }

    @Override
    public ScheduledEvent at(double timeS, EventPriority priority, Runnable action) {
        if (timeS > horizonS && !Double.isInfinite(timeS) && timeS >= kernel.now()) {
            return NEVER; // past this domain's horizon: a kernel of its own would never run it
        }
        boolean model = priority != EventPriority.OBSERVATION;
        return kernel.at(timeS, priority, () -> {
            executedEvents++;
            if (model) {
                lastEventTimeS = timeS;
            }
            action.run();
        });
    }

    public long executedEvents() {
        return executedEvents;
    }

    public double lastEventTimeS() {
        return lastEventTimeS;
    }
}
