package org.llmsim.cluster;

import java.util.List;
import java.util.function.Consumer;

import org.llmsim.engine.Replica;
import org.llmsim.request.Request;

/**
 * The replicas behind one router: a pool ({@link PoolFleet}) or every pool of the cluster. Which of them take new
 * requests changes as replicas start, drain, crash and restart, so a router asks for them on every request.
 */
public interface ReplicaSet {

    /**
     * The replicas a new request may go to now, never empty: those serving, else those starting (they hold the
     * request until their cold start or restart is over). A pool at zero replicas that may scale from zero starts one
     * first. The list is an immutable snapshot, the same object until the set changes (routers may cache by it).
     *
     * @throws IllegalStateException when nothing can take a request (no replica provisioned and none may start)
     */
    List<Replica> routable();

    /** Every replica of the set, provisioned or not (for gauges and look-ups). */
    List<Replica> all();

    /**
     * Where requests lost in a crash go when their fault says {@code retry}: the router in front of this set
     * (by default the cluster's own).
     */
    void retryThrough(Consumer<Request> target);
}
