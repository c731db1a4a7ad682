package org.llmsim.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.llmsim.metrics.AppResult;
import org.llmsim.metrics.CostCalculator;
import org.llmsim.metrics.RunResult;

/**
 * The application layer's lines of the terminal summary: where the money went, the response caches, the tiers, the
 * API pools and the break-even. A run without an application layer adds nothing (the break-even excepted, when the
 * scenario asks for one).
 */
final class AppSummary {
    private AppSummary() {
    }

    static void append(StringBuilder b, RunResult r, Style st) {
        AppResult app = AppResult.of(r);
        Map<String, Double> byBackend = app.breakdown().by(AppResult.CostEntry::backend);
        if (byBackend.size() > 1 || r.cost().apiUsd() > 0) {
            b.append(TerminalSummary.label("spend")).append(shares(byBackend, app.breakdown().totalUsd()))
                    .append('\n');
            b.append(TerminalSummary.label("")).append(st.dim("by kind: " + shares(
                    app.breakdown().by(AppResult.CostEntry::kind), app.breakdown().totalUsd()))).append('\n');
        }
        AppResult.CacheSummary c = app.cache();
        if (!c.isNone()) {
            List<String> each = new ArrayList<>();
            for (AppResult.CacheResult one : c.caches()) {
                each.add(one.name() + " " + Format.percent(one.hitRate()));
            }
            b.append(TerminalSummary.label("cache")).append(st.bold(Format.percent(c.hitRate()) + " hit"))
                    .append(" (").append(String.join(", ", each)).append(")   ")
                    .append(Format.count(c.falsePositives())).append(" false positives   saved ")
                    .append(Format.usd(c.savedUsd())).append(" of API spend, cost ").append(Format.usd(c.costUsd()))
                    .append('\n');
        }
        boolean routing = app.tiers().size() > 1 || app.tiers().stream().anyMatch(
                t -> t.escalatedOut() > 0 || t.overflowOut() > 0);
        List<AppResult.BackendResult> apis = app.backends().stream().filter(x -> x.kind().equals("api")).toList();
        if (routing || !apis.isEmpty()) {
            b.append('\n');
        }
        if (routing) {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"tier", "pool", "routed", "share", "answered", "escalated", "overflow", "cost",
                    "escalation"});
            for (AppResult.TierResult t : app.tiers()) {
                rows.add(new String[] {t.name(), t.pool(), Format.count(t.routed()), Format.percent(t.share()),
                        Format.count(t.answered()), Format.count(t.escalatedOut()) + " out / "
                                + Format.count(t.escalatedIn()) + " in",
                        Format.count(t.overflowOut()) + " out / " + Format.count(t.overflowIn()) + " in",
                        Format.usd(t.costUsd()), Format.usd(t.escalationUsd())});
            }
            TerminalSummary.appendTable(b, rows, st);
        }
        if (!apis.isEmpty()) {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"API pool", "provider", "calls", "429s", "call TTFT p50", "p99", "cached in",
                    "$/call", "cost"});
            for (AppResult.BackendResult x : apis) {
                rows.add(new String[] {x.name(), x.provider() + (x.batch() ? " (batch)" : ""),
                        Format.count(x.calls()), Format.count(x.rateLimited()), Format.ms(x.callTtft().p50()),
                        Format.ms(x.callTtft().p99()),
                        Format.percent(CostCalculator.ratio(x.cachedInputTokens(), x.inputTokens())),
                        Format.usd(CostCalculator.ratio(x.costUsd(), x.completed())), Format.usd(x.costUsd())});
            }
            TerminalSummary.appendTable(b, rows, st);
        }
        appendResilience(b, app, st);
        for (AppResult.PipelineResult p : app.pipelines()) {
            appendPipeline(b, p, st);
        }
        AppResult.BreakEven be = app.breakEven();
        if (be != null) {
            b.append('\n').append(TerminalSummary.label("break-even")).append("self-hosted ")
                    .append(Format.usd(be.selfHostedUsdPerDay())).append("/day")
                    .append(be.opsUsdPerMonth() > 0 ? " (operations included)" : "").append(", ")
                    .append(Format.usd(be.selfHostedUsdPerRequest())).append("/request at ")
                    .append(Format.number(be.requestsPerDay(), 0)).append(" requests/day\n");
            for (AppResult.BreakEvenApi a : be.apis()) {
                String verdict = a.cheaper().equals("self_hosted") ? st.green("self-hosting is cheaper")
                        : st.yellow("the API is cheaper");
                b.append(TerminalSummary.label("")).append(a.provider()).append(": ")
                        .append(Format.usd(a.apiUsdPerRequest())).append("/request, ")
                        .append(Format.usd(a.apiUsdPerDay())).append("/day; break-even at ")
                        .append(Format.number(a.breakEvenRequestsPerDay(), 0)).append(" requests/day: ")
                        .append(verdict).append('\n');
            }
        }
    }

    /** One line per pool that retried, failed, fell back or broke its circuit. */
    private static void appendResilience(StringBuilder b, AppResult app, Style st) {
        for (AppResult.BackendResult x : app.backends()) {
            AppResult.CallFailures f = x.failures();
            if (f.errors() + f.timeouts() + f.retries() + f.fallbackOut() + f.fallbackIn() + f.shortCircuited() == 0
                    && (f.breaker() == null || f.breaker().opened() == 0)) {
                continue;
            }
            b.append(TerminalSummary.label("pool " + x.name())).append(Format.count(f.errors())).append(" errors   ")
                    .append(Format.count(f.timeouts())).append(" timeouts   ").append(Format.count(f.retries()))
                    .append(" retries   fallback ").append(Format.count(f.fallbackOut())).append(" out / ")
                    .append(Format.count(f.fallbackIn())).append(" in");
            if (f.breaker() != null) {
                b.append("   breaker opened ").append(Format.count(f.breaker().opened())).append("x, open ")
                        .append(Format.duration(f.breaker().openS())).append(", ")
                        .append(Format.count(f.shortCircuited())).append(" calls refused");
            }
            if (f.failedUsd() > 0) {
                b.append("   failed calls billed ").append(Format.usd(f.failedUsd()));
            }
            b.append('\n');
        }
    }

    /** The per-stage latency table of a pipeline: which stage dominates p95, and the budget's attainment. */
    private static void appendPipeline(StringBuilder b, AppResult.PipelineResult p, Style st) {
        b.append('\n').append(TerminalSummary.label("pipeline")).append(st.bold(p.cls())).append("   ")
                .append(Format.count(p.completed())).append(" of ").append(Format.count(p.requests()))
                .append(" measured completed");
        if (p.budgetS() != null) {
            b.append("   ").append(p.budgetMetric().equals("ttft") ? "first output" : "end to end").append(" <= ")
                    .append(Format.duration(p.budgetS())).append(": ")
                    .append(st.bold(Format.percent(p.budgetAttainment()))).append(" within budget");
        }
        b.append('\n');
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"stage (ms)", "kind", "mean", "p50", "p95", "p99", "share", "over budget", "cost"});
        for (AppResult.StageResult s : p.stages()) {
            rows.add(new String[] {s.name(), s.kind(), Format.ms(s.latency().mean()), Format.ms(s.latency().p50()),
                    Format.ms(s.latency().p95()), Format.ms(s.latency().p99()), Format.percent(s.shareOfE2e()),
                    Double.isNaN(s.overBudgetMeanS()) ? "-" : Format.ms(s.overBudgetMeanS()), Format.usd(s.usd())});
        }
        rows.add(new String[] {"end to end", "", Format.ms(p.e2e().mean()), Format.ms(p.e2e().p50()),
                Format.ms(p.e2e().p95()), Format.ms(p.e2e().p99()), "", "", ""});
        rows.add(new String[] {"first output", "", Format.ms(p.ttft().mean()), Format.ms(p.ttft().p50()),
                Format.ms(p.ttft().p95()), Format.ms(p.ttft().p99()), "", "", ""});
        TerminalSummary.appendTable(b, rows, st);
    }

    /** "a $1.23 (45.0%), b $1.50 (55.0%)". */
    private static String shares(Map<String, Double> usd, double total) {
        List<String> parts = new ArrayList<>();
        usd.forEach((k, v) -> parts.add(k + " " + Format.usd(v) + " (" + Format.percent(CostCalculator.ratio(v, total))
                + ")"));
        return String.join(", ", parts);
    }
}
