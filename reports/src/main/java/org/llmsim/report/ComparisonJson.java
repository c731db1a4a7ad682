package org.llmsim.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.llmsim.metrics.Estimate;
import org.llmsim.metrics.HeadlineMetric;

/**
 * {@code comparison.json}: the scenarios, every headline metric per scenario with its difference to the baseline,
 * and the verdicts. Keys are stable (add, never rename); values in seconds and USD; null where undefined.
 *
 * <pre>
 * metrics."ttft_s.p99"."B" = {value, delta, relative_delta}            one replication
 *                          + {ci95_low, ci95_high, delta_ci95_low, delta_ci95_high}   with replications
 * </pre>
 */
public final class ComparisonJson {
    private ComparisonJson() {
    }

    public static ObjectNode toJson(Comparison c) {
        ObjectNode root = Json.object();
        root.put("baseline", c.baseline().label());
        root.put("replications", c.replications());
        ArrayNode scenarios = root.putArray("scenarios");
        for (Comparison.Entry e : c.entries()) {
            ObjectNode s = scenarios.addObject();
            s.put("label", e.label());
            s.put("name", e.name());
            s.put("file", e.scenario().sourceFile());
            if (e.scenario().spec().description() != null) {
                s.put("description", e.scenario().spec().description());
            }
            ArrayNode seeds = s.putArray("seeds");
            for (long seed : e.reps().seeds()) {
                seeds.add(seed);
            }
        }
        ObjectNode metrics = root.putObject("metrics");
        for (HeadlineMetric m : HeadlineMetric.ALL) {
            ObjectNode metric = metrics.putObject(m.key());
            for (int i = 0; i < c.entries().size(); i++) {
                ObjectNode v = metric.putObject(c.entries().get(i).label());
                Json.number(v, "value", c.value(i, m));
                if (c.replications() > 1) {
                    Estimate e = c.entries().get(i).reps().estimate(m);
                    Json.number(v, "ci95_low", e.ci95Low());
                    Json.number(v, "ci95_high", e.ci95High());
                }
                if (i > 0) {
                    Json.number(v, "delta", c.delta(i, m));
                    Json.number(v, "relative_delta", c.relativeDelta(i, m));
                    if (c.replications() > 1) {
                        Estimate d = c.pairedDelta(i, m);
                        Json.number(v, "delta_ci95_low", d.ci95Low());
                        Json.number(v, "delta_ci95_high", d.ci95High());
                    }
                }
            }
        }
        ArrayNode verdicts = root.putArray("verdicts");
        Verdicts.of(c).forEach(verdicts::add);
        if (!c.pricing().isEmpty()) {
            ArrayNode pricing = root.putArray("pricing");
            for (int i = 0; i < c.pricing().size(); i++) {
                ObjectNode p = PricingText.json(c.pricing().get(i));
                p.put("label", c.entries().get(i).label());
                pricing.add(p);
            }
        }
        return root;
    }

    public static String render(Comparison c) {
        return Json.render(toJson(c));
    }

    public static void write(Comparison c, Path file) throws IOException {
        Files.writeString(file, render(c));
    }
}
