package org.llmsim.app;

import java.util.function.Consumer;

import org.llmsim.cluster.ReplicaSet;
import org.llmsim.cluster.Router;
import org.llmsim.engine.Replica;
import org.llmsim.kernel.EventPriority;
import org.llmsim.kernel.EventScheduler;
import org.llmsim.request.Request;

/**
 * Self-hosted replicas behind a router: a call reaches the replica the router picks among those that take requests
 * now ({@link ReplicaSet#routable()}), after the router's decision latency (one event per call when it is not zero).
 * The replicas report the outcome through their engine listener ({@link CallListener}); calls a crash sends again
 * come back through {@link #submit}.
 */
public final class GpuPoolBackend implements Backend {
    private final String name;
    private final ReplicaSet replicas;
    private final Router router;
    private final double decisionLatencyS;
    private final EventScheduler clock;
    private final Consumer<Request> routed;
    private int deciding;

    /**
     * @param name             the pool's name (or {@code cluster} for the replicas of every pool)
     * @param replicas         the pool's replicas (or every pool's)
     * @param router           picks a replica per call
     * @param decisionLatencyS time the router takes per call, seconds
     * @param routed           told of every call once it has a replica (the time-series sampler)
     */
    public GpuPoolBackend(String name, ReplicaSet replicas, Router router, double decisionLatencyS,
            EventScheduler clock, Consumer<Request> routed) {
        if (replicas.all().isEmpty()) {
            throw new IllegalArgumentException("pool " + name + " has no replicas");
        }
        this.name = name;
        this.replicas = replicas;
        replicas.retryThrough(this::submit);
        this.router = router;
        this.decisionLatencyS = decisionLatencyS;
        this.clock = clock;
        this.routed = routed;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void submit(Request call) {
        if (decisionLatencyS > 0) {
            deciding++;
            clock.after(decisionLatencyS, EventPriority.ARRIVAL, () -> {
                deciding--;
                route(call);
            });
        } else {
            route(call);
        }
    }

    private void route(Request call) {
        Replica replica = router.choose(call, replicas.routable());
        replica.submit(call);
        routed.accept(call);
    }

    @Override
    public int waiting() {
        int n = deciding;
        for (Replica r : replicas.all()) {
            n += r.waitingCount();
        }
        return n;
    }

    @Override
    public boolean abortWaiting(Request call, String reason) {
        if (call.replica() < 0) {
            return false; // still with the router: it reaches its replica within the decision latency
        }
        for (Replica r : replicas.all()) {
            if (r.index() == call.replica()) {
                return r.abortWaiting(call, reason);
            }
        }
        return false;
    }
}
