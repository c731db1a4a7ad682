package org.llmsim.library;

import static org.llmsim.library.LibraryFormat.f;
import static org.llmsim.library.LibraryFormat.pct;
import static org.llmsim.library.LibraryFormat.roughCount;
import static org.llmsim.library.LibraryFormat.rps;
import static org.llmsim.library.LibraryFormat.time;
import static org.llmsim.library.LibraryFormat.usd;

import java.util.List;
import java.util.function.Function;

import org.llmsim.library.ScenarioLibraryTest.Row;
import org.llmsim.library.ScenarioLibraryTest.Run;
import org.llmsim.metrics.AppResult;
import org.llmsim.metrics.RunResult;

/**
 * The library's questions about the serving shapes of 2026: MXFP4 and FP4 weights, data- and expert-parallel pools
 * across nodes, tensor parallelism of a large mixture of experts. Kept apart from {@link ScenarioLibraryTest} so that
 * its rows and the runs they read stay together.
 */
final class ServingShapes {
    private ServingShapes() {
    }

    static final String TP8 = "cluster.pools[0].tensor_parallel=8";

    static final Run GPT_OSS = Run.of("gpt-oss-120b-vs-api.yaml");
    static final Run GPT_OSS_API = Run.of("gpt-oss-120b-vs-api.yaml",
            "cluster.pools[0]={name: api, provider: together-llama-3-1-70b}");
    static final Run DSV3_H200 = Run.of("deepseek-v3-h200-node.yaml");
    static final Run DSV3_H200_EP = Run.of("deepseek-v3-h200-node.yaml", "cluster.pools[0].tensor_parallel=1",
            "cluster.pools[0].data_parallel=8", "cluster.pools[0].expert_parallel=true");
    static final Run DSV3_H100 = Run.of("deepseek-v3-h100-two-nodes.yaml");
    static final Run QWEN_TP4 = Run.of("qwen3-235b-tp4-vs-tp8.yaml");
    static final Run QWEN_TP8 = Run.of("qwen3-235b-tp4-vs-tp8.yaml", "cluster.pools[0].replicas=1", TP8);
    static final Run QWEN_TP4_BUSY = Run.of("qwen3-235b-tp4-vs-tp8.yaml", "workload.arrival.rate_rps=14");
    static final Run QWEN_TP8_BUSY = Run.of("qwen3-235b-tp4-vs-tp8.yaml", "workload.arrival.rate_rps=14",
            "cluster.pools[0].replicas=1", TP8);
    static final Run FP4_B200 = Run.of("fp4-b200-vs-fp8-h200.yaml");
    static final Run FP8_H200 = Run.of("fp4-b200-vs-fp8-h200.yaml", "cluster.pools[0].gpu=h200",
            "cluster.pools[0].weight_dtype=fp8");
    static final Run FP8_H200_X2 = Run.of("fp4-b200-vs-fp8-h200.yaml", "cluster.pools[0].gpu=h200",
            "cluster.pools[0].weight_dtype=fp8", "cluster.pools[0].replicas=2");

    static List<Run> runs() {
        return List.of(GPT_OSS, GPT_OSS_API, DSV3_H200, DSV3_H200_EP, DSV3_H100, QWEN_TP4, QWEN_TP8, QWEN_TP4_BUSY,
                QWEN_TP8_BUSY, FP4_B200, FP8_H200, FP8_H200_X2);
    }

    static List<Row> rows(Function<Run, RunResult> r) {
        return List.of(gptOss(r), deepSeek(r), qwen(r), fp4(r));
    }

    static Row gptOss(Function<Run, RunResult> r) {
        return new Row("`gpt-oss-120b-vs-api.yaml`", "gpt-oss-120b on one H100 (MXFP4 experts as shipped, W4A16 on "
                + "Hopper) at 3 req/s of chat, or an API: Together's Llama-3.1-70B or GPT-4o mini? What do a million "
                + "tokens cost, and how fast is each?", () -> {
                    RunResult s = r.apply(GPT_OSS);
                    RunResult a = r.apply(GPT_OSS_API);
                    AppResult.BreakEven b = AppResult.of(s).breakEven();
                    AppResult.BreakEvenApi together = b.apis().get(0);
                    AppResult.BreakEvenApi mini = b.apis().get(1);
                    return f("The H100 meets the 1 s / 50 ms SLO for %s of requests (p99 TTFT %s, p99 TPOT %s) at %s "
                            + "per million output tokens, %s a request. Together: p99 TTFT %s, p99 TPOT %s, %s meet "
                            + "the SLO, %s per million output tokens (%s a request, mostly its input); GPT-4o mini %s "
                            + "a request. The H100 is cheaper than Together above %s requests a day and than GPT-4o "
                            + "mini above %s. `--set 'cluster.pools[0]={name: api, provider: together-llama-3-1-70b}'`",
                            pct(s.slo().attainment()), time(s.ttft().p99()), time(s.tpot().p99()),
                            usd(s.cost().usdPer1mOutputTokens()), usd(s.cost().usdPerRequest()),
                            time(a.ttft().p99()), time(a.tpot().p99()), pct(a.slo().attainment()),
                            usd(a.cost().usdPer1mOutputTokens()), usd(together.apiUsdPerRequest()),
                            usd(mini.apiUsdPerRequest()), roughCount(together.breakEvenRequestsPerDay()),
                            roughCount(mini.breakEvenRequestsPerDay()));
                });
    }

