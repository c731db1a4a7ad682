package org.llmsim.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.llmsim.hardware.ServingEngine;
import org.llmsim.passtime.PassCostModel;
import org.llmsim.passtime.RepresentativePasses;
import org.llmsim.report.Format;
import org.llmsim.report.PassTable;
import org.llmsim.scenario.ClassSpec;
import org.llmsim.scenario.PoolPlan;
import org.llmsim.scenario.ProviderPlan;
import org.llmsim.scenario.RateLimitSpec;
import org.llmsim.scenario.Scenario;
import org.llmsim.scenario.WorkloadPlan;
import org.llmsim.workload.trace.TraceSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code llmsim validate}: check a scenario without simulating it. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a scenario and its profiles; print what each pool resolves to. Exit code 2 on errors.")
final class ValidateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SCENARIO", description = "Scenario file (YAML or JSON).")
    Path scenarioFile;

    @Mixin
    ScenarioOptions options;

    /** How validate prints the resolved scenario. */
    enum OutputFormat {
        text, json
    }

    @picocli.CommandLine.Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text "
            + "(default): what each pool resolves to, for people; json: the resolved pools (GPU, model, GPUs per "
            + "replica, weight GB per GPU, KV bytes per token per GPU, KV tokens per replica, parameters) for scripts.")
    OutputFormat format;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** Which calibration of the GPU the pool's engine uses, and its efficiencies and overheads. */
    private static String calibration(PoolPlan p) {
        var gpu = p.hardware().gpu();
        String which = p.spec().engine() == ServingEngine.VLLM ? "the profile's vLLM calibration"
                : gpu.hasCalibrationFor(p.spec().engine()) ? "the profile's " + p.spec().engine().yamlName()
                        + " calibration"
                : "no " + p.spec().engine().yamlName() + " calibration in the profile, using its vLLM values";
        return String.format(Locale.ROOT, "%s (compute %.3g, memory %.3g, %.3g ms per pass, %.3g us per sequence, "
                + "%.3g us per token)", which, gpu.computeEfficiency(), gpu.memoryEfficiency(),
                gpu.iterationOverheadS() * 1e3, gpu.perSequenceOverheadSOrZero() * 1e6,
                gpu.perTokenOverheadSOrZero() * 1e6);
    }

    /** The pool's three representative passes, at the context its workload typically runs at. */
    static java.util.List<RepresentativePasses.Pass> representativePasses(PoolPlan p, WorkloadPlan w) {
        double input = 0;
        double output = 0;
        for (ClassSpec c : w.classes()) {
            input = Math.max(input, c.inputTokens() == null ? 0 : c.inputTokens().meanTokens());
            output = Math.max(output, c.outputTokens() == null ? 0 : c.outputTokens().meanTokens());
        }
        long typical = Math.round(input + output / 2);
        long chunk = Math.min(p.scheduler().maxBatchedTokens(), Math.max(1, w.maxInputTokens()));
        return RepresentativePasses.of(new PassCostModel(p.hardware()), p.scheduler().maxBatchSize(),
                p.memory().kvTokens(), typical > 0 ? typical : RepresentativePasses.QUIET_CONTEXT, chunk);
    }

    /** The fleet's domains: the pools above are one domain's as written; each domain's own follow. */
    private static void describeFleet(Scenario s, java.io.PrintWriter out) {
        var fleet = s.fleet();
        int gpus = 0;
        double usdPerHour = 0;
        for (var d : fleet.domains()) {
            gpus += d.scenario().pools().stream().mapToInt(PoolPlan::gpus).sum();
            usdPerHour += d.scenario().fleetUsdPerHour();
        }
        out.printf(Locale.ROOT, "  fleet: %d router domains, %s GPUs in all, %s/h (the pools above are one domain's "
                + "as written)%n", fleet.size(), Format.count(gpus), Format.usd(usdPerHour));
        int shown = Math.min(fleet.size(), 10);
        for (int i = 0; i < shown; i++) {
            var d = fleet.domain(i);
            out.printf(Locale.ROOT, "    domain %s: %s of the traffic, seed %d, %s%n", d.name(),
                    Format.percent(d.share()), d.scenario().seed(), String.join(", ", d.scenario().pools().stream()
                            .map(p -> p.name() + " " + p.replicas() + " x " + p.hardware().gpu().id()).toList()));
        }
        if (fleet.size() > shown) {
            out.printf(Locale.ROOT, "    ... %d more%n", fleet.size() - shown);
        }
    }

    @Override
    public Integer call() {
        Scenario s = options.load(scenarioFile);
        var out = spec.commandLine().getOut();
        if (format == OutputFormat.json) {
            out.print(ValidateJson.render(s));
            out.flush();
            return Main.EXIT_OK;
        }
        WorkloadPlan w = s.workload();
        out.printf(Locale.ROOT, "%s: valid scenario '%s' (seed %d, %s of arrivals)%n", s.sourceFile(), s.name(),
                s.seed(), Format.duration(s.spec().durationS()));
        if (w.sharedArrival() != null) {
            out.printf(Locale.ROOT, "  arrivals: %s%s%n", w.sharedArrival().describe(), traceLine(w.sharedTrace()));
        }
        for (int i = 0; i < w.classes().size(); i++) {
            ClassSpec c = w.classes().get(i);
            if (!w.explicitClasses()) {
                break;
            }
            out.printf(Locale.ROOT, "  class %s: %s, priority %d%n", c.name(), c.sharesWorkloadArrival()
                    ? (c.share() != null ? Format.percent(c.share()) + " of arrivals" : "an equal share of arrivals")
                    : c.arrival().describe() + traceLine(w.classTraces().get(i)), c.priority());
        }
        out.printf(Locale.ROOT, "  longest prompt %s tokens, longest output %s tokens%n",
                Format.count(w.maxInputTokens()), Format.count(w.maxOutputTokens()));
        for (PoolPlan p : s.pools()) {
            out.printf(Locale.ROOT, "  pool %s: %d x %s, %s batching, %s KV tokens per replica%s (%s GB weights per "
                            + "GPU), %s/h%n",
                    p.name(), p.replicas(), p.hardware().describe(), p.scheduler().policy().yamlName(),
                    Format.count(p.memory().kvTokens()), p.spec().kvBlocksOverride() != null
                            ? " (kv_blocks_override)" : "", Format.number(p.memory().weightBytesPerGpu() / 1e9, 1),
                    Format.usd(p.usdPerHour()));
            double fixed = p.hardware().fixedCacheBytesPerSequencePerGpu();
            if (fixed > 0) {
                out.printf(Locale.ROOT, "    cache per GPU: %s bytes per token of context, plus %s MB per sequence for "
                                + "its sliding-window and linear-attention layers (reserved for %d sequences)%n",
                        Format.count(Math.round(p.hardware().cacheBytesPerTokenPerGpu())),
                        Format.number(fixed / 1e6, 1), p.scheduler().maxBatchSize());
            }
            out.printf(Locale.ROOT, "    pricing: %s%n", p.pricing().describe());
            out.printf(Locale.ROOT, "    engine %s: %s%n", p.spec().engine().yamlName(), calibration(p));
            var poolGpu = p.hardware().gpu();
            if (poolGpu.hasTransferredValues()) {
                out.printf(Locale.ROOT, "    gpu %s: not measured on this GPU, transferred from %s: %s%n",
                        poolGpu.id(), poolGpu.transferredFrom(), String.join(", ", poolGpu.transferred()));
            }
            out.println("    where a pass's time goes:");
            PassTable.lines(representativePasses(p, w), "      ").forEach(out::println);
            if (p.hardware().pp() > 1) {
                int across = p.hardware().gpu().hasNetwork() ? p.hardware().layout().stageHopsAcrossDomains() : 0;
                out.printf(Locale.ROOT, "    pipeline: %d stages of %d GPUs, up to %d layers each, stages linked by %s%n",
                        p.hardware().pp(), p.hardware().tp(), p.hardware().stageLayers(), across == 0
                                ? "the node's interconnect" : "the interconnect, " + across + " of the "
                                        + (p.hardware().pp() - 1) + " hops by the network (across nodes)");
            }
            if (p.hardware().dp() > 1 || p.hardware().expertParallel() != null) {
                var h = p.hardware();
                out.printf(Locale.ROOT, "    parallel: %d data-parallel rank(s) of %d GPUs%s%n", h.dp(),
                        h.pp() * h.tp(),
                        h.expertParallel() == null ? "" : String.format(Locale.ROOT, "; experts over %d GPUs per "
                                + "stage, %d in one NVLink domain, %s dispatch, imbalance %s",
                                h.layout().expertGroup(), h.layout().expertGroupPerDomain(),
                                h.expertParallel().dispatchDtype().yamlName(),
                                Format.plain(h.expertParallel().imbalance())));
            }
            var speculative = p.spec().speculative();
            if (speculative != null) {
                out.printf(Locale.ROOT, "    speculative: draft %s proposes %d tokens, each accepted with probability "
                                + "%s: %s tokens per step expected%n", speculative.draftModel(), speculative.k(),
                        Format.plain(speculative.acceptance()),
                        Format.number(speculative.expectedTokensPerStep(), 2));
            }
            var split = p.spec().disaggregated();
            if (split != null) {
                var gpu = p.hardware().gpu();
                boolean network = split.kvLink() == org.llmsim.scenario.DisaggregationSpec.KvLink.NETWORK;
                double linkBytesPerS = network ? gpu.networkBytesPerS() : gpu.interconnectBytesPerS();
                out.printf(Locale.ROOT, "    disaggregated: %d prefill + %d decode replicas, KV over %s: %s ms per "
                                + "1,000 prompt tokens%n", split.prefillReplicas(), split.decodeReplicas(),
                        split.kvLink().yamlName(),
                        Format.number(1000 * p.hardware().kvBytesPerTokenPerGpu() / linkBytesPerS * 1e3, 2));
            }
            var autoscale = p.spec().autoscale();
            if (autoscale != null) {
                out.printf(Locale.ROOT, "    autoscale: %d-%d replicas (%d warm at the start) on %s %s per replica, "
                                + "every %s s; cold start %s s, scale-down delay %s s%s; %s/h per replica%n",
                        autoscale.minReplicas(), autoscale.maxReplicas(), p.initialReplicas(),
                        autoscale.target().metric().yamlName(), Format.plain(autoscale.target().value()),
                        Format.plain(autoscale.intervalS()), Format.number(p.coldStartS(), 1),
                        Format.plain(autoscale.scaleDownDelayS()), autoscale.scaleToZero() ? ", scales to zero" : "",
                        Format.usd(p.usdPerReplicaHour()));
            }
        }
        for (ProviderPlan p : s.providers()) {
            var pr = p.profile();
            out.printf(Locale.ROOT, "  pool %s: API %s (%s), $%s in / $%s out per 1M tokens%s%s%s%n", p.name(), pr.id(),
                    pr.name(), Format.plain(pr.inputUsdPerMtok()), Format.plain(pr.outputUsdPerMtok()),
                    p.promptCaching() ? String.format(Locale.ROOT, ", prompt cache %s s (reads $%s, writes x%s)",
                            Format.plain(p.cacheTtlS()), Format.plain(pr.cachedInputUsdPerMtok()),
                            Format.plain(p.cacheWriteMultiplier())) : "",
                    p.batch() ? ", batch API (" + Format.percent(pr.batchDiscount()) + " off)" : "",
                    p.rateLimit() == null ? "" : ", limits " + limits(p.rateLimit()));
        }
        var app = s.spec().cluster();
        if (app.routing() != null) {
            out.printf(Locale.ROOT, "  tiers: %s%s%n", String.join(", ", app.routing().tiers().stream()
                    .map(t -> t.name() + " -> " + t.pool()).toList()), app.routing().classifier() == null ? ""
                    : ", classifier " + Format.usd(app.routing().classifier().usdPerRequest()) + " a request");
        }
        for (var c : app.caches()) {
            out.printf(Locale.ROOT, "  cache %s (%s)%s%s%n", c.name(), c.kind(), c.capacityEntries() == null ? ""
                    : ", " + Format.count(c.capacityEntries()) + " entries", c.ttlS() == null ? ""
                    : ", TTL " + Format.duration(c.ttlS()));
        }
        for (var pool : app.pools()) {
            if (pool.hasResilience()) {
                out.printf(Locale.ROOT, "  pool %s client: %s%n", pool.name(), resilience(pool));
            }
        }
        for (var c : w.classes()) {
            if (c.pipeline() != null) {
                out.printf(Locale.ROOT, "  pipeline of %s: %s%s%n", c.name(), String.join(" -> ", c.pipeline().stream()
                        .map(st -> st.label() + (st.label().equals(st.kind()) ? "" : " (" + st.kind() + ")")).toList()),
                        c.budgetS() == null ? "" : ", budget " + Format.duration(c.budgetS()) + " ("
                                + c.budgetMetricOrDefault() + ")");
            }
        }
        for (var f : s.spec().faults()) {
            out.printf(Locale.ROOT, "  fault: %s%n", f.describe());
        }
        if (s.isFleet()) {
            describeFleet(s, out);
        }
        out.flush();
        return Main.EXIT_OK;
    }

    /** "3 attempts (backoff 1 s doubling to 60 s, jitter 50%), timeout 30 s, fallback b, breaker 5 failures / 30 s". */
    private static String resilience(org.llmsim.scenario.PoolSpec pool) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        if (pool.retry() != null) {
            var r = pool.retry();
            parts.add(r.maxAttempts() + " attempts (backoff " + Format.duration(r.backoffS()) + " doubling to "
                    + Format.duration(r.maxBackoffS()) + ", jitter " + Format.percent(r.jitter()) + ")");
        }
        if (pool.timeoutS() != null) {
            parts.add("timeout " + Format.duration(pool.timeoutS()));
        }
        if (pool.fallback() != null) {
            parts.add("fallback " + pool.fallback());
        }
        if (pool.circuitBreaker() != null) {
            parts.add("breaker " + pool.circuitBreaker().failures() + " failures / "
                    + Format.duration(pool.circuitBreaker().cooldownS()));
        }
        return String.join(", ", parts);
    }

    private static String limits(RateLimitSpec l) {
        String r = l.requestsPerMin() == null ? "" : Format.number(l.requestsPerMin(), 0) + " requests/min";
        String t = l.tokensPerMin() == null ? "" : Format.number(l.tokensPerMin(), 0) + " tokens/min";
        return r.isEmpty() ? t : t.isEmpty() ? r : r + ", " + t;
    }

    private static String traceLine(TraceSummary t) {
        if (t == null) {
            return "";
        }
        return String.format(Locale.ROOT, " (%s, %s layout, %s rows%s, %s req/s mean over %s)", t.name(),
                t.format().yamlName(), Format.count(t.rows()), t.skippedRows() > 0 ? ", " + Format.count(
                        t.skippedRows()) + " rows with 0 tokens skipped" : "", Format.number(t.meanRateRps(), 2),
                Format.duration(t.lastArrivalS()));
    }
}
