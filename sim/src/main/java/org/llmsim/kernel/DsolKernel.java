package org.llmsim.kernel;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import nl.tudelft.simulation.dsol.experiment.Replication;
import nl.tudelft.simulation.dsol.experiment.SingleReplication;
import nl.tudelft.simulation.dsol.formalisms.eventscheduling.SimEvent;
import nl.tudelft.simulation.dsol.formalisms.eventscheduling.SimEventInterface;
import nl.tudelft.simulation.dsol.model.AbstractDsolModel;
import nl.tudelft.simulation.dsol.simulators.DevsSimulator;

/**
 * {@link EventScheduler} on a DSOL {@link DevsSimulator}. One kernel runs one replication, on DSOL's worker thread;
 * {@link #run} blocks the caller until the replication ends and rethrows any exception an event raised. Kernels on
 * different threads run independently (see {@link ExperimentRunner}).
 *
 * <p>Events are ordered by time, then {@link EventPriority}, then the order in which they were scheduled, so a run is
 * deterministic. The event list is a binary heap ({@link EventHeap}, in the order DSOL's own priority queue gives);
 * cancelled events stay in the heap and are skipped when they come up, which keeps cancellation O(1).
 *
 * <p>DSOL keeps the last simulator it built reachable from a JVM-wide logger registry; a kernel therefore lets go of
 * the model and of any events left when its run ends, so that a run's state does not outlive it.
 */
public final class DsolKernel implements EventScheduler {
    private static final short OBSERVATION = EventPriority.OBSERVATION.dsolPriority;
    /** Guards DSOL's JVM-wide state (naming context, logger registry) while a kernel or replication registers. */
    private static final Object DSOL_NAMING = new Object();
    /** How often the caller looks whether DSOL's thread is still alive while it waits for the run. */
    private static final long WATCH_MS = 250;
    /** How long a run that ends abnormally waits for DSOL's thread to finish its event and end, before letting go. */
    private static final long WORKER_END_MS = 1000;
    private final Devs simulator;
    private long nextSequence;
    private long executedEvents;
    private double lastEventTimeS;
    private volatile boolean running;
    private Throwable failure;

    public DsolKernel() {
        synchronized (DSOL_NAMING) {
            // DSOL's simulator registers a log formatter in a JVM-wide map that is not safe for concurrent use:
            // kernels built on several threads at once (shard jobs) could lose the registration
            simulator = new Devs();
        }
    }

    @Override
    public double now() {
        return simulator.getSimulatorTime();
    }

    @Override
    public ScheduledEvent at(double timeS, EventPriority priority, Runnable action) {
        double now = simulator.getSimulatorTime();
        if (!(timeS >= now) || Double.isInfinite(timeS)) {
            throw new IllegalArgumentException("cannot schedule an event at t=" + timeS + " s when the clock is at " + now
                    + " s");
        }
        KernelEvent event = new KernelEvent(timeS, priority.dsolPriority, nextSequence++, action);
        // Added straight to DSOL's event list: DevsSimulator.scheduleEvent builds a trace string per event.
        simulator.getEventList().add(event);
        return event;
    }

