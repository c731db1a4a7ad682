package org.llmsim.report;

import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.llmsim.metrics.ElasticResult;
import org.llmsim.metrics.ElasticResult.ReplicaEvent;

/**
 * The {@code elastic} block of {@code summary.json}, present when a pool autoscales or a replica fault is injected:
 * per pool its scaling and fault figures, the provisioned GPU-hours its bill is made of and its replicas over time
 * ({@code replicas_series}, a step function: the values hold from each time until the next); then every replica
 * event in time order.
 */
final class ElasticJson {
    private ElasticJson() {
    }

    static void addTo(ObjectNode root, ElasticResult e) {
        if (e.pools().isEmpty()) {
            return;
        }
        ObjectNode node = root.putObject("elastic");
        ArrayNode pools = node.putArray("pools");
        for (ElasticResult.PoolElastic p : e.pools()) {
            ObjectNode n = pools.addObject();
            n.put("name", p.name());
            n.put("autoscaled", p.autoscaled());
            n.put("min_replicas", p.minReplicas());
            n.put("max_replicas", p.maxReplicas());
            n.put("metric", p.metric());
            Json.number(n, "target", p.target());
            Json.number(n, "cold_start_s", p.coldStartS());
            n.put("scale_ups", p.scaleUps());
            n.put("scale_downs", p.scaleDowns());
            n.put("cold_starts", p.coldStarts());
            Json.number(n, "replicas_mean", p.replicasMean());
            n.put("replicas_min", p.replicasMin());
            n.put("replicas_max", p.replicasMax());
            Json.number(n, "gpu_hours", p.gpuHours());
            Json.number(n, "gpu_usd", p.gpuUsd());
            n.put("crashes", p.crashes());
            n.put("requests_retried", p.requestsRetried());
            n.put("requests_failed", p.requestsFailed());
            n.put("degraded_replicas", p.degraded());
            series(n.putObject("replicas_series"), p, e.events());
        }
        ArrayNode events = node.putArray("events");
        for (ReplicaEvent ev : e.events()) {
            ObjectNode n = events.addObject();
            Json.number(n, "time_s", ev.timeS());
            n.put("pool", ev.pool());
            n.put("event", ev.event());
            n.put("replica", ev.replica());
            n.put("target", ev.target());
            n.put("provisioned", ev.provisioned());
            n.put("serving", ev.serving());
            n.put("metric", ev.metric());
            Json.number(n, "value", ev.value());
            n.put("reason", ev.reason());
        }
    }

    /**
     * The pool's provisioned and serving replicas after each of its events, starting at t = 0 with the replicas warm
     * then: {@code time_s[]}, {@code provisioned[]}, {@code serving[]}.
     */
    private static void series(ObjectNode n, ElasticResult.PoolElastic p, List<ReplicaEvent> events) {
        ArrayNode time = n.putArray("time_s");
        ArrayNode provisioned = n.putArray("provisioned");
        ArrayNode serving = n.putArray("serving");
        time.add(0.0);
        provisioned.add(p.initialReplicas());
        serving.add(p.initialReplicas());
        for (ReplicaEvent ev : events) {
            if (ev.pool().equals(p.name())) {
                time.add(ev.timeS());
                provisioned.add(ev.provisioned());
                serving.add(ev.serving());
            }
        }
    }
}
