package org.llmsim.workload;

import org.llmsim.kernel.EventPriority;
import org.llmsim.kernel.EventScheduler;
import org.llmsim.workload.arrival.ArrivalProcess;

/** An open arrival process feeding one class or a mix of classes: one event per arrival, each scheduling the next. */
final class OpenArrivalSource {
    private final RequestGenerator generator;
    private final EventScheduler clock;
    private final ClassPicker classes;
    private final ArrivalProcess process;

    OpenArrivalSource(RequestGenerator generator, EventScheduler clock, ClassPicker classes, ArrivalProcess process) {
        this.generator = generator;
        this.clock = clock;
        this.classes = classes;
        this.process = process;
    }

    void start() {
        scheduleAfter(clock.now());
    }

    private void scheduleAfter(double afterS) {
        double t = process.nextArrivalS(afterS);
        if (generator.accepts(t)) {
            clock.at(t, EventPriority.ARRIVAL, () -> arrive(t));
        }
    }

    private void arrive(double timeS) {
        generator.startWork(classes.pick(), timeS, null);
        scheduleAfter(timeS);
    }
}
