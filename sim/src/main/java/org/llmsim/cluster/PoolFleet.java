package org.llmsim.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.llmsim.engine.EngineListener;
import org.llmsim.engine.PassSlowdown;
import org.llmsim.engine.Replica;
import org.llmsim.engine.ReplicaState;
import org.llmsim.kernel.EventPriority;
import org.llmsim.kernel.EventScheduler;
import org.llmsim.metrics.ElasticResult;
import org.llmsim.metrics.ElasticResult.ReplicaEvent;
import org.llmsim.metrics.RunResult;
import org.llmsim.request.Request;
import org.llmsim.scenario.AutoscaleSpec;
import org.llmsim.scenario.PoolPlan;
import org.llmsim.scenario.Problems;
import org.llmsim.scenario.ReplicaCrashFault;

/**
 * The replicas of one GPU pool through their lives: which are provisioned (and paid), which serve, which take new
 * requests. The autoscaler changes the pool's size with {@link #scaleTo}; faults crash replicas with {@link #crash}.
 *
 * <ul>
 *   <li><b>Scale up</b>: draining replicas are taken back first (they are warm), then stopped ones are provisioned:
 *       paid from now, serving after the cold start.</li>
 *   <li><b>Scale down</b>: replicas starting or restarting that hold nothing are stopped at once; then serving ones,
 *       fewest requests first, drain: no new requests, those they hold finish, then they stop and cost nothing.</li>
 *   <li><b>Scale from zero</b>: a request reaching a pool at zero starts a replica at once and waits on it for the
 *       cold start.</li>
 *   <li><b>Crash</b>: the replica loses its KV and its requests, which are sent again through the router or counted
 *       failed; it stays paid while it restarts.</li>
 * </ul>
 * New requests go to serving replicas; when none serves, to those starting, which hold them. Every change records a
 * {@link ReplicaEvent}; the provisioned replicas are integrated over time for the bill ({@link ProvisionedClock}).
 */
public final class PoolFleet implements ReplicaSet {
    private final PoolPlan plan;
    private final List<Replica> slots;
    private final int firstIndex;
    private final EventScheduler clock;
    private final EngineListener listener;
    private final List<ReplicaEvent> log;
    private final ProvisionedClock provisioned;
    private final EventScheduler.ScheduledEvent[] pendingReady;
    private final boolean scaleToZero;
    private Runnable onChange = () -> { };
    private Consumer<Request> retryTarget;
    private List<Replica> serving;
    private List<Replica> starting;
    private long scaleUps;
    private long scaleDowns;
    private long coldStarts;
    private long crashes;
    private long retried;
    private long failed;
    private boolean faulted;

    /**
     * @param plan       the pool
     * @param slots      its replicas (all of them a request may enter), in global order
     * @param firstIndex global index of its first replica
     * @param listener   where requests lost by a crash are reported failed
     * @param log        the run's replica events, shared by the pools so that it stays in time order
     */
    PoolFleet(PoolPlan plan, List<Replica> slots, int firstIndex, EventScheduler clock, EngineListener listener,
            RunResult.Window window, List<ReplicaEvent> log) {
        this.plan = plan;
        this.slots = List.copyOf(slots);
        this.firstIndex = firstIndex;
        this.clock = clock;
        this.listener = listener;
        this.log = log;
        this.pendingReady = new EventScheduler.ScheduledEvent[slots.size()];
        AutoscaleSpec autoscale = plan.spec().autoscale();
        this.scaleToZero = autoscale != null && autoscale.scaleToZero();
        boolean[] initial = new boolean[slots.size()];
        int warm = plan.autoscales() ? plan.initialReplicas() : slots.size();
        for (int i = 0; i < slots.size(); i++) {
            initial[i] = i < warm;
            if (!initial[i]) {
                slots.get(i).startStopped();
            }
        }
        this.provisioned = new ProvisionedClock(window, slots.size(), initial, plan.pricing().committed());
        refreshLists();
    }

    /** Tells {@code action} whenever the replicas that take new requests change. */
    void onChange(Runnable action) {
        this.onChange = action;
    }

    public PoolPlan plan() {
        return plan;
    }

    @Override
    public List<Replica> routable() {
        if (serving.isEmpty() && starting.isEmpty()) {
            wakeFromZero();
        }
        List<Replica> r = servingOrStarting();
        if (r.isEmpty()) {
            throw new IllegalStateException("pool " + plan.name() + " has no replica to take a request");
        }
        return r;
    }

    /** Serving replicas, else starting ones; empty when nothing is provisioned (or everything drains). */
    List<Replica> servingOrStarting() {
        return serving.isEmpty() ? starting : serving;
    }

