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
 * The replicas of every pool of a scenario and the router in front of them. The router sees the replicas a request can
 * enter: all of them, except the decode replicas of disaggregated pools, which receive requests from their pool's
 * prefill replicas ({@link DisaggregatedHandoff}).
 */
public final class Cluster {
    private final List<Replica> replicas;
    private final List<Replica> entries;
    private final Router router;
    private final List<DisaggregatedHandoff> handoffs;

    public Cluster(List<Replica> replicas, Router router) {
        this(replicas, replicas, router, List.of());
    }

    private Cluster(List<Replica> replicas, List<Replica> entries, Router router,
            List<DisaggregatedHandoff> handoffs) {
        if (replicas.isEmpty()) {
            throw new IllegalArgumentException("a cluster needs at least one replica");
        }
        this.replicas = List.copyOf(replicas);
        this.entries = List.copyOf(entries);
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
            handoffs.add(handoff);
        }
        return new Cluster(replicas, entries, Routers.create(scenario.spec().cluster().router().policy(), streams),
                handoffs);
    }

    /** Routes a request to a replica it can enter, which queues or rejects it. */
    public void submit(Request request) {
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
}
