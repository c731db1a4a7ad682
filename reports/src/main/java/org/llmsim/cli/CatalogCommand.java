package org.llmsim.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.llmsim.hardware.Dtype;
import org.llmsim.hardware.GpuProfile;
import org.llmsim.hardware.MemoryPlan;
import org.llmsim.hardware.ModelProfile;
import org.llmsim.hardware.ReplicaHardware;
import org.llmsim.passtime.PassBreakdown;
import org.llmsim.passtime.PassCostModel;
import org.llmsim.passtime.RepresentativePasses;
import org.llmsim.passtime.Shape;
import org.llmsim.report.PassTable;
import org.llmsim.scenario.InputException;
import org.llmsim.scenario.PriceOffer;
import org.llmsim.scenario.ProviderProfile;
import org.llmsim.report.Format;
import org.llmsim.scenario.ProfileCatalog;
import org.llmsim.scenario.ScenarioLoader;
import org.llmsim.scenario.SchedulerSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code llmsim catalog}: every GPU and model profile, with figures derived from them. */
@Command(name = "catalog", mixinStandardHelpOptions = true,
        description = {"List GPU and model profiles with derived figures: weight bytes, KV bytes per token, and for "
                + "each model on each GPU the smallest tensor-parallel group that fits, its KV capacity and its "
                + "batch-1 decode time per token.",
                "Assumes BF16 weights and KV, gpu_memory_utilization 0.9, max_batched_tokens 8192, max_batch_size 256."})
final class CatalogCommand implements Callable<Integer> {
    /** Context length at which the batch-1 decode time is quoted. */
    static final int DECODE_CONTEXT = 1024;
    /** The catalog's assumed engine settings (vLLM's defaults on the smaller GPUs). */
    static final double GPU_MEMORY_UTILIZATION = 0.9;
    static final int MAX_BATCH_SIZE = 256;
    static final int BLOCK_SIZE = 16;

    @Mixin
    ScenarioOptions options;

    @picocli.CommandLine.Option(names = "--passes", paramLabel = "MODEL:GPU[:TP]", description = "Instead of the "
            + "tables, where the time of three passes goes for a model on a GPU (BF16, the smallest tensor-parallel "
            + "group that fits unless TP is given): a batch-1 decode at 1,000 tokens, a full decode batch at 2,000, "
            + "and a prompt chunk of 8,192 tokens, operator by operator.")
    String passes;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        ProfileCatalog catalog = options.catalog();
        if (passes != null) {
            return printPasses(catalog, spec.commandLine().getOut());
        }
        List<GpuProfile> gpus = catalog.allGpus();
        List<ModelProfile> models = catalog.allModels();
        PrintWriter out = spec.commandLine().getOut();

