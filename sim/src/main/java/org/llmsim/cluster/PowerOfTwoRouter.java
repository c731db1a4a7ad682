package org.llmsim.cluster;

import java.util.List;

import org.apache.commons.math3.random.RandomGenerator;
import org.llmsim.engine.Replica;
import org.llmsim.request.Request;

/**
 * Power of two choices ({@code power_of_two}): two distinct replicas drawn at random, the one with fewer requests
 * outstanding wins (the first drawn on a tie). Nearly as balanced as scanning every replica (Mitzenmacher: the
 * maximum load falls from log n / log log n to log log n), while reading only two gauges, as a distributed balancer
 * without global state would.
 */
final class PowerOfTwoRouter implements Router {
    private final RandomGenerator rng;

    PowerOfTwoRouter(RandomGenerator rng) {
        this.rng = rng;
    }

    @Override
    public Replica choose(Request request, List<Replica> replicas) {
        int n = replicas.size();
        if (n == 1) {
            return replicas.get(0);
        }
        int a = rng.nextInt(n);
        int b = rng.nextInt(n - 1);
        if (b >= a) {
            b++; // uniform over the other n - 1 replicas
        }
        Replica first = replicas.get(a);
        Replica second = replicas.get(b);
        return second.outstanding() < first.outstanding() ? second : first;
    }
}
