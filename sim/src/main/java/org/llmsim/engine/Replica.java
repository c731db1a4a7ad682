package org.llmsim.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.llmsim.hardware.MemoryPlan;
import org.llmsim.passtime.PassCostModel;
import org.llmsim.kernel.EventPriority;
import org.llmsim.kernel.EventScheduler;
import org.llmsim.request.Request;

/**
 * One model replica (a tensor-parallel group of GPUs running one copy of the model), as an engine loop:
 *
 * <pre>
 *   idle --submit--> plan batch --price with roofline--> [one event at the pass's end] --> apply --> plan next ...
 * </pre>
 *
 * A request that arrives while a pass runs waits for the next pass boundary, as in real engines.
 *
 * <p>A replica has a life ({@link ReplicaState}): a fixed pool's replicas serve throughout; an autoscaled pool starts
 * them cold ({@link #provision}, {@link #ready}) and drains them ({@link #drain}); a crash ({@link #crash}) drops its
 * KV cache and every request it holds, and it restarts cold. The engine (scheduler, KV cache, swap space) is rebuilt
 * whenever the replica starts, as a new process would be.
 */
public final class Replica {
    private final int index;
    private final String poolName;
    private final EventScheduler clock;
    private final PassCostModel costModel;
    private final MemoryPlan memory;
    private final SchedulerConfig config;
    private final EngineListener listener;
    private final SpeculativeDecoding speculative;
    private final PassPricer pricer;
    private final int maxContextTokens;
    private final ServerFrontend frontend;
    private KvCacheManager kv;
    private BatchScheduler scheduler;
    private SwapSpace swapSpace;
    private PrefillHandoff handoff;
    private long admissions;
    private boolean busy;
    private ReplicaState state = ReplicaState.SERVING;
    /** {@code state.runsPasses()}, kept as a field for the hot path. */
    private boolean runsPasses = true;
    /** Counts crashes: a pass that ends after its replica crashed finds the epoch changed and does nothing. */
    private int epoch;
    private PassSlowdown slowdown = PassSlowdown.NONE;
    /** The pass under way, or null: a crash must also lose the prompts only the pass holds. */
    private BatchPlan passPlan;
    /** Told when a draining replica has emptied and stopped. */
    private Runnable onDrained;
    /** Runs an idle scheduler that waits on its own (dynamic batching) again when it asks to be. */
    private final WakeUp wakeUp;

    /**
     * @param index       global replica index (across pools), used in outputs
     * @param poolName    the pool the replica belongs to
     * @param clock       the simulation's scheduler
     * @param costModel   prices forward passes
     * @param memory      KV capacity of the replica
     * @param config      scheduler knobs
     * @param listener    receives finished requests and per-pass statistics
     * @param speculative the draft model, or {@link SpeculativeDecoding#NONE} (it needs iteration-level batching)
     */
    public Replica(int index, String poolName, EventScheduler clock, PassCostModel costModel, MemoryPlan memory,
            SchedulerConfig config, EngineListener listener, SpeculativeDecoding speculative) {
        this.index = index;
        this.speculative = speculative;
        this.poolName = poolName;
        this.clock = clock;
        this.costModel = costModel;
        this.memory = memory;
        this.config = config;
        this.listener = listener;
        this.maxContextTokens = costModel.hardware().model().maxContext();
        this.pricer = new PassPricer(index, costModel, speculative, listener);
        this.frontend = new ServerFrontend(clock, costModel.hardware().gpu().requestLatencySOrZero());
        this.wakeUp = new WakeUp(clock, () -> {
            if (!busy && runsPasses) {
                runNextPass(true);
            }
        });
        freshEngine();
    }

    /** A new scheduler with an empty KV cache and swap space, as when the engine process starts. */
    private void freshEngine() {
        this.kv = new KvCacheManager(memory.kvBlocks(), config.blockSize(), config.prefixCaching());
        this.swapSpace = config.preemption() == PreemptionMode.SWAP
                ? SwapSpace.of(costModel.hardware(), config.blockSize(), config.swapSpaceBytesPerGpu())
                : SwapSpace.NONE;
        this.scheduler = switch (config.policy()) {
            case CONTINUOUS, CHUNKED_PREFILL, PREFILL_FIRST -> new ContinuousBatchScheduler(config, kv, swapSpace, listener,
                    speculative);
            case STATIC -> new StaticBatchScheduler(config, kv, listener);
            case DYNAMIC -> new DynamicBatchScheduler(config, kv, listener);
        };
        if (handoff != null) {
            scheduler.handOffPrefillsTo(handoff);
        }
    }

