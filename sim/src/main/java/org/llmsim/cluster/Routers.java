package org.llmsim.cluster;

import java.util.List;

import org.apache.commons.math3.random.RandomGenerator;
import org.llmsim.engine.Replica;
import org.llmsim.kernel.RandomStreams;
import org.llmsim.request.Request;

/** The built-in routing policies. */
public final class Routers {
    private Routers() {
    }

    public static Router create(RouterPolicy policy, RandomStreams streams) {
        return switch (policy) {
            case ROUND_ROBIN -> new RoundRobin();
            case RANDOM -> new Uniform(streams.stream("router"));
            case LEAST_OUTSTANDING -> new LeastOutstanding();
        };
    }

    /** Replicas in turn. */
    static final class RoundRobin implements Router {
        private int next;

        @Override
        public Replica choose(Request request, List<Replica> replicas) {
            Replica r = replicas.get(next % replicas.size());
            next = (next + 1) % replicas.size();
            return r;
        }
    }

    /** A uniformly random replica. */
    static final class Uniform implements Router {
        private final RandomGenerator rng;

        Uniform(RandomGenerator rng) {
            this.rng = rng;
        }

        @Override
        public Replica choose(Request request, List<Replica> replicas) {
            return replicas.get(rng.nextInt(replicas.size()));
        }
    }

    /**
     * The replica with the fewest requests waiting or running. The scan starts one past the previous choice, so ties
     * rotate over replicas instead of piling onto the first.
     */
    static final class LeastOutstanding implements Router {
        private int start;

        @Override
        public Replica choose(Request request, List<Replica> replicas) {
            int n = replicas.size();
            int best = start % n;
            int bestLoad = replicas.get(best).outstanding();
            for (int k = 1; k < n && bestLoad > 0; k++) {
                int i = (start + k) % n;
                int load = replicas.get(i).outstanding();
                if (load < bestLoad) {
                    best = i;
                    bestLoad = load;
                }
            }
            start = best + 1;
            return replicas.get(best);
        }
    }
}
