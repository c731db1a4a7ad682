package org.llmsim.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.llmsim.metrics.AppResult;
import org.llmsim.metrics.RunResult;
import org.llmsim.request.Request;
import org.llmsim.request.RequestStatus;
import org.llmsim.testing.TestScenarios;

class PipelineTest {
    @TempDir
    Path dir;

    private static final String RAG = """
            name: rag
            duration_s: 120
            warmup_s: 10
            workload:
              arrival: {process: poisson, rate_rps: 4}
              input_tokens: {dist: uniform, min: 50, max: 150}
              output_tokens: {dist: uniform, min: 100, max: 300}
              budget_s: 5
              pipeline:
                - {stage: guardrail, latency_s: {dist: uniform, min: 0.02, max: 0.05}, usd_per_request: 0.0001}
                - stage: retrieve
                  embed: {latency_s: 0.02, usd_per_mtok: 0.02}
                  search: {latency_s: {dist: lognormal, mean: 0.05, stddev: 0.02}}
                  rerank: {latency_s: {dist: lognormal, mean: 0.15, stddev: 0.05}, usd_per_request: 0.001}
                  chunks: 8
                  tokens_per_chunk: 400
                - {stage: llm}
                - {stage: step, name: postprocess, latency_s: 0.01}
            cluster:
              pools:
                - {name: main, gpu: h100-sxm, model: llama-3.1-8b, replicas: 1}
            """;

    @Test
    void ragStageLatencies_addUpToEndToEnd_requestByRequest() {
        var run = TestScenarios.runRecording(TestScenarios.load(RAG));
        int completed = 0;
        for (Request q : run.requests()) {
            if (q.status() != RequestStatus.COMPLETED) {
                continue;
            }
            completed++;
            double sum = 0;
            for (double l : q.journey().stageLatencyS()) {
                assertTrue(l >= 0, "every stage of a completed request ran: " + List.of(q.journey().stageNames()));
                sum += l;
            }
            assertEquals(q.e2eS(), sum, 1e-9, "request " + q.id());
            // post-processing holds the answer: the user gets it when the last stage ends
            assertEquals(q.e2eS(), q.ttftS(), 1e-9);
        }
        assertTrue(completed > 300, "completed " + completed);
        // the retrieved chunks reached the model: 8 x 400 tokens on top of a prompt of at most 150
        AppResult.BackendResult main = AppResult.of(run.result()).backends().get(0);
        assertTrue(main.inputTokens() >= 3_250L * main.completed(), main.inputTokens() + " tokens");
        AppResult.PipelineResult p = AppResult.of(run.result()).pipelines().get(0);
        assertEquals(List.of("guardrail", "retrieve", "llm", "postprocess"),
                p.stages().stream().map(AppResult.StageResult::name).toList());
        double shares = p.stages().stream().mapToDouble(AppResult.StageResult::shareOfE2e).sum();
        assertEquals(1.0, shares, 1e-9);
        assertTrue(p.budgetAttainment() > 0.9 && p.budgetAttainment() <= 1, "attainment " + p.budgetAttainment());
        // and every stage's price is in the bill: guardrail and rerank per request, embeddings per token
        double guardrail = p.stages().get(0).usd();
        assertEquals(run.requests().size() * 0.0001, guardrail, 1e-9);
        assertTrue(p.stages().get(1).usd() > run.requests().size() * 0.001);
        // and the GPU pool, which serves only the llm stage, is that stage's cost: its provisioned time, all of it
        assertEquals(main.costUsd(), p.stages().get(2).usd(), 1e-9);
        assertEquals(0, p.stages().get(3).usd());
    }

    @Test
    void ragChunksPastTheContextWindow_areRejectedAndCounted() {
        // 8 chunks of 20,000 tokens overflow Llama-3.1-8B's 131,072-token window
        var run = TestScenarios.runRecording(TestScenarios.load(RAG, "workload.pipeline[1].tokens_per_chunk=20000",
                "duration_s=30"));
        RunResult.RequestCounts n = run.result().requests();
        assertEquals(n.arrived(), n.rejected());
        assertEquals(n.arrived(), (long) n.rejectedByReason().get("context_window"));
    }

    /** An agent whose tasks need 3-12 steps, each call on an API, with tools between steps. */
    private String agent(String caps) {
        String api = AppFixtures.provider(dir, "agentapi", 3, 15);
        return """
                name: agent
                duration_s: 300
                warmup_s: 0
                workload:
                  arrival: {process: poisson, rate_rps: 1}
                  input_tokens: 2000
                  output_tokens: 200
                  pipeline:
                    - stage: agent
                      steps: {dist: uniform, min: 3, max: 12}
                      step_output_tokens: 100
                      tool: {latency_s: 0.3, parallel: 2, output_tokens: 500, usd_per_call: 0.001}
                      %s
                cluster:
                  pools:
                    - {name: api, provider: %s, prompt_caching: false}
                """.formatted(caps, api);
    }

    @Test
    void agentLoop_stopsAtItsStepCap() {
        var run = TestScenarios.runRecording(TestScenarios.load(agent("max_steps: 5")));
        AppResult.StageResult s = AppResult.of(run.result()).pipelines().get(0).stages().get(0);
        long capped = s.counters().getOrDefault("step_cap", 0L);
        assertTrue(capped > 0, s.counters().toString());
        for (Request q : run.requests()) {
            assertEquals(RequestStatus.COMPLETED, q.status());
            assertTrue(q.journey().calls() <= 5, "request " + q.id() + " made " + q.journey().calls() + " calls");
        }
        assertEquals(run.requests().stream().mapToLong(q -> q.journey().calls()).sum(),
                (long) s.counters().get("steps"));
    }

    @Test
    void agentLoop_stopsAtItsSpendCap() {
        // each step costs about $0.009-0.04 as the context grows; the cap stops long tasks early
        double cap = 0.08;
        var run = TestScenarios.runRecording(TestScenarios.load(agent("max_spend_usd: " + cap)));
        AppResult.StageResult s = AppResult.of(run.result()).pipelines().get(0).stages().get(0);
        assertTrue(s.counters().getOrDefault("spend_cap", 0L) > 0, s.counters().toString());
        var uncapped = TestScenarios.runRecording(TestScenarios.load(agent("")));
        double mostCapped = run.requests().stream().mapToDouble(q -> q.journey().costUsd()).max().orElseThrow();
        double mostUncapped = uncapped.requests().stream().mapToDouble(q -> q.journey().costUsd()).max().orElseThrow();
        assertTrue(mostUncapped > 2 * cap, "uncapped tasks spend more: " + mostUncapped);
        // a task stops once its spend reaches the cap: it overshoots by at most its last step and tools
        for (Request q : run.requests()) {
            assertEquals(RequestStatus.COMPLETED, q.status());
            assertTrue(q.journey().costUsd() < cap + 0.05, "request " + q.id() + " spent " + q.journey().costUsd());
        }
        assertTrue(mostCapped < mostUncapped);
    }
}
