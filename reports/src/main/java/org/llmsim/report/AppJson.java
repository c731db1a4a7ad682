package org.llmsim.report;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.llmsim.metrics.AppResult;

/**
 * The application layer's part of {@code summary.json}: {@code cost.breakdown}, {@code cache}, {@code tiers},
 * {@code backends} and {@code break_even} (USD, seconds; null where a value cannot be computed).
 */
final class AppJson {
    private AppJson() {
    }

    /** {@code cost.breakdown}: dollars by backend, pool, tier, class and kind, and the ledger's cells. */
    static ObjectNode breakdown(AppResult.CostBreakdown b) {
        ObjectNode node = Json.object();
        node.set("by_backend", sums(b, AppResult.CostEntry::backend));
        node.set("by_pool", sums(b, AppResult.CostEntry::pool));
        node.set("by_tier", sums(b, AppResult.CostEntry::tier));
        node.set("by_class", sums(b, AppResult.CostEntry::cls));
        node.set("by_kind", sums(b, AppResult.CostEntry::kind));
        ArrayNode entries = node.putArray("entries");
        for (AppResult.CostEntry e : b.entries()) {
            ObjectNode n = entries.addObject();
            n.put("backend", e.backend());
            n.put("pool", e.pool());
            n.put("tier", e.tier());
            n.put("class", e.cls());
            n.put("kind", e.kind());
            Json.number(n, "usd", e.usd());
        }
        return node;
    }

    private static ObjectNode sums(AppResult.CostBreakdown b, Function<AppResult.CostEntry, String> dimension) {
        ObjectNode node = Json.object();
        for (Map.Entry<String, Double> e : b.by(dimension).entrySet()) {
            Json.number(node, e.getKey(), e.getValue());
        }
        return node;
    }

    /** Adds {@code cache}, {@code tiers}, {@code backends} and {@code break_even} to the summary. */
    static void addTo(ObjectNode root, AppResult app) {
        root.set("cache", cache(app.cache()));
        ObjectNode tiers = root.putObject("tiers");
        for (AppResult.TierResult t : app.tiers()) {
            ObjectNode n = tiers.putObject(t.name());
            n.put("pool", t.pool());
            n.put("routed", t.routed());
            Json.number(n, "share", t.share());
            n.put("answered", t.answered());
            n.put("escalated_out", t.escalatedOut());
            n.put("escalated_in", t.escalatedIn());
            n.put("overflow_out", t.overflowOut());
            n.put("overflow_in", t.overflowIn());
            Json.number(n, "cost_usd", t.costUsd());
            Json.number(n, "escalation_usd", t.escalationUsd());
        }
        ArrayNode backends = root.putArray("backends");
        for (AppResult.BackendResult b : app.backends()) {
            ObjectNode n = backends.addObject();
            n.put("name", b.name());
            n.put("kind", b.kind());
            if (b.provider() != null) {
                n.put("provider", b.provider());
                n.put("batch", b.batch());
            }
            n.put("calls", b.calls());
            n.put("completed", b.completed());
            n.put("rejected", b.rejected());
            n.put("rate_limited", b.rateLimited());
            n.put("input_tokens", b.inputTokens());
            n.put("cached_input_tokens", b.cachedInputTokens());
            n.put("cache_write_tokens", b.cacheWriteTokens());
            n.put("output_tokens", b.outputTokens());
            Json.number(n, "cost_usd", b.costUsd());
            Json.number(n, "usd_per_call", b.completed() == 0 ? Double.NaN : b.costUsd() / b.completed());
            n.set("call_ttft_s", Json.latency(b.callTtft()));
            n.set("call_e2e_s", Json.latency(b.callE2e()));
            n.set("failures", failures(b.failures()));
        }
        root.set("break_even", breakEven(app.breakEven()));
        if (!app.pipelines().isEmpty()) {
            root.set("pipelines", pipelines(app.pipelines()));
        }
    }

