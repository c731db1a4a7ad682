package org.llmsim.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/** Sums, maxima and weighted means over the parts of a fleet merge (the domains' figures, in domain order). */
final class Merging {
    private Merging() {
    }

    static <T> LatencyStats latency(List<T> parts, Function<T, LatencyStats> stats) {
        return LatencyStats.merge(map(parts, stats));
    }

    /**
     * The mean of {@code values} weighted by {@code weights}, over the parts of positive weight: the one part's value
     * when there is one (so a merge of one domain gives its figures back bit for bit), {@code ifNoWeight} when there
     * is none.
     */
    static double mean(List<Double> values, List<Double> weights, double ifNoWeight) {
        double weighted = 0;
        double total = 0;
        int parts = 0;
        double only = ifNoWeight;
        for (int i = 0; i < values.size(); i++) {
            double w = weights.get(i);
            if (w > 0) {
                weighted += values.get(i) * w;
                total += w;
                parts++;
                only = values.get(i);
            }
        }
        return parts <= 1 ? only : weighted / total;
    }

    static <T, R> List<R> map(List<T> parts, Function<T, R> f) {
        List<R> out = new ArrayList<>(parts.size());
        for (T p : parts) {
            out.add(f.apply(p));
        }
        return out;
    }

    static <T> double sum(List<T> parts, ToDoubleFunction<T> f) {
        double s = 0;
        for (T p : parts) {
            s += f.applyAsDouble(p);
        }
        return s;
    }

    static <T> long sumLong(List<T> parts, ToLongFunction<T> f) {
        long s = 0;
        for (T p : parts) {
            s += f.applyAsLong(p);
        }
        return s;
    }

    /** The largest value, NaN when there are none. */
    static <T> double max(List<T> parts, ToDoubleFunction<T> f) {
        double m = Double.NaN;
        for (T p : parts) {
            double v = f.applyAsDouble(p);
            m = Double.isNaN(m) ? v : Math.max(m, v);
        }
        return m;
    }

    /** Groups items by a name, in the order names first appear. */
    static <T> Map<String, List<T>> byName(List<T> items, Function<T, String> name) {
        Map<String, List<T>> groups = new LinkedHashMap<>();
        for (T item : items) {
            groups.computeIfAbsent(Objects.requireNonNull(name.apply(item)), k -> new ArrayList<>()).add(item);
        }
        return groups;
    }
}
