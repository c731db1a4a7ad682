package org.llmsim.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.llmsim.metrics.LatencyStats;
import org.llmsim.metrics.RunResult;
import org.llmsim.scenario.Scenario;

/**
 * {@code report.pdf} of one run: the question and its answer in three numbers, the latency table, the TTFT
 * distribution against its SLO, cost and utilization, and the scenario itself as an appendix so the report describes
 * itself.
 */
public final class PdfReport {
    private PdfReport() {
    }

    public static void write(RunResult r, Scenario scenario, Path file) throws IOException {
        try (PdfDocumentBuilder pdf = new PdfDocumentBuilder("llmsim report: " + r.scenario())) {
            pdf.title("llmsim report: " + r.scenario());
            String description = scenario.spec().description();
            if (description != null && !description.isBlank()) {
                pdf.paragraph(description.strip());
            }
            pdf.subtle("Scenario file " + scenario.sourceFile() + (scenario.overrides().isEmpty() ? ""
                    : " with --set " + String.join(" ", scenario.overrides())) + "; seed " + r.seed() + "; "
                    + Format.duration(r.sim().simulatedS()) + " simulated, statistics over arrivals in "
                    + Format.plain(r.window().startS()) + "-" + Format.plain(r.window().endS()) + " s.");
            pdf.space(8);
            pdf.bigNumbers(
                    new String[] {Format.ms(r.ttft().p99()) + " ms", Format.ms(r.tpot().p99()) + " ms",
                            Format.usd(r.cost().usdPer1mOutputTokens())},
                    new String[] {"p99 time to first token", "p99 time per output token",
                            "per 1M output tokens"});

            pdf.heading("Latency");
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"metric (ms)", "mean", "p50", "p90", "p95", "p99", "max"});
            rows.add(row("TTFT", r.ttft()));
            rows.add(row("TPOT", r.tpot()));
            rows.add(row("End to end", r.e2e()));
            rows.add(row("Queueing", r.queue()));
            pdf.table(rows, new float[] {0.22f, 0.13f, 0.13f, 0.13f, 0.13f, 0.13f, 0.13f});
            String targets = TerminalSummary.sloTargets(r.slo());
            pdf.paragraph(targets.isEmpty() ? "No SLO is set for this workload."
                    : "SLO (" + targets + "): " + Format.percent(r.slo().attainment()) + " of measured requests met "
                            + "it; goodput " + Format.number(r.slo().goodputRps(), 2) + " requests/s.");
            pdf.chart(Charts.latencyCdf("TTFT", List.of(new Charts.Cdf(r.scenario(), r.ttft())), r.slo().ttftS()),
                    230);

            pdf.heading("Throughput, utilization and cost");
            List<String[]> facts = new ArrayList<>();
            facts.add(new String[] {"figure", "value"});
            RunResult.RequestCounts n = r.requests();
            facts.add(new String[] {"Requests arrived / completed / rejected / unfinished",
                    Format.count(n.arrived()) + " / " + Format.count(n.completed()) + " / " + Format.count(n.rejected())
                            + " / " + Format.count(n.unfinished())});
            facts.add(new String[] {"Throughput", Format.number(r.throughput().requestsPerS(), 2) + " req/s, "
                    + Format.number(r.throughput().outputTokensPerS(), 0) + " output tok/s"});
            facts.add(new String[] {"KV cache in use (mean)", Format.percent(r.utilization().kvCacheMean())});
            facts.add(new String[] {"Sequences per forward pass (mean)",
                    Format.number(r.utilization().batchSizeMean(), 1)});
            facts.add(new String[] {"Replica busy time", Format.percent(r.utilization().busyFraction())});
            facts.add(new String[] {"Preemptions", Format.count(r.preemptions())});
            RunResult.Cost c = r.cost();
            facts.add(new String[] {"Fleet cost", Format.usd(c.usdPerHour()) + "/hour, " + Format.usd(c.usdPerMonth())
                    + "/month"});
            facts.add(new String[] {"Cost per request", Format.usd(c.usdPerRequest())});
            facts.add(new String[] {"Cost per 1M output tokens", Format.usd(c.usdPer1mOutputTokens())});
            facts.add(new String[] {"This run", Format.usd(c.totalUsd()) + " for " + Format.number(c.gpuHours(), 2)
                    + " GPU-hours"});
            pdf.table(facts, new float[] {0.6f, 0.4f});

            pdf.heading("Deployment");
            List<String[]> pools = new ArrayList<>();
            pools.add(new String[] {"pool", "replicas", "model", "GPUs/replica", "KV tokens/replica", "$/hour"});
            for (RunResult.PoolResult p : r.pools()) {
                pools.add(new String[] {p.name(), Integer.toString(p.replicas()), p.model() + " " + p.weightDtype(),
                        p.tensorParallel() + "x " + p.gpu(), Format.count(p.kvTokensPerReplica()),
                        Format.usd(p.usdPerHour())});
            }
            pdf.table(pools, new float[] {0.14f, 0.1f, 0.24f, 0.18f, 0.2f, 0.14f});

            pdf.newPage();
            pdf.heading("Appendix: the scenario");
            pdf.code(scenario.sourceText(), 110);
            pdf.save(file);
        }
    }

    private static String[] row(String name, LatencyStats s) {
        return new String[] {name, Format.ms(s.mean()), Format.ms(s.p50()), Format.ms(s.p90()), Format.ms(s.p95()),
                Format.ms(s.p99()), Format.ms(s.max())};
    }
}
