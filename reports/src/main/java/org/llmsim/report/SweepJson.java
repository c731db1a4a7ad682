package org.llmsim.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.llmsim.metrics.HeadlineMetric;
import org.llmsim.planning.Axis;
import org.llmsim.planning.Grid;
import org.llmsim.planning.Sweep;
import org.llmsim.scenario.StrictYaml;

/**
 * {@code sweep.json}: {@code scenario}, {@code file}, {@code overrides}, {@code replications}, {@code fields} (the
 * varied paths with their values) and {@code points[]}: {@code values} (path to value, read as YAML), {@code status},
 * {@code error}, {@code seeds} and {@code metrics.<key>.{mean, ci95_low, ci95_high, stddev, n}} for every headline
 * metric.
 */
public final class SweepJson {
    private SweepJson() {
    }

    public static ObjectNode toJson(Sweep.Result r) {
        ObjectNode root = Json.object();
        root.put("scenario", r.source().base().name());
        root.put("file", r.source().fileName());
        ArrayNode overrides = root.putArray("overrides");
        r.source().overrides().forEach(overrides::add);
        root.put("replications", r.replications());
        ArrayNode fields = root.putArray("fields");
        for (Axis a : r.grid().axes()) {
            ObjectNode field = fields.addObject();
            field.put("path", a.path());
            ArrayNode values = field.putArray("values");
            a.values().forEach(v -> values.add(StrictYaml.parseValue(v)));
        }
        ArrayNode points = root.putArray("points");
        for (Sweep.PointResult p : r.points()) {
            ObjectNode point = points.addObject();
            ObjectNode values = point.putObject("values");
            Grid.Point gp = p.point();
            for (int i = 0; i < gp.values().size(); i++) {
                values.set(r.grid().axes().get(i).path(), StrictYaml.parseValue(gp.values().get(i)));
            }
            point.put("status", p.valid() ? "ok" : "invalid");
            if (p.valid()) {
                point.putNull("error");
                ArrayNode seeds = point.putArray("seeds");
                for (long s : p.reps().seeds()) {
                    seeds.add(s);
                }
                ObjectNode metrics = point.putObject("metrics");
                for (HeadlineMetric m : HeadlineMetric.ALL) {
                    metrics.set(m.key(), Json.estimate(p.reps().estimate(m)));
                }
            } else {
                point.put("error", p.error());
            }
        }
        return root;
    }

    public static String render(Sweep.Result r) {
        return Json.render(toJson(r));
    }

    public static void write(Sweep.Result r, Path file) throws IOException {
        Files.writeString(file, render(r));
    }
}
