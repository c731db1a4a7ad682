package org.llmsim.planning;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.llmsim.scenario.InputException;

/**
 * The points of a sweep: every combination of the values of its axes, the first axis varying slowest (as nested
 * loops with the first field outermost). A point is the list of {@code --set} assignments that make it.
 *
 * @param axes the varied fields, in the order given
 */
public record Grid(List<Axis> axes) {
    /** More points than this is almost certainly a mistake (and hours of simulation). */
    public static final int MAX_POINTS = 10_000;

    public Grid {
        axes = List.copyOf(axes);
        if (axes.isEmpty()) {
            throw new InputException("--vary", "give at least one field to vary, e.g. --vary "
                    + "workload.arrival.rate_rps=5,10,20");
        }
        Set<String> paths = new HashSet<>();
        long size = 1;
        for (Axis a : axes) {
            if (!paths.add(a.path())) {
                throw new InputException("--vary " + a.path(), "the field is varied twice; list all its values in "
                        + "one --vary");
            }
            size *= a.values().size();
            if (size > MAX_POINTS) {
                throw new InputException("--vary", "the grid has more than " + MAX_POINTS + " points");
            }
        }
    }

    /**
     * One point of the grid.
     *
     * @param index       position in {@link #points()}
     * @param valueIndex  for each axis, the index of its value
     * @param values      for each axis, its value as written
     * @param assignments {@code PATH=VALUE} for each axis
     */
    public record Point(int index, List<Integer> valueIndex, List<String> values, List<String> assignments) {
    }

    /** Number of points. */
    public int size() {
        int n = 1;
        for (Axis a : axes) {
            n *= a.values().size();
        }
        return n;
    }

    /** Every point, the last axis varying fastest. */
    public List<Point> points() {
        int n = size();
        List<Point> points = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            List<Integer> indices = new ArrayList<>();
            int rest = i;
            for (int a = axes.size() - 1; a >= 0; a--) {
                int k = axes.get(a).values().size();
                indices.add(0, rest % k);
                rest /= k;
            }
            List<String> values = new ArrayList<>();
            List<String> assignments = new ArrayList<>();
            for (int a = 0; a < axes.size(); a++) {
                values.add(axes.get(a).values().get(indices.get(a)));
                assignments.add(axes.get(a).assignment(indices.get(a)));
            }
            points.add(new Point(i, List.copyOf(indices), List.copyOf(values), List.copyOf(assignments)));
        }
        return points;
    }
}
