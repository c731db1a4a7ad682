package org.llmsim.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.llmsim.metrics.HeadlineMetric;
import org.llmsim.planning.CapacitySearch;
import org.llmsim.planning.ScenarioSource;
import org.llmsim.planning.SloCriterion;

/**
 * {@code capacity.json}: {@code scenario}, {@code file}, {@code overrides}, {@code scaled} (which fields),
 * {@code unit} ({@code req/s}, {@code users} or {@code x}), {@code base_load}, {@code criterion.{statistic,
 * attainment, definition}}, {@code replications}, {@code status} ({@code found}, {@code below_range},
 * {@code above_range}), {@code capacity}, {@code interval.{low, high, basis}}, {@code knee.{load, elasticity,
 * definition}}, {@code runs} and {@code points[]} ({@code load, factor, purpose, meets, surely_meets, surely_fails,
 * margin, checks[].{name, value, ci95_low, ci95_high, target, passes}, metrics.<key>}).
 */
public final class CapacityJson {
    private CapacityJson() {
    }

    public static ObjectNode toJson(CapacitySearch.Result r, ScenarioSource source) {
        ObjectNode root = Json.object();
        root.put("scenario", source.base().name());
        root.put("file", source.fileName());
        ArrayNode overrides = root.putArray("overrides");
        source.overrides().forEach(overrides::add);
        root.put("scaled", r.scaling().description());
        root.put("unit", r.scaling().unit().symbol());
        Json.number(root, "base_load", r.scaling().baseLoad());
        ObjectNode criterion = root.putObject("criterion");
        SloCriterion c = r.criterion();
        if (c.statistic() == null) {
            criterion.putNull("statistic");
        } else {
            criterion.put("statistic", c.statistic().label());
        }
        Json.number(criterion, "attainment", c.attainment());
        criterion.put("definition", c.describe());
        root.put("replications", r.options().replications());
        root.put("status", CapacityView.status(r.status()));
        Json.number(root, "capacity", r.capacity());
        ObjectNode interval = root.putObject("interval");
        Json.number(interval, "low", r.low());
        Json.number(interval, "high", r.high());
        interval.put("basis", r.intervalBasis());
        ObjectNode knee = root.putObject("knee");
        Json.number(knee, "load", r.knee());
        Json.number(knee, "elasticity", r.options().kneeElasticity());
        knee.put("definition", CapacityView.kneeDefinition(r));
        root.put("runs", r.runs());
        ArrayNode points = root.putArray("points");
        for (CapacitySearch.Point p : r.points()) {
            ObjectNode point = points.addObject();
            Json.number(point, "load", p.load());
            Json.number(point, "factor", p.factor());
            point.put("purpose", p.purpose().name().toLowerCase(Locale.ROOT));
            point.put("meets", p.judgement().meets());
            point.put("surely_meets", p.judgement().surelyMeets());
            point.put("surely_fails", p.judgement().surelyFails());
            Json.number(point, "margin", p.judgement().margin());
            point.set("checks", checks(p.judgement()));
            ObjectNode metrics = point.putObject("metrics");
            for (HeadlineMetric m : HeadlineMetric.ALL) {
                Json.number(metrics, m.key(), p.reps().mean(m));
            }
        }
        return root;
    }

    /** The checks of a verdict: name, value, interval, target, passes. */
    static ArrayNode checks(SloCriterion.Judgement j) {
        ArrayNode checks = Json.array();
        for (SloCriterion.Check c : j.checks()) {
            ObjectNode check = checks.addObject();
            check.put("name", c.name());
            Json.number(check, "value", c.value());
            Json.number(check, "ci95_low", c.estimate().ci95Low());
            Json.number(check, "ci95_high", c.estimate().ci95High());
            Json.number(check, "target", c.target());
            check.put("passes", c.passes());
        }
        return checks;
    }

    public static String render(CapacitySearch.Result r, ScenarioSource source) {
        return Json.render(toJson(r, source));
    }

    public static void write(CapacitySearch.Result r, ScenarioSource source, Path file) throws IOException {
        Files.writeString(file, render(r, source));
    }
}