        out.println("GPUs (" + String.join(", ", catalog.directories().stream().map(Object::toString).toList()) + ")");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"id", "memory GB", "HBM TB/s", "BF16 TFLOP/s", "FP8 TFLOP/s", "FP4 TFLOP/s",
                "link Gbit/s", "NVLink domain", "eff. compute", "eff. memory", "overhead ms", "$/GPU-h"});
        for (GpuProfile g : gpus) {
            rows.add(new String[] {g.id(), Format.plain(g.memoryGb()), Format.plain(g.hbmBandwidthTbps()),
                    Format.plain(g.bf16Tflops()), g.fp8Tflops() == null ? "-" : Format.plain(g.fp8Tflops()),
                    g.fp4Tflops() == null ? "-" : Format.plain(g.fp4Tflops()), Format.plain(g.interconnectGbps()),
                    Integer.toString(g.nvlinkDomainGpusOrDefault()), Format.plain(g.computeEfficiency()),
                    Format.plain(g.memoryEfficiency()), Format.number(g.iterationOverheadS() * 1000, 2),
                    Format.number(g.priceUsdPerHour(), 2)});
        }
        printTable(out, rows);

        out.println();
        out.println("Models");
        rows = new ArrayList<>();
        rows.add(new String[] {"id", "params B", "active B", "layers", "hidden", "heads/KV", "context",
                "weights GB (bf16)", "KV bytes/token (bf16)"});
        for (ModelProfile m : models) {
            ReplicaHardware hw = new ReplicaHardware(gpus.isEmpty() ? null : gpus.get(0), m, 1, Dtype.BF16,
                    Dtype.BF16);
            rows.add(new String[] {m.id(), Format.plain(m.paramsB()),
                    m.activeParamsB() == null ? "-" : Format.plain(m.activeParamsB()), Integer.toString(m.layers()),
                    Integer.toString(m.hidden()), m.heads() + "/" + m.kvHeads(), Format.count(m.maxContext()),
                    Format.number(hw.weightBytes() / 1e9, 1), Format.count(Math.round(hw.kvBytesPerToken()))});
        }
        printTable(out, rows);

        List<ProviderProfile> providers = catalog.allProviders();
        if (!providers.isEmpty()) {
            out.println();
            out.println("API providers: USD per 1M tokens");
            rows = new ArrayList<>();
            rows.add(new String[] {"id", "input", "cached input", "output", "cache write", "cache TTL s", "batch",
                    "TTFT s (mean)", "output tok/s (mean)", "price as of"});
            for (ProviderProfile p : providers) {
                String asOf = p.priceAsOf() == null ? "" : p.priceAsOf();
                rows.add(new String[] {p.id(), Format.plain(p.inputUsdPerMtok()),
                        p.cachedInputUsdPerMtok() == null ? "-" : Format.plain(p.cachedInputUsdPerMtok()),
                        Format.plain(p.outputUsdPerMtok()), p.hasPromptCache() ? "x" + Format.plain(
                                p.cacheWriteMultiplier()) : "-", p.cacheTtlS() == null ? "-"
                                : Format.plain(p.cacheTtlS()), p.hasBatch() ? Format.percent(p.batchDiscount()) + " off"
                                : "-", Format.number(p.latency().networkRttS().meanS() + p.latency().ttftS().meanS(),
                                2), Format.number(p.latency().outputTokensPerS().meanS(), 0),
                        asOf.length() > 40 ? asOf.substring(0, 40) + "..." : asOf});
            }
            printTable(out, rows);
        }
        printOffers(catalog.allOffers(), out);

        out.println();
        out.println("Model on GPU: smallest tensor-parallel group that fits, KV capacity, batch-1 decode at "
                + Format.count(DECODE_CONTEXT) + " tokens of context");
        rows = new ArrayList<>();
        rows.add(new String[] {"model", "gpu", "tp", "weights GB/GPU", "KV tokens/replica", "decode ms/token",
                "ideal ms/token", "bound"});
        for (ModelProfile m : models) {
            for (GpuProfile g : gpus) {
                rows.add(fitRow(m, g));
            }
        }
        printTable(out, rows);
        out.flush();
        return Main.EXIT_OK;
    }

    /** The price catalog: each offer's prices per GPU-hour, or a server's purchase price and rated power. */
    private static void printOffers(List<PriceOffer> offers, PrintWriter out) {
        if (offers.isEmpty()) {
            return;
        }
        out.println();
        out.println("Price catalog (pricing.offer): USD per GPU-hour, or per server to buy");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"id", "provider", "instance", "region", "GPUs", "on demand", "1-year", "3-year",
                "spot", "purchase", "rated kW"});
        for (PriceOffer o : offers) {
            PriceOffer.Commitment one = o.term(1);
            PriceOffer.Commitment three = o.term(3);
            rows.add(new String[] {o.id(), o.provider(), o.instanceType(), o.region() == null ? "-" : o.region(),
                    o.gpus() + (o.gpu() == null ? "" : " x " + o.gpu()), perGpu(o, o.onDemandUsdPerHour()),
                    perGpu(o, one == null ? null : one.usdPerHour()), perGpu(o, three == null ? null
                            : three.usdPerHour()), perGpu(o, o.spotUsdPerHour()),
                    o.purchaseUsd() == null ? "-" : Format.usd(o.purchaseUsd()),
                    o.serverPowerKw() == null ? "-" : Format.plain(o.serverPowerKw())});
        }
        printTable(out, rows);
    }

    private static String perGpu(PriceOffer o, Double usdPerHour) {
        return usdPerHour == null ? "-" : Format.number(o.perGpu(usdPerHour), 2);
    }

    /** {@code --passes MODEL:GPU[:TP]}: the three representative passes of that replica. */
    private int printPasses(ProfileCatalog catalog, PrintWriter out) {
        String[] parts = passes.split(":");
        if (parts.length < 2 || parts.length > 3) {
            throw new InputException("--passes", "give MODEL:GPU or MODEL:GPU:TP (e.g. llama-3.1-70b:h100-sxm:4), got '"
                    + passes + "'");
        }
        ModelProfile m = catalog.model(parts[0], null, "--passes", "model");
        GpuProfile g = catalog.gpu(parts[1], null, "--passes", "gpu");
        int tp = 0;
        if (parts.length == 3) {
            try {
                tp = Integer.parseInt(parts[2]);
            } catch (NumberFormatException e) {
                tp = -1;
            }
            if (tp < 1 || tp > ScenarioLoader.MAX_TENSOR_PARALLEL || m.heads() % tp != 0) {
                throw new InputException("--passes", "TP must divide the model's " + m.heads() + " heads and be 1.."
                        + ScenarioLoader.MAX_TENSOR_PARALLEL + ", got '" + parts[2] + "'");
            }
        }
        for (int t = tp > 0 ? tp : 1; t <= ScenarioLoader.MAX_TENSOR_PARALLEL; t *= 2) {
            if (m.heads() % t != 0) {
                continue;
            }
            ReplicaHardware hw = new ReplicaHardware(g, m, t, Dtype.BF16, Dtype.BF16);
            MemoryPlan plan = MemoryPlan.of(hw, 0.9, SchedulerSpec.DEFAULT_MAX_BATCHED_TOKENS, 256, 16);
            if (plan.fits() || tp > 0) {
                out.println(m.id() + " bf16 on " + t + "x " + g.id() + (plan.fits() ? "" : " (does not fit its memory)")
                        + ": where a pass's time goes");
                PassTable.lines(RepresentativePasses.of(new PassCostModel(hw), 256, plan.kvTokens(), 2000,
                        SchedulerSpec.DEFAULT_MAX_BATCHED_TOKENS), "  ").forEach(out::println);
                out.flush();
                return Main.EXIT_OK;
            }
        }
        throw new InputException("--passes", m.id() + " does not fit on 8 x " + g.id() + " in BF16");
    }

    private static String[] fitRow(ModelProfile m, GpuProfile g) {
        int tp = MemoryPlan.smallestFittingTp(new ReplicaHardware(g, m, 1, Dtype.BF16, Dtype.BF16),
                GPU_MEMORY_UTILIZATION, SchedulerSpec.DEFAULT_MAX_BATCHED_TOKENS, MAX_BATCH_SIZE, BLOCK_SIZE,
                ScenarioLoader.MAX_TENSOR_PARALLEL);
        if (tp > 0) {
            ReplicaHardware hw = new ReplicaHardware(g, m, tp, Dtype.BF16, Dtype.BF16);
            MemoryPlan plan = MemoryPlan.of(hw, GPU_MEMORY_UTILIZATION, SchedulerSpec.DEFAULT_MAX_BATCHED_TOKENS,
                    MAX_BATCH_SIZE, BLOCK_SIZE);
            Shape decode = Shape.decode(1, DECODE_CONTEXT);
            PassBreakdown step = new PassCostModel(hw).breakdown(decode);
            double idealS = new PassCostModel(new ReplicaHardware(g.idealized(), m, tp, Dtype.BF16, Dtype.BF16))
                    .timeS(decode);
            return new String[] {m.id(), g.id(), Integer.toString(tp),
                    Format.number(plan.weightBytesPerGpu() / 1e9, 1), Format.count(plan.kvTokens()),
                    Format.number(step.totalS() * 1000, 2), Format.number(idealS * 1000, 2),
                    step.dominantBound().label()};
        }
        return new String[] {m.id(), g.id(), "-", "does not fit on 8", "-", "-", "-", "-"};
    }

    private static void printTable(PrintWriter out, List<String[]> rows) {
        int cols = rows.get(0).length;
        int[] width = new int[cols];
        for (String[] row : rows) {
            for (int i = 0; i < cols; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < cols; i++) {
                line.append(i == 0 ? Format.right(row[i], width[i]) : Format.left(row[i], width[i] + 2));
            }
            out.println(line.toString().stripTrailing());
        }
        out.printf(Locale.ROOT, "");
    }
}