    static Row deepSeek(Function<Run, RunResult> r) {
        return new Row("`deepseek-v3-h200-node.yaml`, `deepseek-v3-h100-two-nodes.yaml`", "DeepSeek-V3 (FP8) for "
                + "2k-token chat at 10 req/s: one node of 8 H200 or two nodes of 8 H100 with expert parallelism? "
                + "Which meets a 2 s TTFT / 80 ms TPOT SLO, at what cost?", () -> {
                    RunResult tp = r.apply(DSV3_H200);
                    RunResult ep = r.apply(DSV3_H200_EP);
                    RunResult two = r.apply(DSV3_H100);
                    return f("8 H200 with TP8 fall behind: %s served, p99 TTFT %s, %s meet the SLO (their KV cache "
                            + "holds %s tokens: TP8 keeps every MLA latent on all 8 GPUs). 16 H100 with DP16 attention "
                            + "and EP16 experts meet it (%s, p99 TTFT %s, p99 TPOT %s) at %s per million output "
                            + "tokens. The same 8 H200 with DP8 + EP8 meet it too (%s, p99 TPOT %s, %s tokens of KV) "
                            + "at %s. `--set cluster.pools[0].tensor_parallel=1 --set cluster.pools[0]."
                            + "data_parallel=8 --set cluster.pools[0].expert_parallel=true`",
                            rps(tp.throughput().requestsPerS()), time(tp.ttft().p99()), pct(tp.slo().attainment()),
                            roughCount(kvTokens(tp)), pct(two.slo().attainment()), time(two.ttft().p99()),
                            time(two.tpot().p99()), usd(two.cost().usdPer1mOutputTokens()),
                            pct(ep.slo().attainment()), time(ep.tpot().p99()), roughCount(kvTokens(ep)),
                            usd(ep.cost().usdPer1mOutputTokens()));
                });
    }

    static Row qwen(Function<Run, RunResult> r) {
        return new Row("`qwen3-235b-tp4-vs-tp8.yaml`", "Qwen3-235B-A22B in FP8 on one node of 8 H100: two replicas "
                + "of TP4 or one of TP8, at 8 and at 14 req/s of 2k-token chat?", () -> {
                    RunResult a = r.apply(QWEN_TP4);
                    RunResult b = r.apply(QWEN_TP8);
                    RunResult ab = r.apply(QWEN_TP4_BUSY);
                    RunResult bb = r.apply(QWEN_TP8_BUSY);
                    return f("At 8 req/s both meet the 1 s / 50 ms SLO (%s, %s) and TP8 decodes faster: p99 TPOT %s "
                            + "against %s for 2 x TP4. At 14 req/s TP8's one batch is twice as large and its TPOT tail "
                            + "reaches %s (%s meet), 2 x TP4's %s (%s). The same 8 GPUs, %s an hour either way. "
                            + "`--set cluster.pools[0].replicas=1 --set cluster.pools[0].tensor_parallel=8`",
                            pct(a.slo().attainment()), pct(b.slo().attainment()), time(b.tpot().p99()),
                            time(a.tpot().p99()), time(bb.tpot().p99()), pct(bb.slo().attainment()),
                            time(ab.tpot().p99()), pct(ab.slo().attainment()), usd(a.cost().usdPerHour()));
                });
    }

    static Row fp4(Function<Run, RunResult> r) {
        return new Row("`fp4-b200-vs-fp8-h200.yaml`", "Llama-3.3-70B for 2k-token chat at 4 req/s: NVFP4 on one "
                + "B200, or FP8 on H200s?", () -> {
                    RunResult b = r.apply(FP4_B200);
                    RunResult h = r.apply(FP8_H200);
                    RunResult h2 = r.apply(FP8_H200_X2);
                    return f("One B200 in FP4 meets the 1 s / 50 ms SLO for %s (p99 TTFT %s, p99 TPOT %s) at %s per "
                            + "million output tokens. One H200 in FP8 falls behind (%s served, p99 TTFT %s, %s meet); "
                            + "two meet it for %s (p99 TPOT %s) at %s. `--set cluster.pools[0].gpu=h200 --set "
                            + "cluster.pools[0].weight_dtype=fp8`", pct(b.slo().attainment()), time(b.ttft().p99()),
                            time(b.tpot().p99()), usd(b.cost().usdPer1mOutputTokens()),
                            rps(h.throughput().requestsPerS()), time(h.ttft().p99()), pct(h.slo().attainment()),
                            pct(h2.slo().attainment()), time(h2.tpot().p99()), usd(h2.cost().usdPer1mOutputTokens()));
                });
    }

    /** The KV tokens a replica of the run's first pool holds. */
    static double kvTokens(RunResult r) {
        return r.pools().get(0).kvTokensPerReplica();
    }
}
