package org.llmsim.cluster;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

import org.llmsim.engine.EngineListener;
import org.llmsim.engine.Replica;
import org.llmsim.engine.SpeculativeDecoding;
import org.llmsim.passtime.PassCostModel;
import org.llmsim.kernel.EventScheduler;
import org.llmsim.kernel.RandomStreams;
import org.llmsim.metrics.ElasticResult;
import org.llmsim.metrics.ProvisionedTime;
import org.llmsim.metrics.RunResult;
import org.llmsim.request.Request;
import org.llmsim.scenario.DisaggregationSpec;
import org.llmsim.scenario.PoolPlan;
import org.llmsim.scenario.Scenario;
import org.llmsim.scenario.SpeculativeSpec;

/**
 * The replicas of every GPU pool of a scenario and the router in front of them. The router sees the replicas a
 * request can enter: all of them, except the decode replicas of disaggregated pools, which receive requests from
 * their pool's prefill replicas ({@link DisaggregatedHandoff}). Without an application layer every request goes
 * through {@link #submit}; with one, each pool's entry replicas ({@link #replicasOf}) form a backend with its own
 * router. A scenario of API providers only has no replicas.
 *
 * <p>Each pool's replicas live in a {@link PoolFleet}, which starts, drains, crashes and restarts them; the router
 * sees the replicas that take new requests now: those serving in any pool, else those starting
 * ({@link #routable()}).
 */
public final class Cluster implements ReplicaSet {
    private final List<Replica> replicas;
    private final List<Replica> allEntries;
    private final List<PoolFleet> fleets;
    private final Router router;
    private final List<DisaggregatedHandoff> handoffs;
    private final List<ElasticResult.ReplicaEvent> events;
    /** The replicas that take new requests now, across pools (an immutable snapshot, replaced on every change). */
    private List<Replica> entries;

    public Cluster(List<Replica> replicas, Router router) {
        this(replicas, replicas, List.of(), router, List.of(), List.of());
    }

    private Cluster(List<Replica> replicas, List<Replica> entries, List<PoolFleet> fleets, Router router,
            List<DisaggregatedHandoff> handoffs, List<ElasticResult.ReplicaEvent> events) {
        this.replicas = List.copyOf(replicas);
        this.allEntries = List.copyOf(entries);
        this.entries = this.allEntries;
        this.fleets = List.copyOf(fleets);
        this.router = router;
        this.handoffs = List.copyOf(handoffs);
        this.events = events;
        for (PoolFleet f : this.fleets) {
            f.onChange(this::refreshEntries);
            f.retryThrough(this::submit);
        }
        if (!this.fleets.isEmpty()) {
            refreshEntries();
        }
    }

    /**
     * Builds the replicas of every pool, numbered globally in pool order (a disaggregated pool's prefill replicas
     * first, then its decode replicas), and the scenario's router.
     */
    public static Cluster build(Scenario scenario, EventScheduler clock, RandomStreams streams,
            EngineListener listener) {
        List<Replica> replicas = new ArrayList<>();
        List<Replica> entries = new ArrayList<>();
        List<PoolFleet> fleets = new ArrayList<>();
        List<DisaggregatedHandoff> handoffs = new ArrayList<>();
        List<ElasticResult.ReplicaEvent> events = new ArrayList<>();
        RunResult.Window window = new RunResult.Window(scenario.spec().warmupS(), scenario.spec().durationS());
        for (PoolPlan pool : scenario.pools()) {
            boolean overlap = pool.scheduler().overlapScheduler();
            PassCostModel cost = new PassCostModel(pool.hardware(), overlap);
            SpeculativeSpec speculative = pool.spec().speculative();
            PassCostModel draftCost = speculative == null ? null
                    : new PassCostModel(pool.hardware().draftHardware(), overlap);
            int first = replicas.size();
            for (int i = 0; i < pool.replicas(); i++) {
                int index = replicas.size();
                SpeculativeDecoding drafts = speculative == null ? SpeculativeDecoding.NONE
                        : new SpeculativeDecoding(speculative.k(), speculative.acceptance(), draftCost,
                                streams.stream("speculative/replica-" + index));
                replicas.add(new Replica(index, pool.name(), clock, cost, pool.memory(), pool.scheduler(), listener,
                        drafts));
            }
            DisaggregationSpec split = pool.spec().disaggregated();
            if (split == null) {
                entries.addAll(replicas.subList(first, replicas.size()));
                fleets.add(new PoolFleet(pool, replicas.subList(first, replicas.size()), first, clock, listener,
                        window, events));
                continue;
            }
            int prefill = split.prefillReplicas();
            List<Replica> prefillReplicas = replicas.subList(first, first + prefill);
            DisaggregatedHandoff handoff = new DisaggregatedHandoff(pool.hardware(), split.kvLink(), first, prefill,
                    replicas.subList(first + prefill, replicas.size()), clock, listener);
            for (Replica r : prefillReplicas) {
                r.handOffPrefillsTo(handoff);
            }
            entries.addAll(prefillReplicas);
            fleets.add(new PoolFleet(pool, prefillReplicas, first, clock, listener, window, events));
            handoffs.add(handoff);
        }
        return new Cluster(replicas, entries, fleets,
                Routers.create(scenario.spec().cluster().router(), streams, "router"), handoffs, events);
    }

