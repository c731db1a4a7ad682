package org.llmsim.cluster;

import java.util.List;

import org.llmsim.engine.Replica;
import org.llmsim.request.Request;

/** Replicas in turn ({@code round_robin}). */
final class RoundRobinRouter implements Router {
    private int next;

    @Override
    public Replica choose(Request request, List<Replica> replicas) {
        Replica r = replicas.get(next % replicas.size());
        next = (next + 1) % replicas.size();
        return r;
    }
}
