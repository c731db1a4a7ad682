package org.llmsim.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.llmsim.metrics.HeadlineMetric;
import org.llmsim.planning.Candidate;
import org.llmsim.planning.DeploymentSearch;
import org.llmsim.planning.ScenarioSource;

/**
 * {@code plan.json}: {@code scenario, file, overrides, target_rps, scaled, criterion.{statistic, attainment,
 * definition}, replications, space.{gpus, weight_dtypes, tensor_parallel, max_batch_size, max_replicas}, runs,
 * autoscaled, objective, winner} (the best deployment by the objective, or null: {@code gpu, weight_dtype, tensor_parallel,
 * max_batch_size, replicas, gpus, usd_per_hour, facility_kwh_per_hour, kwh_per_1m_output_tokens, co2_kg_per_hour,
 * scenario_file, launch_file}), {@code options[]} (ranked, one per shape: the same fields plus {@code rank,
 * outcome, reason, roofline.{replicas, compute_s, passes_s, max_batch}, metrics.<key>, evaluations[].{replicas,
 * meets, usd_per_hour, checks[], metrics.<key>}}) and {@code frontier[]} (the cost/p99-TTFT Pareto frontier:
 * {@code gpu, weight_dtype, tensor_parallel, max_batch_size, replicas, usd_per_hour, ttft_s.p99, tpot_s.p99}).
 */
public final class PlanJson {
    /** The winner's launch command, written beside its scenario. */
    public static final String LAUNCH_FILE = "launch.sh";

    private PlanJson() {
    }

    /** @param winnerFile the winner's scenario file as written, or null */
    public static ObjectNode toJson(DeploymentSearch.Result r, ScenarioSource source, String winnerFile) {
        ObjectNode root = Json.object();
        root.put("scenario", source.spec().name());
        root.put("file", source.fileName());
        ArrayNode overrides = root.putArray("overrides");
        source.overrides().forEach(overrides::add);
        root.put("target_rps", r.targetRps());
        root.put("scaled", r.scaling().description());
        ObjectNode criterion = root.putObject("criterion");
        if (r.criterion().statistic() == null) {
            criterion.putNull("statistic");
        } else {
            criterion.put("statistic", r.criterion().statistic().label());
        }
        Json.number(criterion, "attainment", r.criterion().attainment());
        criterion.put("definition", r.criterion().describe());
        root.put("replications", r.evaluations().isEmpty() ? 0 : r.evaluations().get(0).reps().size());
        ObjectNode space = root.putObject("space");
        strings(space.putArray("gpus"), r.space().gpus());
        strings(space.putArray("weight_dtypes"), r.space().weightDtypes().stream().map(d -> d.yamlName()).toList());
        r.space().tensorParallel().forEach(space.putArray("tensor_parallel")::add);
        r.space().maxBatchSize().forEach(space.putArray("max_batch_size")::add);
        if (r.space().maxBatchSize().isEmpty()) {
            // the pool leaves its batch limit to the engine: the default it takes on each GPU
            r.space().engineDefaultBatch().forEach(space.putObject("engine_default_max_batch_size")::put);
        }
        r.space().pipelineParallel().forEach(space.putArray("pipeline_parallel")::add);
        r.space().dataParallel().forEach(space.putArray("data_parallel")::add);
        r.space().expertParallel().forEach(space.putArray("expert_parallel")::add);
        space.put("max_replicas", r.space().maxReplicas());
        root.put("runs", r.runs());
        root.put("autoscaled", r.autoscaled());
        root.put("objective", r.objective().key());
        DeploymentSearch.Option w = r.winner();
        if (w == null) {
            root.putNull("winner");
        } else {
            ObjectNode winner = root.putObject("winner");
            shape(winner, w.candidate());
            winner.put("replicas", w.replicas());
            winner.put("gpus", w.gpus());
            Json.number(winner, "usd_per_hour", w.usdPerHour());
            footprint(winner, w);
            winner.put("scenario_file", winnerFile);
            winner.put("launch_file", LAUNCH_FILE);
        }
        ArrayNode options = root.putArray("options");
        int rank = 0;
        for (DeploymentSearch.Option o : r.options()) {
            ObjectNode node = options.addObject();
            boolean meets = o.outcome() == DeploymentSearch.Outcome.MEETS;
            if (meets) {
                node.put("rank", ++rank);
            } else {
                node.putNull("rank");
            }
            shape(node, o.candidate());
            node.put("outcome", PlanView.outcomeKey(o.outcome()));
            node.put("reason", o.reason());
            if (o.bound() != null) {
                ObjectNode roofline = node.putObject("roofline");
                roofline.put("replicas", o.bound().replicas());
                Json.number(roofline, "compute_s", o.bound().computeS());
                Json.number(roofline, "passes_s", o.bound().passesS());
                roofline.put("max_batch", o.bound().maxBatch());
            }
            if (o.chosen() != null) {
                node.put("replicas", o.chosen().replicas());
                node.put("gpus", o.gpus());
                Json.number(node, "usd_per_hour", o.usdPerHour());
                footprint(node, o);
                node.set("metrics", metrics(o.chosen()));
            }
            ArrayNode evaluations = node.putArray("evaluations");
            for (DeploymentSearch.Evaluation e : o.evaluations()) {
                ObjectNode ev = evaluations.addObject();
                ev.put("replicas", e.replicas());
                ev.put("meets", e.judgement().meets());
                Json.number(ev, "usd_per_hour", e.usdPerHour());
                ev.set("checks", CapacityJson.checks(e.judgement()));
                ev.set("metrics", metrics(e));
            }
        }
        ArrayNode frontier = root.putArray("frontier");
        for (DeploymentSearch.Evaluation e : PlanView.frontier(r, PlanView.TTFT_P99)) {
            ObjectNode node = frontier.addObject();
            shape(node, e.candidate());
            node.put("replicas", e.replicas());
            Json.number(node, "usd_per_hour", e.usdPerHour());
            Json.number(node, "ttft_s.p99", e.reps().mean(PlanView.TTFT_P99));
            Json.number(node, "tpot_s.p99", e.reps().mean(PlanView.TPOT_P99));
        }
        return root;
    }

