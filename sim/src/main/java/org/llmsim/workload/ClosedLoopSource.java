package org.llmsim.workload;

import org.llmsim.kernel.EventPriority;
import org.llmsim.kernel.EventScheduler;
import org.llmsim.scenario.ArrivalSpec;

/**
 * {@code users} closed-loop clients. User {@code i} starts at {@code ramp_up_s * i / users}; each later request
 * follows the previous one's answer by a think time, or its rejection by {@code backoff_s}. One event per request.
 */
final class ClosedLoopSource {
    private final RequestGenerator generator;
    private final EventScheduler clock;
    private final ClassPicker classes;
    private final ArrivalSpec.ClosedLoop spec;
    private final TimeSampler think;

    ClosedLoopSource(RequestGenerator generator, EventScheduler clock, ClassPicker classes, ArrivalSpec.ClosedLoop spec,
            TimeSampler think) {
        this.generator = generator;
        this.clock = clock;
        this.classes = classes;
        this.spec = spec;
        this.think = think;
    }

    void start() {
        int users = spec.users();
        for (int i = 0; i < users; i++) {
            ClosedLoopUser user = new ClosedLoopUser(this, i);
            double t = spec.rampUpS() * i / users;
            if (generator.accepts(t)) {
                clock.at(t, EventPriority.ARRIVAL, () -> generator.startWork(classes.pick(), t, user));
            }
        }
    }

    /** The user's last request or session is over at {@code nowS}; schedule its next one. */
    void done(ClosedLoopUser user, double nowS, boolean rejected) {
        double t = nowS + (rejected ? spec.backoffS() : think.sampleS());
        if (generator.accepts(t)) {
            clock.at(t, EventPriority.ARRIVAL, () -> generator.startWork(classes.pick(), t, user));
        }
    }
}
