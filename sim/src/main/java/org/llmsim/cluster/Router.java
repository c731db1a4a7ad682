package org.llmsim.cluster;

import java.util.List;

import org.llmsim.engine.Replica;
import org.llmsim.request.Request;

/** Picks the replica that serves a request. */
@FunctionalInterface
public interface Router {

    /**
     * @param request  the arriving request
     * @param replicas candidate replicas, never empty
     * @return one of {@code replicas}
     */
    Replica choose(Request request, List<Replica> replicas);
}
