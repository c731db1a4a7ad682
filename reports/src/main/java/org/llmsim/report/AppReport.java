package org.llmsim.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jfree.chart.JFreeChart;
import org.llmsim.metrics.AppResult;
import org.llmsim.metrics.CostCalculator;
import org.llmsim.metrics.RunResult;

/**
 * The application layer's pages of {@code report.pdf}: where every dollar went (by pool and kind, by tier and
 * class), the response caches, the model tiers, the API pools and the self-host versus API break-even.
 */
final class AppReport {
    /** Kinds of spend in the order the chart stacks them. */
    private static final List<String> KINDS = List.of(AppResult.GPU_TIME, AppResult.INPUT, AppResult.CACHED_INPUT,
            AppResult.CACHE_WRITE, AppResult.OUTPUT, AppResult.CLASSIFIER, AppResult.EMBEDDINGS);

    private AppReport() {
    }

    /** The cost ledger: a chart and tables of the run's dollars by pool and kind, and by tier and class. */
    static void costBreakdown(PdfDocumentBuilder pdf, RunResult r) {
        AppResult.CostBreakdown b = AppResult.of(r).breakdown();
        if (b.entries().size() < 2) {
            return; // one pool, one tier, one class, one kind: the tables above say it all
        }
        pdf.heading("Where the money goes");
        RunResult.Cost c = r.cost();
        pdf.subtle("Every dollar of the run (" + Format.duration(r.sim().simulatedS()) + ", " + Format.usd(c.totalUsd())
                + ") by pool and kind of spend. GPU time is provisioned time, idle included, shared among tiers and "
                + "classes by the tokens each had served on the pool; API dollars are each call's tokens at the "
                + "provider's prices. At the steady-state rate: " + Format.usd(c.usdPerHour()) + "/hour, "
                + Format.usd(c.usdPerDay()) + "/day, " + Format.usd(c.usdPerMonth()) + "/month.");
        List<String> pools = new ArrayList<>(b.by(AppResult.CostEntry::pool).keySet());
        List<String> kinds = KINDS.stream().filter(k -> b.by(AppResult.CostEntry::kind).containsKey(k)).toList();
        List<Charts.Bars> series = new ArrayList<>();
        for (int k = 0; k < kinds.size(); k++) {
            double[] values = new double[pools.size()];
            for (AppResult.CostEntry e : b.entries()) {
                if (e.kind().equals(kinds.get(k))) {
                    values[pools.indexOf(e.pool())] += e.usd();
                }
            }
            series.add(new Charts.Bars(kinds.get(k).replace('_', ' '), values, Charts.color(k)));
        }
        JFreeChart chart = Charts.bars("Spend of the run by pool and kind", null, "$ this run", pools, series, true,
                true);
        pdf.chart(chart, Math.max(130, 70 + 26 * pools.size()));

        List<String[]> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("pool", "backend"));
        kinds.forEach(k -> header.add(k.replace('_', ' ')));
        header.add("total");
        rows.add(header.toArray(String[]::new));
        Map<String, String> backendOf = new LinkedHashMap<>();
        b.entries().forEach(e -> backendOf.putIfAbsent(e.pool(), e.backend()));
        for (String pool : pools) {
            List<String> row = new ArrayList<>(List.of(pool, backendOf.get(pool)));
            double total = 0;
            for (String kind : kinds) {
                double usd = sum(b, e -> e.pool().equals(pool) && e.kind().equals(kind));
                total += usd;
                row.add(usd == 0 ? "" : Format.usd(usd));
            }
            row.add(Format.usd(total));
            rows.add(row.toArray(String[]::new));
        }
        pdf.table(rows, widths(header.size(), 0.14f, 0.3f));