    /**
     * Runs one replication: {@code setup} schedules the first events at time 0, then events execute until none is left
     * or the clock passes {@code horizonS}.
     *
     * @param horizonS the latest simulated time (seconds) an event may run at; later events are never executed
     * @param setup    builds the model and schedules its first events; runs before the clock starts
     * @throws RuntimeException the first exception an event threw, if any (the run stops there)
     */
    public void run(double horizonS, Runnable setup) {
        if (!(horizonS > 0) || Double.isInfinite(horizonS)) {
            throw new IllegalArgumentException("horizon must be a positive finite time, got " + horizonS);
        }
        CountDownLatch ended = new CountDownLatch(1);
        simulator.setEventList(new EventHeap());
        simulator.addListener(event -> ended.countDown(), Replication.END_REPLICATION_EVENT);
        Model model = new Model(simulator, setup);
        running = true;
        try {
            SingleReplication<Double> replication;
            synchronized (DSOL_NAMING) {
                // DSOL registers every replication in one JVM-wide naming context, and its lookup-or-create is not
                // atomic: kernels starting on several threads at once would collide on the name
                replication = new SingleReplication<>("replication", 0.0, 0.0, horizonS);
            }
            simulator.initialize(model, replication);
            simulator.watchWorker();
            simulator.start();
            while (!ended.await(WATCH_MS, TimeUnit.MILLISECONDS)) {
                Throwable death = simulator.death();
                if (death != null && ended.getCount() > 0) {
                    // DSOL's thread catches exceptions but not errors: one that escaped (out of memory) ended the
                    // thread without ending the replication, and nothing else would ever wake this one
                    failure = failure != null ? failure : death;
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while simulating", e);
        } finally {
            running = false;
            simulator.cleanUp();
            if (ended.getCount() == 0 || simulator.workerEnded(WORKER_END_MS)) {
                // DSOL keeps the last simulator reachable from a JVM-wide logger registry, and with it what it holds:
                // the events a run left hold the model's state, which must not outlive the run (after running out of
                // memory, that heap is needed to clean up and report). Not while the worker may still be in an event
                // (this thread was interrupted, or the worker is stuck): it holds the event list's lock
                simulator.dropEvents();
            }
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
    }

    /** Events executed so far; safe to read from another thread for progress display (may lag slightly). */
    public long executedEvents() {
        return executedEvents;
    }

    /** Simulated time of the last executed model event (observations excluded), in seconds. */
    public double lastEventTimeS() {
        return lastEventTimeS;
    }

    /** Whether a replication is under way. */
    public boolean isRunning() {
        return running;
    }

    private void fail(Throwable t) {
        if (failure == null) {
            failure = t;
            // Drop the model's events and let DSOL's own end-of-replication event (at the horizon) end the run the
            // normal way; calling endReplication() from inside an event makes DSOL log spurious errors.
            simulator.getEventList().clear();
            simulator.getEventList().add(new SimEvent<>(simulator.getReplication().getEndTime(),
                    (short) (SimEventInterface.MIN_PRIORITY - 1), simulator, "endReplication", null));
        }
    }

    /** The model as DSOL holds it: it builds the run's model once and then lets go of it (see {@link #run}). */
    private static final class Model extends AbstractDsolModel<Double, DevsSimulator<Double>> {
        private static final long serialVersionUID = 1L;
        private transient Runnable setup;

        Model(DevsSimulator<Double> simulator, Runnable setup) {
            super(simulator);
            this.setup = setup;
        }

        @Override
        public void constructModel() {
            Runnable toRun = setup;
            setup = null;
            toRun.run();
        }
    }

    /** DSOL's simulator, with a look at its worker thread: alive, or dead of what. */
    private static final class Devs extends DevsSimulator<Double> {
        private static final long serialVersionUID = 1L;
        private transient volatile Thread watched;
        private transient volatile Throwable death;

        Devs() {
            super("llmsim");
        }

        /** Watches the worker thread that {@code initialize} created. */
        void watchWorker() {
            watched = worker;
            if (watched != null) {
                watched.setUncaughtExceptionHandler((thread, e) -> death = e);
            }
        }

        /** Drops the events left, under the lock DSOL's worker thread holds while it takes and runs one. */
        void dropEvents() {
            synchronized (semaphore) {
                getEventList().clear();
            }
        }

        /**
         * Whether the worker thread has ended, waiting up to {@code waitMs} for it (once cleaned up, it ends after the
         * event it is in); false at once if this thread is interrupted.
         */
        boolean workerEnded(long waitMs) {
            Thread t = watched;
            if (t == null) {
                return true;
            }
            try {
                t.join(waitMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return !t.isAlive();
        }

        /** What ended the worker thread, if it died; null while it lives. */
        Throwable death() {
            Thread t = watched;
            if (death == null && t != null && !t.isAlive()) {
                return new IllegalStateException("the simulation thread ended before the run did");
            }
            return death;
        }
    }

    /** One model event: a time, a priority, a tie-breaking sequence number and the action. */
    final class KernelEvent implements SimEventInterface<Double>, ScheduledEvent {
        final double timeS;
        private final Double boxedTimeS;
        final short priority;
        final long sequence;
        private Runnable action;

        KernelEvent(double timeS, short priority, long sequence, Runnable action) {
            this.timeS = timeS;
            this.boxedTimeS = timeS;
            this.priority = priority;
            this.sequence = sequence;
            this.action = action;
        }

        @Override
        public void execute() {
            Runnable toRun = action;
            if (toRun == null || failure != null) {
                return; // cancelled, or the run already failed
            }
            action = null;
            if ((++executedEvents & (StopRequest.CHECK_EVERY - 1)) == 0 && StopRequest.requested()) {
                fail(new RunStopped(null));
                return;
            }
            if (priority != OBSERVATION) {
                // observers (samplers) do not extend the run: the fleet is paid until the last model event
                lastEventTimeS = timeS;
            }
            try {
                toRun.run();
            } catch (Throwable t) {
                fail(t);
            }
        }

        @Override
        public void cancel() {
            action = null;
        }

        @Override
        public Double getAbsoluteExecutionTime() {
            return boxedTimeS;
        }

        @Override
        public short getPriority() {
            return priority;
        }

        @Override
        public long getId() {
            return sequence;
        }

        @Override
        public int compareTo(SimEventInterface<Double> other) {
            if (other instanceof KernelEvent o) {
                int byTime = Double.compare(timeS, o.timeS);
                if (byTime != 0) {
                    return byTime;
                }
                if (priority != o.priority) {
                    return priority > o.priority ? -1 : 1;
                }
                return Long.compare(sequence, o.sequence);
            }
            return SimEventInterface.super.compareTo(other);
        }
    }
}
