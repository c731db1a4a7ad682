package org.llmsim.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.llmsim.metrics.RunResult;
import org.llmsim.scenario.InputException;
import org.llmsim.testing.TestScenarios;

class SloCriterionTest {
    private static RunResult run(String workload, String... overrides) {
        return TestScenarios.run(TestScenarios.load(TestScenarios.scenario(workload, """
                gpu: h100-sxm
                model: llama-3.1-8b
                """, 120, 10), overrides));
    }

    @Test
    void everyClass_isHeldToItsOwnTargets() {
        // given two classes on one server: a lenient one and one whose TTFT target no prefill can meet
        RunResult r = run("""
                arrival: {process: poisson, rate_rps: 2}
                input_tokens: 500
                output_tokens: 20
                classes:
                  - {name: lenient, slo: {ttft_s: 10}}
                  - {name: strict, slo: {ttft_s: 0.001, tpot_s: 1}}
                """);
        SloCriterion.Judgement j = SloCriterion.P99.judge(List.of(r));
        // then the strict class's TTFT binds and fails, the lenient class passes
        assertFalse(j.meets());
        assertEquals("strict TTFT p99", j.binding().name());
        assertTrue(j.checks().stream().filter(c -> c.name().startsWith("lenient")).allMatch(SloCriterion.Check::passes));
        assertTrue(j.margin() > 0);
        // and with an attainment target alone, the strict class's 0% attainment fails it too
        SloCriterion.Judgement a = new SloCriterion(null, 0.9).judge(List.of(r));
        assertEquals("strict SLO attainment", a.binding().name());
        assertFalse(a.meets());
    }

    @Test
    void replications_giveIntervals_andLostRequestsCountAsMisses() {
        // given a server far past saturation: nearly everything is still queued when the run stops
        String overloaded = """
                arrival: {process: poisson, rate_rps: 200}
                input_tokens: 4000
                output_tokens: 200
                slo: {ttft_s: 1000, tpot_s: 1000}
                """;
        RunResult a = run(overloaded, "drain_timeout_s=60");
        RunResult b = run(overloaded, "drain_timeout_s=60", "seed=8");
        SloCriterion.Judgement j = SloCriterion.P99.judge(List.of(a, b));
        // then the lenient latency targets pass but the lost share fails the deployment, surely
        SloCriterion.Check lost = j.checks().stream().filter(c -> c.name().equals("lost share")).findFirst()
                .orElseThrow();
        assertFalse(lost.passes());
        assertEquals(2, lost.estimate().n());
        assertTrue(j.surelyFails());
        assertFalse(j.meets());
    }

    @Test
    void aWorkloadWithoutTargets_cannotBeJudged() {
        RunResult r = run("""
                arrival: {process: poisson, rate_rps: 1}
                input_tokens: 100
                output_tokens: 10
                """);
        assertThrows(InputException.class, () -> SloCriterion.P99.judge(List.of(r)));
        assertEquals(SloCriterion.Statistic.P95, SloCriterion.Statistic.parse("p95"));
        assertEquals(SloCriterion.Statistic.MEAN, SloCriterion.Statistic.parse("mean"));
        assertThrows(InputException.class, () -> SloCriterion.Statistic.parse("98"));
    }
}
