package org.llmsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.llmsim.planning.DeploymentSearch;
import org.llmsim.planning.PlanSpace;
import org.llmsim.planning.ScenarioSource;
import org.llmsim.planning.SloCriterion;
import org.llmsim.testing.TestScenarios;

class LoadScalingTest {
    private static final String POOL = """
            gpu: h100-sxm
            model: llama-3.1-8b
            """;

    private static Scenario load(String workload) {
        return TestScenarios.load(TestScenarios.scenario(workload, POOL, 600, 0));
    }

    @Test
    void poisson_scalesItsRate_andTheLoadIsTheRate() {
        Scenario s = load("""
                arrival: {process: poisson, rate_rps: 8}
                input_tokens: 100
                output_tokens: 10
                """);
        LoadScaling scaling = LoadScaling.of(s);
        assertEquals(LoadScaling.Unit.RPS, scaling.unit());
        assertEquals(List.of("workload.arrival.rate_rps=20"), scaling.assignments(2.5));
        assertEquals(20, scaling.load(2.5), 1e-12);
        assertEquals(2.5, scaling.factorFor(20), 1e-12);
        assertEquals("workload.arrival.rate_rps", scaling.description());
    }

    @Test
    void diurnalAndPiecewiseAndClasses_keepTheirShape_andEveryRateScales() {
        // given a diurnal shared arrival split by two classes, and a third class with its own rate table
        Scenario s = load("""
                arrival: {process: diurnal, trough_rps: 2, peak_rps: 10}
                input_tokens: 100
                output_tokens: 10
                classes:
                  - {name: a, share: 0.5}
                  - {name: b, share: 0.5}
                  - name: c
                    arrival: {process: piecewise, rates_rps: [1, 3], step_s: 300}
                """);
        LoadScaling scaling = LoadScaling.of(s);
        assertEquals(List.of("workload.arrival.trough_rps=4", "workload.arrival.peak_rps=20",
                "workload.classes[2].arrival.rates_rps[0]=2", "workload.classes[2].arrival.rates_rps[1]=6"),
                scaling.assignments(2));
        // then the load is the sum of the mean rates (the cosine's 6 req/s, the table's 1 req/s over its points),
        // and the scaled scenario has twice of it
        assertEquals(7, scaling.baseLoad(), 1e-9);
        Scenario doubled = TestScenarios.load(TestScenarios.scenario("""
                arrival: {process: diurnal, trough_rps: 2, peak_rps: 10}
                input_tokens: 100
                output_tokens: 10
                classes:
                  - {name: a, share: 0.5}
                  - {name: b, share: 0.5}
                  - name: c
                    arrival: {process: piecewise, rates_rps: [1, 3], step_s: 300}
                """, POOL, 600, 0), scaling.assignments(2).toArray(new String[0]));
        assertEquals(14, LoadScaling.of(doubled).baseLoad(), 1e-9);
        ArrivalSpec.Diurnal d = (ArrivalSpec.Diurnal) doubled.spec().workload().arrival();
        assertEquals(14.0, d.peakHour(), 0.0);
    }

    @Test
    void closedLoop_scalesUsers_roundedAndAtLeastOne() {
        Scenario s = load("""
                arrival: {process: closed_loop, users: 6, think_time_s: 2}
                input_tokens: 100
                output_tokens: 10
                """);
        LoadScaling scaling = LoadScaling.of(s);
        assertEquals(LoadScaling.Unit.USERS, scaling.unit());
        assertEquals(List.of("workload.arrival.users=9"), scaling.assignments(1.5));
        assertEquals(List.of("workload.arrival.users=1"), scaling.assignments(0.01));
        assertEquals(9, scaling.load(1.5), 0);
        assertThrows(IllegalArgumentException.class, () -> scaling.assignments(0));
    }

    @Test
    void plainNumbers_roundTripWithoutExponents() {
        assertEquals("0.0001", LoadScaling.plain(1e-4));
        assertEquals("12345678901", LoadScaling.plain(12345678901.0));
        assertTrue(LoadScaling.plain(0.1 + 0.2).startsWith("0.3000000000000000"));
    }

    @Test
    void plan_needsARate_notUsers() {
        Scenario s = load("""
                arrival: {process: closed_loop, users: 6, think_time_s: 2}
                input_tokens: 100
                output_tokens: 10
                """);
        ScenarioSource source = ScenarioSource.text(new org.llmsim.scenario.ScenarioLoader(TestScenarios.catalog()),
                s.sourceText(), "closed.yaml", TestScenarios.home(), List.of());
        InputException e = assertThrows(InputException.class, () -> new DeploymentSearch(source, SloCriterion.P99, 1,
                (x, r) -> List.of(), p -> { }).run(5, new PlanSpace(List.of("h100-sxm"),
                List.of(org.llmsim.hardware.Dtype.BF16), List.of(1), List.of(256), 2), 0));
        assertTrue(e.getMessage().contains("open arrivals"), e.getMessage());
    }
}