    /** Serving replicas that take new requests. */
    List<Replica> serving() {
        return serving;
    }

    /** Replicas starting or restarting that take requests to hold. */
    List<Replica> starting() {
        return starting;
    }

    @Override
    public List<Replica> all() {
        return slots;
    }

    @Override
    public void retryThrough(Consumer<Request> target) {
        this.retryTarget = target;
    }

    /** Replicas the pool wants: provisioned and not draining (the autoscaler's current size). */
    public int wanted() {
        int n = 0;
        for (Replica r : slots) {
            ReplicaState s = r.state();
            n += s.provisioned() && s != ReplicaState.DRAINING ? 1 : 0;
        }
        return n;
    }

    /** Replicas provisioned (paid) now. */
    public int provisioned() {
        return provisioned.provisioned();
    }

    /** Requests the pool's replicas have accepted over the run. */
    public long accepted() {
        long n = 0;
        for (Replica r : slots) {
            n += r.accepted();
        }
        return n;
    }

    /** Requests waiting or running on the pool's replicas. */
    public int outstanding() {
        int n = 0;
        for (Replica r : slots) {
            n += r.outstanding();
        }
        return n;
    }

    /**
     * Changes the number of replicas the pool wants to {@code target} (as far as its replicas allow) and records the
     * decision.
     *
     * @param event  {@link ReplicaEvent#SCALE_UP}, {@link ReplicaEvent#SCALE_DOWN}, ...
     * @param metric the signal behind it, or null
     * @param value  the signal per replica, or NaN
     */
    public void scaleTo(int target, String event, String metric, double value, String reason) {
        int wanted = wanted();
        if (target > wanted) {
            grow(target - wanted);
            scaleUps++;
        } else if (target < wanted) {
            shrink(wanted - target);
            scaleDowns++;
        } else {
            return;
        }
        refreshLists();
        record(event, -1, metric, value, reason);
        onChange.run();
    }

    private void grow(int count) {
        int add = count;
        for (int i = 0; i < slots.size() && add > 0; i++) {
            if (slots.get(i).state() == ReplicaState.DRAINING) {
                slots.get(i).undrain();
                add--;
            }
        }
        for (int i = 0; i < slots.size() && add > 0; i++) {
            Replica r = slots.get(i);
            if (r.state() == ReplicaState.STOPPED) {
                r.provision();
                provisioned.started(i, clock.now());
                coldStarts++;
                int slot = i;
                pendingReady[i] = clock.after(plan.coldStartS(), EventPriority.ITERATION,
                        () -> ready(slot, ReplicaEvent.READY, "cold start of " + fmt(plan.coldStartS()) + " s over"));
                add--;
            }
        }
    }

    private void shrink(int count) {
        int remove = count;
        // replicas still loading that hold nothing: cancel them, newest first
        for (int i = slots.size() - 1; i >= 0 && remove > 0; i--) {
            Replica r = slots.get(i);
            ReplicaState s = r.state();
            if ((s == ReplicaState.COLD || s == ReplicaState.CRASHED) && r.outstanding() == 0) {
                cancelStart(i);
                remove--;
            }
        }
        // serving replicas drain, the least loaded first (ties: the newest)
        while (remove > 0) {
            int victim = -1;
            for (int i = slots.size() - 1; i >= 0; i--) {
                Replica r = slots.get(i);
                if (r.state() == ReplicaState.SERVING
                        && (victim < 0 || r.outstanding() < slots.get(victim).outstanding())) {
                    victim = i;
                }
            }
            if (victim < 0) {
                return; // the rest hold requests while they start: they stay
            }
            int slot = victim;
            slots.get(slot).drain(() -> stopped(slot));
            remove--;
        }
    }

    private void cancelStart(int slot) {
        Replica r = slots.get(slot);
        if (pendingReady[slot] != null) {
            pendingReady[slot].cancel();
            pendingReady[slot] = null;
        }
        if (r.state() == ReplicaState.CRASHED) {
            r.stopCrashed();
        } else {
            r.drain(() -> { });
        }
        provisioned.stopped(slot, clock.now());
    }

    /** A draining replica emptied and stopped. */
    private void stopped(int slot) {
        provisioned.stopped(slot, clock.now());
        refreshLists();
        record(ReplicaEvent.STOPPED, slot, null, Double.NaN, "drained");
        onChange.run();
    }

    private void ready(int slot, String event, String reason) {
        pendingReady[slot] = null;
        slots.get(slot).ready();
        refreshLists();
        record(event, slot, null, Double.NaN, reason);
        onChange.run();
    }

