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

/** The replicas of every pool of a scenario and the router in front of them. */
public final class Cluster {
    private final List<Replica> replicas;
    private final Router router;

    public Cluster(List<Replica> replicas, Router router) {
        if (replicas.isEmpty()) {
            throw new IllegalArgumentException("a cluster needs at least one replica");
        }
        this.replicas = List.copyOf(replicas);
        this.router = router;
    }

    /** Builds the replicas of every pool, numbered globally in pool order, and the scenario's router. */
    public static Cluster build(Scenario scenario, EventScheduler clock, RandomStreams streams,
            EngineListener listener) {
        List<Replica> replicas = new ArrayList<>();
        for (PoolPlan pool : scenario.pools()) {
            RooflineCostModel cost = new RooflineCostModel(pool.hardware());
            for (int i = 0; i < pool.replicas(); i++) {
                replicas.add(new Replica(replicas.size(), pool.name(), clock, cost, pool.memory(), pool.scheduler(),
                        listener));
            }
        }
        return new Cluster(replicas, Routers.create(scenario.spec().cluster().router().policy(), streams));
    }

    /** Routes a request to a replica, which queues or rejects it. */
    public void submit(Request request) {
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
}
