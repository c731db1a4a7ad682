package org.llmsim.cluster;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

import org.llmsim.engine.EngineListener;
import org.llmsim.engine.Replica;
import org.llmsim.engine.SpeculativeDecoding;
import org.llmsim.hardware.RooflineCostModel;
import org.llmsim.kernel.EventScheduler;
import org.llmsim.kernel.RandomStreams;
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
 */
public final class Cluster {
    private final List<Replica> replicas;
    private final List<Replica> entries;
    private final List<List<Replica>> entriesByPool;
    private final Router router;
    private final List<DisaggregatedHandoff> handoffs;

    public Cluster(List<Replica> replicas, Router router) {
        this(replicas, replicas, List.of(replicas), router, List.of());
    }

    private Cluster(List<Replica> replicas, List<Replica> entries, List<List<Replica>> entriesByPool, Router router,
            List<DisaggregatedHandoff> handoffs) {
        this.replicas = List.copyOf(replicas);
        this.entries = List.copyOf(entries);
        this.entriesByPool = List.copyOf(entriesByPool);
        this.router = router;
        this.handoffs = List.copyOf(handoffs);
    }

    /**
     * Builds the replicas of every pool, numbered globally in pool order (a disaggregated pool's prefill replicas
     * first, then its decode replicas), and the scenario's router.
     */
    public static Cluster build(Scenario scenario, EventScheduler clock, RandomStreams streams,
            EngineListener listener) {
        List<Replica> replicas = new ArrayList<>();
        List<Replica> entries = new ArrayList<>();
        List<List<Replica>> entriesByPool = new ArrayList<>();
        List<DisaggregatedHandoff> handoffs = new ArrayList<>();
        for (PoolPlan pool : scenario.pools()) {
            RooflineCostModel cost = new RooflineCostModel(pool.hardware());
            SpeculativeSpec speculative = pool.spec().speculative();
            RooflineCostModel draftCost = speculative == null ? null
                    : new RooflineCostModel(pool.hardware().draftHardware());
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
                entriesByPool.add(List.copyOf(replicas.subList(first, replicas.size())));
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
            entriesByPool.add(List.copyOf(prefillReplicas));
            handoffs.add(handoff);
        }
        return new Cluster(replicas, entries, entriesByPool,
                Routers.create(scenario.spec().cluster().router(), streams, "router"), handoffs);
    }

    /** Routes a request to a replica it can enter, of any pool, which queues or rejects it. */
    public void submit(Request request) {
        if (entries.isEmpty()) {
            throw new IllegalStateException("a cluster of API providers has no replicas to route to");
        }
        router.choose(request, entries).submit(request);
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

    /** Every replica a request can enter (all but the decode replicas of disaggregated pools). */
    public List<Replica> entries() {
        return Collections.unmodifiableList(entries);
    }

    /** The replicas a request can enter of the GPU pool at position {@code gpuPool} of {@link Scenario#pools()}. */
    public List<Replica> replicasOf(int gpuPool) {
        return entriesByPool.get(gpuPool);
    }
}