    private static void shape(ObjectNode node, Candidate c) {
        node.put("gpu", c.gpu());
        node.put("weight_dtype", c.weightDtype().yamlName());
        node.put("tensor_parallel", c.tensorParallel());
        node.put("max_batch_size", c.maxBatchSize());
        // present only where the plan searched the axis
        if (c.pipelineParallel() != null) {
            node.put("pipeline_parallel", c.pipelineParallel());
        }
        if (c.dataParallel() != null) {
            node.put("data_parallel", c.dataParallel());
        }
        if (c.expertParallel() != null) {
            node.put("expert_parallel", c.expertParallel());
        }
    }

    private static ObjectNode metrics(DeploymentSearch.Evaluation e) {
        ObjectNode metrics = Json.object();
        for (HeadlineMetric m : HeadlineMetric.ALL) {
            Json.number(metrics, m.key(), e.reps().mean(m));
        }
        return metrics;
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    public static String render(DeploymentSearch.Result r, ScenarioSource source, String winnerFile) {
        return Json.render(toJson(r, source, winnerFile));
    }

    public static void write(DeploymentSearch.Result r, ScenarioSource source, String winnerFile, Path file)
            throws IOException {
        Files.writeString(file, render(r, source, winnerFile));
    }

    /** Every objective's figure of the deployment {@code o} chose: energy and CO2 (null when unknown) and GPUs. */
    private static void footprint(ObjectNode node, DeploymentSearch.Option o) {
        var f = o.chosen().footprint();
        Json.number(node, "facility_kwh_per_hour", f.facilityKwhPerHour());
        Json.number(node, "kwh_per_1m_output_tokens", f.kwhPerMillionOutputTokens());
        Json.number(node, "co2_kg_per_hour", f.co2KgPerHour());
    }
}