    /**
     * Accepts a request: it is rejected at once if it can never be served here (longer than the model's context
     * window, or more KV than the whole cache holds); otherwise it waits for a pass.
     */
    public void submit(Request request) {
        if (state == ReplicaState.STOPPED) {
            throw new IllegalStateException("replica " + index + " of " + poolName + " is stopped and takes no "
                    + "requests");
        }
        request.assignReplica(index);
        long totalTokens = (long) request.inputTokens() + request.outputTokens();
        if (totalTokens > maxContextTokens) {
            reject(request, "context_window");
            return;
        }
        if (kv.blocksFor(scheduler.maxKvTokens(request)) > kv.totalBlocks()) {
            reject(request, "kv_capacity");
            return;
        }
        if (frontend.passThrough()) {
            enqueue(request);
        } else {
            frontend.accept(request, this::enqueue);
        }
    }

    private void enqueue(Request request) {
        scheduler.enqueue(new Sequence(request, admissions++, listener.measures(request)));
        if (!busy && runsPasses) {
            runNextPass(true);
        }
    }

    /**
     * Makes this a prefill replica of a disaggregated pool: every computed prompt (of a request that wants more than
     * one token) goes to {@code handoff} with its KV instead of decoding here.
     */
    public void handOffPrefillsTo(PrefillHandoff handoff) {
        this.handoff = handoff;
        scheduler.handOffPrefillsTo(handoff);
    }

    /** Where the replica is in its life. */
    public ReplicaState state() {
        return state;
    }

    /** Stretches the passes that start inside the slowdown's windows (a degraded GPU); {@link PassSlowdown#NONE}. */
    public void slowDown(PassSlowdown value) {
        this.slowdown = value;
    }

    /** Marks a replica built but not provisioned at t = 0 (an autoscaled pool's spare slot). */
    public void startStopped() {
        if (state != ReplicaState.SERVING || busy || outstanding() > 0) {
            throw new IllegalStateException("replica " + index + " has already started");
        }
        setState(ReplicaState.STOPPED);
    }

    /**
     * A stopped replica is requested: it is paid from now and loads the model, holding any request routed to it
     * until {@link #ready}.
     */
    public void provision() {
        requireState(ReplicaState.STOPPED, "provision");
        freshEngine();
        setState(ReplicaState.COLD);
    }

    /** A cold or restarting replica has loaded the model: it serves, starting with the requests it holds. */
    public void ready() {
        if (state != ReplicaState.COLD && state != ReplicaState.CRASHED) {
            throw new IllegalStateException("replica " + index + " of " + poolName + " cannot become ready when "
                    + state);
        }
        setState(ReplicaState.SERVING);
        if (!busy) {
            runNextPass(true);
        }
    }

    /**
     * The replica takes no new requests (its pool no longer routes to it) and stops, telling {@code onStopped}, once
     * the requests it holds have finished; at once if it holds none. A cold replica holding nothing stops at once.
     */
    public void drain(Runnable onStopped) {
        if (state == ReplicaState.COLD && outstanding() == 0) {
            setState(ReplicaState.STOPPED);
            onStopped.run();
            return;
        }
        requireState(ReplicaState.SERVING, "drain");
        this.onDrained = onStopped;
        setState(ReplicaState.DRAINING);
        if (!busy && outstanding() == 0) {
            stopDrained();
        }
    }

    /** A draining replica is wanted again (its pool scales back up): it takes new requests and keeps serving. */
    public void undrain() {
        requireState(ReplicaState.DRAINING, "undrain");
        onDrained = null;
        setState(ReplicaState.SERVING);
    }

    /** The slowdown of this replica's passes ({@link PassSlowdown#NONE} when healthy). */
    public PassSlowdown slowdown() {
        return slowdown;
    }

    /** Requests this replica has accepted into its queue over the run (a cheap count of its traffic). */
    public long accepted() {
        return admissions;
    }

    /**
     * The replica crashes: its KV cache (prefix cache included) and every request it holds, running, swapped or
     * waiting, are lost; each goes to {@code lost} (oldest running first, then the waiting in queue order). The pass
     * under way never ends. The replica stays provisioned, restarting, until {@link #ready}; a draining replica is
     * then simply stopped by its pool.
     */
    public void crash(Consumer<Request> lost) {
        List<Request> held = new ArrayList<>(outstanding());
        forEachInFlight(held::add);
        frontend.drain();
        passPlan = null;
        epoch++;
        busy = false;
        wakeUp.cancel();
        onDrained = null;
        freshEngine();
        setState(ReplicaState.CRASHED);
        held.forEach(lost);
    }

    /** Stops a crashed replica that its pool no longer wants (it was draining when it crashed). */
    public void stopCrashed() {
        requireState(ReplicaState.CRASHED, "stop");
        setState(ReplicaState.STOPPED);
    }

    private void stopDrained() {
        setState(ReplicaState.STOPPED);
        Runnable done = onDrained;
        onDrained = null;
        done.run();
    }

