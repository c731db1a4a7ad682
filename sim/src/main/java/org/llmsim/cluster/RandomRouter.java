package org.llmsim.cluster;

import java.util.List;

import org.apache.commons.math3.random.RandomGenerator;
import org.llmsim.engine.Replica;
import org.llmsim.request.Request;

/** A uniformly random replica ({@code random}), from the router's own stream. */
final class RandomRouter implements Router {
    private final RandomGenerator rng;

    RandomRouter(RandomGenerator rng) {
        this.rng = rng;
    }

    @Override
    public Replica choose(Request request, List<Replica> replicas) {
        return replicas.get(rng.nextInt(replicas.size()));
    }
}