    /** Routes a request to a replica it can enter, of any pool, which queues or rejects it. */
    public void submit(Request request) {
        router.choose(request, routable()).submit(request);
    }

    @Override
    public List<Replica> routable() {
        List<Replica> e = entries;
        if (e.isEmpty()) {
            if (allEntries.isEmpty()) {
                throw new IllegalStateException("a cluster of API providers has no replicas to route to");
            }
            for (PoolFleet f : fleets) {
                f.routable(); // a pool that may scale from zero starts a replica
                if (!entries.isEmpty()) {
                    break;
                }
            }
            e = entries;
        }
        return e;
    }

    @Override
    public List<Replica> all() {
        return allEntries;
    }

    @Override
    public void retryThrough(Consumer<Request> target) {
        for (PoolFleet f : fleets) {
            f.retryThrough(target);
        }
    }

    /** Serving replicas of every pool, else those starting: what a request may enter now. */
    private void refreshEntries() {
        List<Replica> serving = new ArrayList<>();
        List<Replica> starting = new ArrayList<>();
        for (PoolFleet f : fleets) {
            serving.addAll(f.serving());
            starting.addAll(f.starting());
        }
        List<Replica> next = serving.isEmpty() ? starting : serving;
        if (!next.equals(entries)) {
            entries = List.copyOf(next);
        }
    }

    /** The fleets of the GPU pools, in the order of {@link Scenario#pools()}. */
    public List<PoolFleet> fleets() {
        return fleets;
    }

    /** The replicas of GPU pool {@code gpuPool} (position in {@link Scenario#pools()}) behind their own router. */
    public PoolFleet fleet(int gpuPool) {
        return fleets.get(gpuPool);
    }

    /**
     * How long each GPU pool was paid for, up to {@code endS} (the end of the run): autoscaled pools by their
     * provisioned replicas over time, the others as a whole.
     */
    public ProvisionedTime provisionedTime(double endS, RunResult.Window window) {
        double[] replicaS = new double[fleets.size()];
        double[] windowReplicaS = new double[fleets.size()];
        double[] replicaWindowS = new double[replicas.size()];
        double[] excessS = new double[fleets.size()];
        double[] windowExcessS = new double[fleets.size()];
        int first = 0;
        for (int p = 0; p < fleets.size(); p++) {
            PoolFleet f = fleets.get(p);
            boolean dynamic = f.plan().autoscales();
            replicaS[p] = dynamic ? f.provisionedClock().replicaS(endS) : Double.NaN;
            windowReplicaS[p] = dynamic ? f.provisionedClock().windowReplicaS(endS) : Double.NaN;
            excessS[p] = dynamic ? f.provisionedClock().excessS(endS) : Double.NaN;
            windowExcessS[p] = dynamic ? f.provisionedClock().windowExcessS(endS) : Double.NaN;
            for (int i = 0; i < f.plan().replicas(); i++) {
                replicaWindowS[first + i] = dynamic ? f.provisionedClock().slotWindowS(i, endS) : window.lengthS();
            }
            first += f.plan().replicas();
        }
        return ProvisionedTime.of(endS, replicaS, windowReplicaS, window.lengthS(), replicaWindowS, excessS,
                windowExcessS);
    }

    /**
     * The fleet's changes over the run, which ended at {@code endS}: per pool that autoscales or has a fault, and
     * every replica event; {@link ElasticResult#NONE} when the fleet was fixed and healthy.
     *
     * @param provisioned what each pool was paid for ({@link #provisionedTime}), for its GPU-hours and cost
     */
    public ElasticResult elasticResult(double endS, ProvisionedTime provisioned) {
        List<ElasticResult.PoolElastic> pools = new ArrayList<>();
        for (int p = 0; p < fleets.size(); p++) {
            PoolFleet f = fleets.get(p);
            ElasticResult.PoolElastic r = f.result(endS, provisioned.gpuHours(p, f.plan()),
                    provisioned.gpuUsd(p, f.plan()));
            if (r.autoscaled() || r.faulted()) {
                pools.add(r);
            }
        }
        return pools.isEmpty() ? ElasticResult.NONE : new ElasticResult(List.copyOf(pools), List.copyOf(events));
    }

    /**
     * Visits every request still waiting or running on a replica, or with its KV on the way to a decode replica (at
     * the end of a run).
     */
    public void forEachInFlight(Consumer<Request> visitor) {
        for (Replica replica : replicas) {
            replica.forEachInFlight(visitor);
        }
        for (DisaggregatedHandoff handoff : handoffs) {
            handoff.forEachInTransfer(visitor);
        }
    }

    /**
     * Drops {@code request} if it still waits for its first pass on its replica (an admission timeout); returns
     * whether it was dropped.
     */
    public boolean abortWaiting(Request request, String reason) {
        return request.replica() >= 0 && replicas.get(request.replica()).abortWaiting(request, reason);
    }

    public List<Replica> replicas() {
        return Collections.unmodifiableList(replicas);
    }

    /** Every replica a request can enter (all but the decode replicas of disaggregated pools), provisioned or not. */
    public List<Replica> entries() {
        return allEntries;
    }

    /** The replicas a request can enter of the GPU pool at position {@code gpuPool} of {@link Scenario#pools()}. */
    public List<Replica> replicasOf(int gpuPool) {
        return fleets.get(gpuPool).all();
    }
}
