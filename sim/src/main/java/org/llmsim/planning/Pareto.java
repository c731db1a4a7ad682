package org.llmsim.planning;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The cost/latency Pareto frontier: of the deployments that meet the SLOs, those that no other beats on both cost and
 * latency (none is at most as expensive and strictly faster, or strictly cheaper and at most as slow).
 */
public final class Pareto {
    private Pareto() {
    }

    /** The frontier of {@code items}, by ascending cost (and descending latency). */
    public static <T> List<T> frontier(List<T> items, ToDoubleFunction<T> cost, ToDoubleFunction<T> latency) {
        List<T> sorted = new ArrayList<>(items);
        sorted.removeIf(t -> !Double.isFinite(cost.applyAsDouble(t)) || !Double.isFinite(latency.applyAsDouble(t)));
        sorted.sort(Comparator.comparingDouble(cost).thenComparingDouble(latency));
        List<T> front = new ArrayList<>();
        double best = Double.POSITIVE_INFINITY;
        for (T t : sorted) {
            double l = latency.applyAsDouble(t);
            if (l < best) {
                front.add(t);
                best = l;
            }
        }
        return front;
    }
}