        Set<String> tiers = new LinkedHashSet<>(b.by(AppResult.CostEntry::tier).keySet());
        Set<String> classes = new LinkedHashSet<>(b.by(AppResult.CostEntry::cls).keySet());
        if (tiers.size() > 1 || classes.size() > 1) {
            List<String[]> byTier = new ArrayList<>();
            List<String> h = new ArrayList<>(List.of("tier"));
            h.addAll(classes);
            h.add("total");
            byTier.add(h.toArray(String[]::new));
            for (String tier : tiers) {
                List<String> row = new ArrayList<>(List.of(tier));
                for (String cls : classes) {
                    double usd = sum(b, e -> e.tier().equals(tier) && e.cls().equals(cls));
                    row.add(usd == 0 ? "" : Format.usd(usd));
                }
                row.add(Format.usd(sum(b, e -> e.tier().equals(tier))));
                byTier.add(row.toArray(String[]::new));
            }
            pdf.subheading("By tier and class");
            pdf.table(byTier, widths(h.size(), 0.2f));
        }
    }

    /**
     * For the PDF's verdict when no SLO is set: each pipeline budget's attainment, one sentence each; empty without
     * budgets.
     */
    static String budgetVerdict(RunResult r) {
        StringBuilder b = new StringBuilder();
        for (AppResult.PipelineResult p : AppResult.of(r).pipelines()) {
            if (p.budgetS() != null) {
                b.append(Format.percent(p.budgetAttainment())).append(" of the ").append(p.cls())
                        .append(" pipeline's requests finished within its budget of ")
                        .append(Format.duration(p.budgetS())).append(p.budgetMetric().equals("ttft")
                                ? " to the first output. " : " end to end. ");
            }
        }
        return b.toString();
    }

    /** Caches, tiers, API pools and break-even, each where the run has one. */
    static void layers(PdfDocumentBuilder pdf, RunResult r) {
        AppResult app = AppResult.of(r);
        boolean tiers = app.tiers().size() > 1 || app.tiers().stream().anyMatch(
                t -> t.escalatedOut() > 0 || t.overflowOut() > 0);
        List<AppResult.BackendResult> apis = app.backends().stream().filter(x -> x.kind().equals("api")).toList();
        if (app.cache().isNone() && !tiers && apis.isEmpty() && app.breakEven() == null
                && app.pipelines().isEmpty()) {
            return;
        }
        pdf.newPage();
        pdf.heading("Caches, tiers and backends");
        if (!app.cache().isNone()) {
            AppResult.CacheSummary c = app.cache();
            pdf.subheading("Response caches");
            pdf.paragraph(Format.percent(c.hitRate()) + " of the " + Format.count(c.lookups())
                    + " measured requests looked up were answered from a cache, " + Format.count(c.falsePositives())
                    + " of them with the answer to another question. The hits of the run avoided about "
                    + Format.usd(c.savedUsd()) + " of API spend (each at the mean API spend per answered request); "
                    + "the caches cost " + Format.usd(c.costUsd()) + " in embeddings.");
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"cache", "kind", "lookups", "hits", "hit rate", "false pos.", "saved", "cost",
                    "entries"});
            for (AppResult.CacheResult x : c.caches()) {
                rows.add(new String[] {x.name(), x.kind(), Format.count(x.lookups()), Format.count(x.hits()),
                        Format.percent(x.hitRate()), Format.count(x.falsePositives()), Format.usd(x.savedUsd()),
                        Format.usd(x.costUsd()), Format.count(x.entries())});
            }
            pdf.table(rows, widths(9, 0.14f, 0.1f));
        }
        if (tiers) {
            pdf.subheading("Model tiers");
            pdf.subtle("Routed: measured requests the rules sent to the tier first (share of all routed); answered: "
                    + "those whose answer came from it; escalated: answers that failed the check and went on; "
                    + "overflow: calls sent on when the pool was saturated or refused them. Dollars cover the run.");
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"tier", "pool", "routed", "share", "answered", "escalated out/in",
                    "overflow out/in", "cost", "escalation"});
            for (AppResult.TierResult t : app.tiers()) {
                rows.add(new String[] {t.name(), t.pool(), Format.count(t.routed()), Format.percent(t.share()),
                        Format.count(t.answered()), Format.count(t.escalatedOut()) + " / "
                                + Format.count(t.escalatedIn()), Format.count(t.overflowOut()) + " / "
                                + Format.count(t.overflowIn()), Format.usd(t.costUsd()),
                        Format.usd(t.escalationUsd())});
            }
            pdf.table(rows, new float[] {0.09f, 0.12f, 0.08f, 0.07f, 0.09f, 0.16f, 0.15f, 0.11f, 0.13f});
        }
        if (!apis.isEmpty()) {
            pdf.subheading("API pools");
            pdf.subtle("Per call, from sending it to its first token (ms); cached in: share of prompt tokens read from "
                    + "the provider's prompt cache.");
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"pool", "provider", "calls", "429s", "TTFT p50", "p99", "cached in",
                    "$/call", "cost"});
            for (AppResult.BackendResult x : apis) {
                rows.add(new String[] {x.name(), x.provider() + (x.batch() ? " (batch)" : ""), Format.count(x.calls()),
                        Format.count(x.rateLimited()), Format.ms(x.callTtft().p50()), Format.ms(x.callTtft().p99()),
                        Format.percent(CostCalculator.ratio(x.cachedInputTokens(), x.inputTokens())),
                        Format.usd(CostCalculator.ratio(x.costUsd(), x.completed())), Format.usd(x.costUsd())});
            }
            pdf.table(rows, new float[] {0.11f, 0.31f, 0.08f, 0.05f, 0.1f, 0.11f, 0.08f, 0.09f, 0.07f});
        }
        for (AppResult.PipelineResult p : app.pipelines()) {
            pipeline(pdf, p);
        }
        AppResult.BreakEven be = app.breakEven();
        if (be != null) {
            pdf.subheading("Self-hosting against the APIs");
            pdf.paragraph("The GPU pools cost " + Format.usd(be.selfHostedUsdPerDay()) + " a day around the clock"
                    + (be.opsUsdPerMonth() > 0 ? ", operations (" + Format.usd(be.opsUsdPerMonth()) + "/month) included"
                    : "") + ": " + Format.usd(be.selfHostedUsdPerRequest()) + " a request at this run's "
                    + Format.number(be.requestsPerDay(), 0) + " requests a day. The mean request ("
                    + Format.number(be.meanInputTokens(), 0) + " tokens in, " + Format.number(be.meanOutputTokens(), 0)
                    + " out) at each API's list price, and the daily volume above which the fleet is cheaper:");
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"API", "$/request", "$/day at this volume", "break-even requests/day",
                    "cheaper here"});
            for (AppResult.BreakEvenApi a : be.apis()) {
                rows.add(new String[] {a.provider(), Format.usd(a.apiUsdPerRequest()), Format.usd(a.apiUsdPerDay()),
                        Format.number(a.breakEvenRequestsPerDay(), 0),
                        a.cheaper().equals("self_hosted") ? "self-hosted" : "API"});
            }
            pdf.table(rows, new float[] {0.32f, 0.14f, 0.18f, 0.2f, 0.16f});
        }
    }

    /** A pipeline's stages: which one dominates the tail, and the budget's attainment. */
    private static void pipeline(PdfDocumentBuilder pdf, AppResult.PipelineResult p) {
        pdf.subheading("Pipeline of " + p.cls());
        pdf.paragraph(Format.count(p.completed()) + " of " + Format.count(p.requests()) + " measured requests completed"
                + (p.budgetS() == null ? "" : "; " + Format.percent(p.budgetAttainment()) + " within the budget of "
                        + Format.duration(p.budgetS()) + (p.budgetMetric().equals("ttft") ? " to the first output"
                                : " end to end"))
                + ". Stage latencies in ms; share: of the mean end-to-end latency; when late: the stage's mean over "
                + "the requests that missed the budget; cost: what the stage's calls paid over the run, model calls a "
                + "GPU pool answered at their tokens' share of the pool's cost.");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"stage", "kind", "mean", "p50", "p95", "p99", "share", "when late", "cost"});
        for (AppResult.StageResult x : p.stages()) {
            rows.add(new String[] {x.name(), x.kind(), Format.ms(x.latency().mean()), Format.ms(x.latency().p50()),
                    Format.ms(x.latency().p95()), Format.ms(x.latency().p99()), Format.percent(x.shareOfE2e()),
                    Double.isNaN(x.overBudgetMeanS()) ? "-" : Format.ms(x.overBudgetMeanS()), Format.usd(x.usd())});
        }
        rows.add(new String[] {"end to end", "", Format.ms(p.e2e().mean()), Format.ms(p.e2e().p50()),
                Format.ms(p.e2e().p95()), Format.ms(p.e2e().p99()), "", "", ""});
        rows.add(new String[] {"first output", "", Format.ms(p.ttft().mean()), Format.ms(p.ttft().p50()),
                Format.ms(p.ttft().p95()), Format.ms(p.ttft().p99()), "", "", ""});
        pdf.table(rows, widths(9, 0.16f, 0.12f));
    }

    /** Whether any run spends on anything but GPU time (API calls, classifier, embeddings). */
    static boolean spendsPerCall(List<RunResult> runs) {
        return runs.stream().anyMatch(r -> r.cost().apiUsd() > 0 || r.cost().gatewayUsd() > 0);
    }

    /**
     * Each run's steady-state spend per hour, stacked by kind in the proportions of the run's ledger: how a
     * deployment's dollars shift between GPU time, API tokens and the gateway.
     */
    static JFreeChart spendByKind(String title, List<String> names, List<RunResult> runs) {
        List<String> kinds = KINDS.stream().filter(k -> runs.stream().anyMatch(
                r -> AppResult.of(r).breakdown().by(AppResult.CostEntry::kind).containsKey(k))).toList();
        List<Charts.Bars> series = new ArrayList<>();
        for (int k = 0; k < kinds.size(); k++) {
            double[] perHour = new double[runs.size()];
            for (int i = 0; i < runs.size(); i++) {
                AppResult.CostBreakdown b = AppResult.of(runs.get(i)).breakdown();
                double total = b.totalUsd();
                double usd = b.by(AppResult.CostEntry::kind).getOrDefault(kinds.get(k), 0.0);
                perHour[i] = total > 0 ? runs.get(i).cost().usdPerHour() * usd / total : 0;
            }
            series.add(new Charts.Bars(kinds.get(k).replace('_', ' '), perHour, Charts.color(k)));
        }
        return Charts.bars(title, null, "$ per hour", names, series, true, true);
    }

    private static double sum(AppResult.CostBreakdown b, java.util.function.Predicate<AppResult.CostEntry> which) {
        return b.entries().stream().filter(which).mapToDouble(AppResult.CostEntry::usd).sum();
    }

    /** Column widths: the leading columns as given, the rest sharing what is left equally. */
    private static float[] widths(int columns, float... leading) {
        float[] w = new float[columns];
        float left = 1;
        for (int i = 0; i < leading.length; i++) {
            w[i] = leading[i];
            left -= leading[i];
        }
        for (int i = leading.length; i < columns; i++) {
            w[i] = left / (columns - leading.length);
        }
        return w;
    }
}
