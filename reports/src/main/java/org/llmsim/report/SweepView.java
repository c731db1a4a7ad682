package org.llmsim.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.llmsim.metrics.HeadlineMetric;
import org.llmsim.planning.Axis;
import org.llmsim.planning.Sweep;

/**
 * A sweep arranged for charts and tables: the first varied field on the x axis (numbers, or categories when a value
 * is not a number), one curve per combination of the other fields' values.
 */
final class SweepView {
    private final Sweep.Result result;
    private final boolean numeric;

    SweepView(Sweep.Result result) {
        this.result = result;
        this.numeric = result.grid().axes().get(0).values().stream().allMatch(SweepView::isNumber);
    }

    /** The short name of a field: the last segment of its path ("cluster.pools[0].replicas" -> "replicas"). */
    static String shortName(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    Axis xAxis() {
        return result.grid().axes().get(0);
    }

    /** Category names for a non-numeric x field, or null. */
    List<String> categories() {
        return numeric ? null : xAxis().values();
    }

    /** The x axis label: the field's path. */
    String xLabel() {
        return xAxis().path();
    }

    /** The curves of one metric (in the metric's display unit: milliseconds for latencies). */
    List<LoadCharts.Series> series(HeadlineMetric metric) {
        Map<String, List<double[]>> groups = new LinkedHashMap<>();
        for (Sweep.PointResult p : result.points()) {
            String key = groupName(p);
            List<double[]> points = groups.computeIfAbsent(key, k -> new ArrayList<>());
            if (!p.valid()) {
                continue;
            }
            int xi = p.point().valueIndex().get(0);
            double x = numeric ? Double.parseDouble(p.point().values().get(0)) : xi;
            points.add(new double[] {x, display(metric, p.reps().mean(metric))});
        }
        List<LoadCharts.Series> series = new ArrayList<>();
        groups.forEach((name, points) -> series.add(new LoadCharts.Series(name,
                points.stream().mapToDouble(p -> p[0]).toArray(), points.stream().mapToDouble(p -> p[1]).toArray())));
        return series;
    }

    /** "replicas=2, gpu=l40s" for the fields after the first; the scenario's name with a single field. */
    String groupName(Sweep.PointResult p) {
        List<Axis> axes = result.grid().axes();
        if (axes.size() == 1) {
            return result.source().base().name();
        }
        List<String> parts = new ArrayList<>();
        for (int i = 1; i < axes.size(); i++) {
            parts.add(shortName(axes.get(i).path()) + "=" + p.point().values().get(i));
        }
        return String.join(", ", parts);
    }

    /** Latencies in milliseconds, everything else as is. */
    static double display(HeadlineMetric m, double v) {
        return m.kind() == HeadlineMetric.Kind.SECONDS ? v * 1000 : v;
    }

    /** The axis label of a metric: "TTFT p99 (ms)", "$/1M output tokens". */
    static String yLabel(HeadlineMetric m) {
        return MetricFormat.labelWithUnit(m);
    }
}
