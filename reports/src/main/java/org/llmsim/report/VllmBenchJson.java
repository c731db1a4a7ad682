package org.llmsim.report;

import java.util.LinkedHashSet;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.llmsim.metrics.ItlResult;
import org.llmsim.metrics.LatencyStats;
import org.llmsim.metrics.RunResult;
import org.llmsim.scenario.ArrivalSpec;
import org.llmsim.scenario.PoolPlan;
import org.llmsim.scenario.Scenario;

/**
 * The result of a run under the key names and definitions of {@code vllm bench serve} ({@code --save-result}), so a
 * simulated run and a measured one can be diffed: {@code llmsim run --format vllm}.
 *
 * <p>The simulated benchmark sends the measured requests (those arriving inside the measurement window) and waits for
 * them: {@code duration} runs from the start of the window to the last of them finishing; {@code completed} counts
 * those that finished, {@code failed} the rest (rejected or unfinished). Throughputs divide by {@code duration}.
 * Latencies in milliseconds: TTFT, TPOT ({@code (e2e - ttft) / (output - 1)}, requests with more than one output
 * token), ITL (gaps between consecutive tokens, over all tokens) and E2EL; mean, median, population standard
 * deviation and p90/p95/p99, where vLLM interpolates exact percentiles and llmsim reads them from a histogram
 * accurate to three significant digits. {@code request_goodput} counts requests meeting every SLO target of the
 * scenario (vLLM's {@code --goodput}); null without targets. Like vLLM, an empty metric reads 0.
 */
public final class VllmBenchJson {
    private VllmBenchJson() {
    }

    public static ObjectNode toJson(RunResult r, Scenario scenario) {
        ObjectNode root = Json.object();
        root.put("backend", "llmsim");
        root.put("label", r.scenario());
        Set<String> models = new LinkedHashSet<>();
        for (PoolPlan pool : scenario.pools()) {
            models.add(pool.hardware().model().id());
        }
        root.put("model_id", String.join(",", models));
        root.put("num_prompts", r.requests().measured());
        ArrivalSpec arrival = scenario.spec().workload().arrival();
        root.put("request_rate", arrival.meanRateRps());
        if (arrival instanceof ArrivalSpec.Gamma g) {
            root.put("burstiness", 1.0 / (g.cv() * g.cv())); // vLLM's gamma shape: cv = 1 / sqrt(burstiness)
        } else {
            root.put("burstiness", 1.0);
        }
        root.putNull("max_concurrency");

        RunResult.MeasuredRequests m = r.measured();
        double durationS = Double.isNaN(m.lastFinishS()) ? r.window().lengthS()
                : Math.max(m.lastFinishS() - r.window().startS(), 0);
        root.put("duration", durationS);
        root.put("completed", m.completed());
        root.put("failed", r.requests().measured() - m.completed());
        root.put("total_input_tokens", m.inputTokens());
        root.put("total_output_tokens", m.outputTokens());
        root.put("request_throughput", perSecond(m.completed(), durationS));
        boolean goodputSet = r.slo().ttftS() != null || r.slo().tpotS() != null || r.slo().e2eS() != null;
        if (goodputSet) {
            root.put("request_goodput", perSecond(m.good(), durationS));
        } else {
            root.putNull("request_goodput");
        }
        root.put("output_throughput", perSecond(m.outputTokens(), durationS));
        root.put("total_token_throughput", perSecond(m.inputTokens() + m.outputTokens(), durationS));
        metric(root, "ttft", r.ttft());
        metric(root, "tpot", r.tpot());
        metric(root, "itl", ItlResult.of(r).latency());
        metric(root, "e2el", r.e2e());
        return root;
    }

    public static String render(RunResult r, Scenario scenario) {
        return Json.render(toJson(r, scenario));
    }

    private static void metric(ObjectNode root, String name, LatencyStats s) {
        root.put("mean_" + name + "_ms", ms(s.mean()));
        root.put("median_" + name + "_ms", ms(s.p50()));
        root.put("std_" + name + "_ms", ms(s.stddev()));
        root.put("p90_" + name + "_ms", ms(s.p90()));
        root.put("p95_" + name + "_ms", ms(s.p95()));
        root.put("p99_" + name + "_ms", ms(s.p99()));
    }

    private static double ms(double seconds) {
        return Double.isNaN(seconds) ? 0.0 : seconds * 1000;
    }

    private static double perSecond(double amount, double seconds) {
        return seconds > 0 ? amount / seconds : 0.0;
    }
}