    /** A request reached the pool with nothing provisioned: start a replica now, if the pool may scale from zero. */
    private void wakeFromZero() {
        if (scaleToZero) {
            scaleTo(Math.max(1, wanted() + 1), ReplicaEvent.SCALE_FROM_ZERO, null, Double.NaN,
                    "a request arrived with no replica provisioned");
        }
    }

    /**
     * Crashes the pool's replica {@code slot} (0-based within the pool) if it is up (serving or draining); returns
     * whether it crashed. Its requests go through the router again or fail as {@code inFlight} says; it restarts
     * for {@code restartS} (paid), unless it was draining, in which case it stops.
     */
    public boolean crash(int slot, ReplicaCrashFault.InFlight inFlight, double restartS, String reason) {
        Replica r = slots.get(slot);
        if (!r.state().runsPasses()) {
            return false;
        }
        faulted = true;
        crashes++;
        boolean draining = r.state() == ReplicaState.DRAINING;
        List<Request> lost = new ArrayList<>();
        r.crash(lost::add);
        if (draining) {
            r.stopCrashed();
            provisioned.stopped(slot, clock.now());
        } else {
            pendingReady[slot] = clock.after(restartS, EventPriority.ITERATION,
                    () -> ready(slot, ReplicaEvent.RECOVERED, "restarted after " + fmt(restartS) + " s"));
        }
        refreshLists();
        boolean retry = inFlight == ReplicaCrashFault.InFlight.RETRY;
        record(ReplicaEvent.CRASH, slot, null, Double.NaN, reason + "; " + lost.size() + " requests "
                + (retry ? "sent again" : "lost"));
        onChange.run();
        double now = clock.now();
        for (Request q : lost) {
            if (retry) {
                retried++;
                q.markRetriedAfterCrash();
                retryTarget.accept(q);
            } else {
                failed++;
                q.markFailed(ReplicaCrashFault.KIND);
                listener.onFailed(q, now);
            }
        }
        return true;
    }

    /** Notes that a fault other than a crash (a degraded GPU) strikes this pool. */
    void markFaulted() {
        faulted = true;
    }

    private void refreshLists() {
        List<Replica> up = new ArrayList<>();
        List<Replica> loading = new ArrayList<>();
        for (Replica r : slots) {
            ReplicaState s = r.state();
            if (s == ReplicaState.SERVING) {
                up.add(r);
            } else if (s == ReplicaState.COLD || s == ReplicaState.CRASHED) {
                loading.add(r);
            }
        }
        if (serving == null || !serving.equals(up)) {
            serving = List.copyOf(up);
        }
        if (starting == null || !starting.equals(loading)) {
            starting = List.copyOf(loading);
        }
    }

    private void record(String event, int slot, String metric, double value, String reason) {
        int runs = 0;
        for (Replica r : slots) {
            runs += r.state().runsPasses() ? 1 : 0;
        }
        log.add(new ReplicaEvent(clock.now(), plan.name(), event, slot < 0 ? -1 : firstIndex + slot, wanted(),
                provisioned(), runs, metric, value, reason));
    }

    /**
     * The pool over the run, which ended at {@code endS}.
     *
     * @param gpuHours its provisioned GPU-hours, and {@code gpuUsd} their cost (as the bill counts them)
     */
    ElasticResult.PoolElastic result(double endS, double gpuHours, double gpuUsd) {
        AutoscaleSpec a = plan.spec().autoscale();
        double replicaS = provisioned.replicaS(endS);
        int slotsCount = slots.size();
        return new ElasticResult.PoolElastic(plan.name(), a != null, a != null ? a.minReplicas() : slotsCount,
                slotsCount, a != null ? a.target().metric().yamlName() : null,
                a != null ? a.target().value() : Double.NaN, plan.coldStartS(), scaleUps, scaleDowns, coldStarts,
                endS > 0 ? replicaS / endS : slotsCount, provisioned.min(), provisioned.max(), gpuHours, gpuUsd,
                faulted, crashes, retried, failed,
                degradedReplicas(), plan.autoscales() ? plan.initialReplicas() : slotsCount);
    }

    private int degradedReplicas() {
        int n = 0;
        for (Replica r : slots) {
            n += r.slowdown() != PassSlowdown.NONE ? 1 : 0;
        }
        return n;
    }

    /** The pool's provisioned replicas over time (what the bill counts). */
    ProvisionedClock provisionedClock() {
        return provisioned;
    }

    private static String fmt(double s) {
        return Problems.format(Math.round(s * 10) / 10.0);
    }
}
