package org.llmsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.llmsim.testing.TestScenarios;

/** Retries, fallbacks, breakers, faults and pipelines are checked with the path, the line and what is allowed. */
class ResilienceValidationTest {
    private static final String HEAD = """
            name: r
            duration_s: 100
            workload:
              arrival: {process: poisson, rate_rps: 5}
              input_tokens: 500
              output_tokens: 100
            """;

    private static void assertError(String yaml, String path, String fragment) {
        InputException e = assertThrows(InputException.class, () -> TestScenarios.load(yaml));
        assertEquals(1, e.errors().size(), e.getMessage());
        InputError err = e.errors().get(0);
        assertEquals(path, err.path(), err.toString());
        assertTrue(err.message().contains(fragment), err.message());
    }

    @Test
    void fallbackToAnUnknownPoolOrInACircle_isAnError() {
        assertError(HEAD + """
                cluster:
                  pools:
                    - {name: a, provider: openai-gpt-4o, fallback: nowhere}
                """, "cluster.pools[0].fallback", "must name a pool");
        InputException e = assertThrows(InputException.class, () -> TestScenarios.load(HEAD + """
                cluster:
                  pools:
                    - {name: a, provider: openai-gpt-4o, fallback: b}
                    - {name: b, provider: openai-gpt-4o-mini, fallback: a}
                """));
        assertTrue(e.getMessage().contains("fallback chains must end"), e.getMessage());
    }

    @Test
    void badRetryBreakerAndFault_areErrors() {
        assertError(HEAD + """
                cluster:
                  pools:
                    - {name: a, provider: openai-gpt-4o, retry: {max_attempts: 3, jitter: 50}}
                """, "cluster.pools[0].retry.jitter", "did you mean 0.5");
        assertError(HEAD + """
                cluster:
                  pools:
                    - {name: a, provider: openai-gpt-4o, circuit_breaker: {failures: 0}}
                """, "cluster.pools[0].circuit_breaker.failures", ">= 1");
        assertError(HEAD + """
                cluster:
                  pools:
                    - {name: a, provider: openai-gpt-4o}
                faults:
                  - {kind: provider_outage, pool: b, start_s: 10, duration_s: 10}
                """, "faults[0].pool", "must name a provider pool");
        assertError(HEAD + """
                cluster:
                  pools:
                    - {name: a, provider: openai-gpt-4o}
                faults:
                  - {kind: latency_spike, pool: a, start_s: 10, duration_s: 10}
                """, "faults[0]", "changes nothing");
    }

    @Test
    void pipelineWithoutAnAnswerOrWithTtsBeforeIt_isAnError() {
        assertError(HEAD.replace("  output_tokens: 100\n", """
                  output_tokens: 100
                  pipeline:
                    - {stage: guardrail, latency_s: 0.02}
                """) + """
                cluster:
                  pools:
                    - {name: a, provider: openai-gpt-4o}
                """, "workload.pipeline", "needs a stage that gives the answer");
        assertError(HEAD.replace("  output_tokens: 100\n", """
                  output_tokens: 100
                  pipeline:
                    - {stage: tts, first_chunk_s: 0.2}
                    - {stage: llm}
                """) + """
                cluster:
                  pools:
                    - {name: a, provider: openai-gpt-4o}
                """, "workload.pipeline[0]", "put it after the stage that gives");
        assertError(HEAD.replace("  output_tokens: 100\n", """
                  output_tokens: 100
                  budget_s: 1
                """) + """
                cluster:
                  pools:
                    - {name: a, provider: openai-gpt-4o}
                """, "workload.budget_s", "applies to a class with a pipeline");
    }
}
