package org.llmsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.llmsim.simulation.Simulation;
import org.llmsim.metrics.RunResult;
import org.llmsim.testing.TestScenarios;

/** A run's size is estimated before it starts, and runs beyond the limits are refused with the field to change. */
class RunSizeTest {
    private static final String CHAT = """
            name: chat
            duration_s: 600
            workload:
              arrival: {process: poisson, rate_rps: 10}
              input_tokens: {dist: fixed, value: 500}
              output_tokens: {dist: fixed, value: 100}
            cluster:
              pools:
                - gpu: h100-sxm
                  model: llama-3.1-8b
            """;

    private static String problem(String yaml, String... overrides) {
        InputException e = assertThrows(InputException.class, () -> TestScenarios.load(yaml, overrides));
        assertEquals(1, e.errors().size(), e.getMessage());
        return e.getMessage();
    }

    private static double estimate(Scenario s) {
        return RunSize.requests(s.spec(), s.workload()).stream().mapToDouble(RunSize.Source::requests).sum();
    }

    @Test
    void aRateWithTooManyZeros_isRefusedBeforeSimulating_namingTheLimitAndHowToRaiseIt() {
        assertEquals("inline.yaml: workload.arrival.rate_rps: the run would generate about 6.0e+14 requests "
                + "(1000000000000 req/s for 600 s), more than max_requests (10,000,000); lower the rate or "
                + "duration_s, or raise the limit with --set max_requests=N (a million requests take about 5 s and "
                + "0.5 GB) (value from --set)", problem(CHAT, "workload.arrival.rate_rps=1e12"));
        // the limit is the scenario's: raised, the same scenario loads
        Scenario raised = TestScenarios.load(CHAT, "workload.arrival.rate_rps=20000", "max_requests=20000000");
        assertEquals(12_000_000, estimate(raised), 1e-6);
        assertTrue(problem(CHAT, "workload.arrival.rate_rps=20000").contains("about 12,000,000 requests"));
    }

    @Test
    void durationsBeyondAYear_areRefused() {
        assertEquals("inline.yaml: duration_s: must be <= 31536000 s (one year), got 1.0E15 (value from --set)",
                problem(CHAT, "duration_s=1e15"));
        assertEquals("inline.yaml: drain_timeout_s: must be <= 31536000 s (one year), got 40000000 (value from --set)",
                problem(CHAT, "drain_timeout_s=4e7"));
        InputException e = assertThrows(InputException.class, () -> TestScenarios.load(CHAT, "warmup_s=1e9"));
        assertTrue(e.getMessage().contains("warmup_s: must be <= 31536000 s (one year), got 1000000000"),
                e.getMessage());
    }

    @Test
    void theEstimate_countsSpikesSessionsAndClosedLoopUsers() {
        assertEquals(6000, estimate(TestScenarios.load(CHAT)), 1e-6);
        // a spike of 3x for 100 s adds 2 x 10 req/s x 100 s
        assertEquals(8000, estimate(TestScenarios.load(CHAT, "workload.arrival.spikes=[{at_s: 100, duration_s: 100, "
                + "factor: 3}]")), 1e-6);
        // spikes that make a run too big are named as its cause
        assertTrue(problem(CHAT, "workload.arrival.spikes=[{at_s: 0, duration_s: 600, factor: 1e9}]").startsWith(
                "inline.yaml: workload.arrival.spikes: the run would generate about 6.0e+12 requests (10 req/s for "
                        + "600 s, spikes adding 6.0e+12)"));
        // sessions of 4 turns on average
        assertEquals(24000, estimate(TestScenarios.load(CHAT, "workload.sessions={turns: {dist: uniform, min: 1, "
                + "max: 7}, think_time_s: 5}")), 1e-6);
        // 50 users thinking 2 s: at most one request per user every 2 s
        assertEquals(15000, estimate(TestScenarios.load(CHAT, "workload.arrival={process: closed_loop, users: 50, "
                + "think_time_s: 2}")), 1e-6);
    }

    @Test
    void clockEventsAndReplicas_haveLimitsToo() {
        String autoscaled = CHAT.replace("model: llama-3.1-8b", "model: llama-3.1-8b\n      autoscale: {max_replicas: "
                + "4, target: {metric: queue_length, value: 5}, interval_s: 1e-9}");
        String message = problem(autoscaled);
        assertTrue(message.startsWith("inline.yaml:11: cluster.pools[0].autoscale.interval_s: the run would schedule "
                + "about 1.2e+12 autoscaler evaluations (every 1.0E-9 s for 1200 s), more than 200,000,000"), message);
        assertEquals("inline.yaml: cluster.pools[0].replicas: the run would simulate 2,000,000,000 replicas, more "
                + "than 100,000; use fewer, larger replicas (tensor_parallel) or a smaller fleet (value from --set)",
                problem(CHAT, "cluster.pools[0].replicas=2000000000"));
    }

    static Stream<Path> scenarioFiles() throws IOException {
        try (Stream<Path> files = Files.walk(TestScenarios.home().resolve("scenarios"))) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarioFiles")
    void everyLibraryScenario_isEstimatedFarBelowTheDefaultLimit(Path file) {
        Scenario s = new ScenarioLoader(TestScenarios.catalog()).load(file, List.of());
        double requests = estimate(s);
        assertTrue(requests > 0 && requests <= RunSize.DEFAULT_MAX_REQUESTS / 5.0, file + ": " + requests);
    }

    @Test
    void theEstimate_isCloseToWhatARunGenerates() {
        Scenario s = TestScenarios.load(CHAT, "duration_s=120");
        RunResult r = new Simulation(s).run();
        assertEquals(estimate(s), r.requests().arrived(), 0.1 * estimate(s));
    }

    @Test
    void aTraceReplayedToItsEnd_keepsItsLastRow_whateverItsTime() {
        assertEquals(0.001, RunSize.durationAfter(0), 0);
        assertEquals(12.346, RunSize.durationAfter(12.3456), 1e-12);
        // at 1e10 s a millisecond is still representable; at 1e15 s it is not, and the next double is taken
        assertTrue(RunSize.durationAfter(1e10) > 1e10);
        assertTrue(RunSize.durationAfter(1e15) > 1e15);
        assertTrue(RunSize.durationAfter(31_535_999.9995) > 31_535_999.9995);
    }

    @Test
    void aTraceLongerThanAYear_isRefused_namingTheTraceAndWhatToSet(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("t.csv"), "arrival_s,input_tokens,output_tokens\n0,100,10\n1,100,10\n"
                + "1e15,100,10\n");
        Path scenario = dir.resolve("s.yaml");
        Files.writeString(scenario, CHAT.replace("duration_s: 600\n", "").replace(
                "  arrival: {process: poisson, rate_rps: 10}\n", "  trace: {path: t.csv}\n").replace(
                "  input_tokens: {dist: fixed, value: 500}\n  output_tokens: {dist: fixed, value: 100}\n", ""));
        InputException e = assertThrows(InputException.class,
                () -> new ScenarioLoader(TestScenarios.catalog()).load(scenario, List.of()));
        assertEquals(scenario + ":3: workload.trace: the last row arrives at 1.0E15 s (after start_s and speedup), "
                + "which makes the run longer than one year (31536000 s); set start_s to the trace's first time, "
                + "compress it with speedup or rate_rps, or give duration_s", e.getMessage());
        // compressed into the year, every row is replayed
        Scenario s = new ScenarioLoader(TestScenarios.catalog()).load(scenario,
                List.of("workload.trace.speedup=1e8"));
        assertEquals(3, new Simulation(s).run().requests().arrived());
    }
}