    private void setState(ReplicaState value) {
        state = value;
        runsPasses = value.runsPasses();
    }

    private void requireState(ReplicaState expected, String action) {
        if (state != expected) {
            throw new IllegalStateException("cannot " + action + " replica " + index + " of " + poolName + ": it is "
                    + state + ", not " + expected);
        }
    }

    /**
     * A decode replica of a disaggregated pool receives {@code request}, whose prompt a prefill replica computed and
     * whose KV has just arrived (its first token was delivered at {@code nowS}); it decodes the rest of the answer
     * once its KV fits.
     */
    public void acceptPrefilled(Request request) {
        request.assignReplica(index);
        Sequence s = new Sequence(request, admissions++, listener.measures(request));
        s.generated = 1;
        s.lastTokenS = clock.now();
        scheduler.acceptPrefilled(s);
        if (!busy && runsPasses) {
            runNextPass(true);
        }
    }

    /**
     * Drops a request that is still waiting for its first pass (its client or the gateway timed out): it leaves the
     * queue and is reported rejected with {@code reason}. Returns false, changing nothing, when the request was
     * already scheduled (a preempted request waits again, but keeps its place as admitted).
     */
    public boolean abortWaiting(Request request, String reason) {
        if (!Double.isNaN(request.scheduledS())
                || !(frontend.remove(request) || scheduler.removeWaiting(request))) {
            return false;
        }
        reject(request, reason);
        return true;
    }

    private void reject(Request request, String reason) {
        request.markRejected(reason);
        listener.onRejected(request, clock.now());
    }

    /**
     * Plans, prices and schedules the next pass; {@code afterIdle} when the replica was idle until now (a pipeline
     * then starts empty).
     */
    private void runNextPass(boolean afterIdle) {
        double startS = clock.now();
        BatchPlan plan = scheduler.schedule(startS);
        if (plan == null) {
            busy = false;
            wakeUp.arm(scheduler.wakeUpS());
            if (state == ReplicaState.DRAINING && outstanding() == 0) {
                stopDrained();
            }
            return;
        }
        busy = true;
        double durationS = pricer.durationS(plan, startS, afterIdle, swapSpace, slowdown);
        int passEpoch = epoch;
        double passW = pricer.lastPassW();
        passPlan = plan;
        clock.after(durationS, EventPriority.ITERATION, () -> finishPass(plan, startS, passEpoch, passW));
    }

    private void finishPass(BatchPlan plan, double startS, int passEpoch, double passW) {
        if (passEpoch != epoch) {
            return; // the replica crashed during the pass: its batch is gone
        }
        passPlan = null;
        double endS = clock.now();
        scheduler.complete(plan, endS);
        listener.onIteration(index, startS, endS, plan.sequences(), plan.newTokens(), plan.outputTokens(),
                plan.usedBlocks(), kv.totalBlocks());
        listener.onPassPower(index, startS, endS, passW);
        if (plan.steadyTokens() > 0) {
            double sinceS = Double.isNaN(plan.steadySinceS()) ? startS : plan.steadySinceS();
            listener.onTokenGaps(endS - sinceS, plan.steadyTokens());
        }
        runNextPass(false);
    }

    public int index() {
        return index;
    }

    public String poolName() {
        return poolName;
    }

    /** Requests waiting or running on this replica (those still in its server's frontend included). */
    public int outstanding() {
        return frontend.size() + scheduler.waitingCount() + scheduler.runningCount();
    }

    public int waitingCount() {
        return frontend.size() + scheduler.waitingCount();
    }

    public int runningCount() {
        return scheduler.runningCount();
    }

    /** Fraction of KV blocks in use. */
    public double kvUtilization() {
        return kv.utilization();
    }

    public int kvBlocks() {
        return kv.totalBlocks();
    }

    /** Tokens per KV-cache block. */
    public int kvBlockSize() {
        return kv.blockSize();
    }

    public PassCostModel costModel() {
        return costModel;
    }

    /**
     * Visits every request this replica holds, once each: those its scheduler keeps (waiting, running, swapped) and
     * the prompts that only the pass under way holds (a prompt computed whole, or its last chunk, joins the
     * scheduler's lists when the pass ends). Used when the replica crashes and when the run stops.
     */
    public void forEachInFlight(Consumer<Request> visitor) {
        frontend.forEach(visitor);
        if (passPlan == null) {
            scheduler.forEachInFlight(visitor);
            return;
        }
        Set<Request> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        scheduler.forEachInFlight(r -> {
            if (seen.add(r)) {
                visitor.accept(r);
            }
        });
        for (Sequence s : passPlan.prefills()) {
            if (seen.add(s.request)) {
                visitor.accept(s.request);
            }
        }
    }
}
