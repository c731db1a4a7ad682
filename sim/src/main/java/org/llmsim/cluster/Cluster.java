package org.llmsim.cluster;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.llmsim.engine.EngineListener;
import org.llmsim.engine.Replica;
import org.llmsim.hardware.RooflineCostModel;
import org.llmsim.kernel.EventScheduler;
import org.llmsim.kernel.RandomStreams;
import org.llmsim.request.Request;
import org.llmsim.scenario.PoolPlan;
import org.llmsim.scenario.Scenario;

/**
 * The replicas of every GPU pool of a scenario and the router in front of all of them. Without an application layer
 * every request goes through {@link #submit}; with one, each pool's replicas ({@link #replicasOf}) form a backend
 * with its own router. A scenario of API providers only has no replicas.
 */
public final class Cluster {
    private final List<Replica> replicas;
    private final List<List<Replica>> byPool;
    private final Router router;

    public Cluster(List<Replica> replicas, Router router) {
        this(replicas, List.of(replicas), router);
    }

    private Cluster(List<Replica> replicas, List<List<Replica>> byPool, Router router) {
        this.replicas = List.copyOf(replicas);
        this.byPool = List.copyOf(byPool);
        this.router = router;
    }

    /** Builds the replicas of every pool, numbered globally in pool order, and the scenario's router. */
    public static Cluster build(Scenario scenario, EventScheduler clock, RandomStreams streams,
            EngineListener listener) {
        List<Replica> replicas = new ArrayList<>();
        List<List<Replica>> byPool = new ArrayList<>();
        for (PoolPlan pool : scenario.pools()) {
            RooflineCostModel cost = new RooflineCostModel(pool.hardware());
            int first = replicas.size();
            for (int i = 0; i < pool.replicas(); i++) {
                replicas.add(new Replica(replicas.size(), pool.name(), clock, cost, pool.memory(), pool.scheduler(),
                        listener));
            }
            byPool.add(List.copyOf(replicas.subList(first, replicas.size())));
        }
        return new Cluster(replicas, byPool,
                Routers.create(scenario.spec().cluster().router(), streams, "router"));
    }

    /** Routes a request to a replica of any pool, which queues or rejects it. */
    public void submit(Request request) {
        if (replicas.isEmpty()) {
            throw new IllegalStateException("a cluster of API providers has no replicas to route to");
        }
        router.choose(request, replicas).submit(request);
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

    /** The replicas of the GPU pool at position {@code gpuPool} of {@link Scenario#pools()}. */
    public List<Replica> replicasOf(int gpuPool) {
        return byPool.get(gpuPool);
    }
}
