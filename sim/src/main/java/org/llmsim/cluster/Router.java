package org.llmsim.cluster;

import java.util.List;

import org.llmsim.engine.Replica;
import org.llmsim.request.Request;

/**
 * Picks the replica that serves a request. A policy is one class implementing this method plus one line in
 * {@link Routers} that registers it under its {@code policy:} name. Routers see the replicas' live gauges
 * (outstanding requests, KV cache in use) and may keep state of their own; they are called once per request, so a
 * scan over the replicas is fine.
 */
@FunctionalInterface
public interface Router {

    /**
     * @param request  the arriving request (or backend call)
     * @param replicas candidate replicas, never empty; the same list on every call of one router
     * @return one of {@code replicas}
     */
    Replica choose(Request request, List<Replica> replicas);
}