    /** {@code pipelines}: per class with a pipeline, its budget, end-to-end latency and each stage's share of it. */
    private static ObjectNode pipelines(List<AppResult.PipelineResult> pipelines) {
        ObjectNode node = Json.object();
        for (AppResult.PipelineResult p : pipelines) {
            ObjectNode n = node.putObject(p.cls());
            n.put("requests", p.requests());
            n.put("completed", p.completed());
            if (p.budgetS() != null) {
                Json.number(n, "budget_s", p.budgetS());
                n.put("budget_metric", p.budgetMetric());
                Json.number(n, "budget_attainment", p.budgetAttainment());
            }
            n.set("e2e_s", Json.latency(p.e2e()));
            n.set("ttft_s", Json.latency(p.ttft()));
            ArrayNode stages = n.putArray("stages");
            for (AppResult.StageResult s : p.stages()) {
                ObjectNode sn = stages.addObject();
                sn.put("name", s.name());
                sn.put("stage", s.kind());
                sn.put("count", s.count());
                sn.set("latency_s", Json.latency(s.latency()));
                Json.number(sn, "share_of_e2e", s.shareOfE2e());
                Json.number(sn, "over_budget_mean_s", s.overBudgetMeanS());
                Json.number(sn, "cost_usd", s.usd());
                ObjectNode counters = sn.putObject("counters");
                new java.util.TreeMap<>(s.counters()).forEach(counters::put);
            }
        }
        return node;
    }

    /** A pool's failed calls, retries, fallbacks and circuit breaker. */
    private static ObjectNode failures(AppResult.CallFailures f) {
        ObjectNode node = Json.object();
        node.put("errors", f.errors());
        node.put("timeouts", f.timeouts());
        node.put("retries", f.retries());
        node.put("fallback_out", f.fallbackOut());
        node.put("fallback_in", f.fallbackIn());
        node.put("short_circuited", f.shortCircuited());
        Json.number(node, "failed_usd", f.failedUsd());
        if (f.breaker() != null) {
            ObjectNode br = node.putObject("circuit_breaker");
            br.put("failures", f.breaker().failures());
            Json.number(br, "cooldown_s", f.breaker().cooldownS());
            br.put("opened", f.breaker().opened());
            Json.number(br, "open_s", f.breaker().openS());
            ArrayNode transitions = br.putArray("transitions");
            for (AppResult.BreakerTransition t : f.breaker().transitions()) {
                ObjectNode tn = transitions.addObject();
                Json.number(tn, "at_s", t.atS());
                tn.put("state", t.state());
            }
        }
        return node;
    }

    private static ObjectNode cache(AppResult.CacheSummary c) {
        ObjectNode node = Json.object();
        Json.number(node, "hit_rate", c.hitRate());
        node.put("lookups", c.lookups());
        node.put("hits", c.hits());
        node.put("false_positives", c.falsePositives());
        Json.number(node, "saved_usd", c.savedUsd());
        Json.number(node, "cost_usd", c.costUsd());
        ArrayNode caches = node.putArray("caches");
        for (AppResult.CacheResult r : c.caches()) {
            ObjectNode n = caches.addObject();
            n.put("name", r.name());
            n.put("kind", r.kind());
            n.put("lookups", r.lookups());
            n.put("hits", r.hits());
            Json.number(n, "hit_rate", r.hitRate());
            n.put("false_positives", r.falsePositives());
            Json.number(n, "saved_usd", r.savedUsd());
            Json.number(n, "cost_usd", r.costUsd());
            n.put("entries", r.entries());
        }
        return node;
    }

    private static ObjectNode breakEven(AppResult.BreakEven b) {
        if (b == null) {
            return null;
        }
        ObjectNode node = Json.object();
        Json.number(node, "ops_usd_per_month", b.opsUsdPerMonth());
        Json.number(node, "self_hosted_usd_per_day", b.selfHostedUsdPerDay());
        Json.number(node, "requests_per_day", b.requestsPerDay());
        Json.number(node, "self_hosted_usd_per_request", b.selfHostedUsdPerRequest());
        Json.number(node, "mean_input_tokens", b.meanInputTokens());
        Json.number(node, "mean_output_tokens", b.meanOutputTokens());
        ObjectNode apis = node.putObject("apis");
        for (AppResult.BreakEvenApi a : b.apis()) {
            ObjectNode n = apis.putObject(a.provider());
            Json.number(n, "api_usd_per_request", a.apiUsdPerRequest());
            Json.number(n, "api_usd_per_day", a.apiUsdPerDay());
            Json.number(n, "break_even_requests_per_day", a.breakEvenRequestsPerDay());
            n.put("cheaper", a.cheaper());
        }
        return node;
    }
}
