package org.llmsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.llmsim.testing.TestScenarios;

/** Scenario errors of the workload block: classes, sessions, limits, traces, arrival processes. */
class WorkloadValidationTest {
    private static final String POOL = "cluster:\n  pools: [{gpu: h100-sxm, model: llama-3.1-8b}]\n";

    private static Scenario load(String workload) {
        return TestScenarios.load("name: w\nduration_s: 100\nworkload:\n" + workload.stripIndent().indent(2) + POOL);
    }

    private static List<String> errors(String workload) {
        InputException e = assertThrows(InputException.class, () -> load(workload));
        return e.errors().stream().map(err -> err.path() + ": " + err.message()).toList();
    }

    @Test
    void aNumber_standsForAFixedDistribution() {
        Scenario s = load("""
                arrival: {process: closed_loop, users: 4, think_time_s: 2.5}
                input_tokens: 512
                output_tokens: {dist: uniform, min: 1, max: 9}
                sessions: {turns: 3, think_time_s: {dist: exponential, mean: 4}}
                """);
        WorkloadSpec w = s.spec().workload();
        assertEquals(new LengthSpec.Fixed(512), w.inputTokens());
        assertEquals(new TimeSpec.Fixed(2.5), ((ArrivalSpec.ClosedLoop) w.arrival()).thinkTimeS());
        assertEquals(new LengthSpec.Fixed(3), w.sessions().turns());
        // 3 turns of 512 inputs and up to 9 outputs: the longest prompt is 3 * 512 + 2 * 9
        assertEquals(3 * 512 + 2 * 9, s.workload().maxInputTokens());
        assertEquals(List.of("workload.input_tokens: expected a whole number, got '512.5'"),
                errors("arrival: {process: poisson, rate_rps: 1}\ninput_tokens: 512.5\noutput_tokens: 4\n"));
    }

    @Test
    void classes_inheritTheWorkloadsFields_andSizeThePools() {
        Scenario s = load("""
                arrival: {process: poisson, rate_rps: 10}
                input_tokens: 1000
                output_tokens: 100
                slo: {ttft_s: 1}
                classes:
                  - {name: chat, share: 0.8}
                  - {name: rag, share: 0.2, input_tokens: 8000, shared_prefix: {tokens: 2000, groups: 3},
                     slo: {ttft_s: 3}, max_tokens: 64}
                  - {name: batch, arrival: {process: poisson, rate_rps: 1}, output_tokens: 4000}
                """);
        List<ClassSpec> c = s.workload().classes();
        assertEquals(new LengthSpec.Fixed(1000), c.get(0).inputTokens());
        assertEquals(1.0, c.get(0).slo().ttftS());
        assertEquals(3.0, c.get(1).slo().ttftS());
        assertEquals(8000, s.workload().maxInputTokens(), "rag's prompts, prefix included");
        assertEquals(4000, s.workload().maxOutputTokens(), "batch's outputs; rag's are capped at 64");
        assertEquals(4000, s.pools().get(0).scheduler().outputTokenCap());
    }

    @Test
    void classErrors_nameTheClassField() {
        assertEquals(List.of("workload.classes: the shares add up to 0.9; they must add up to 1"), errors("""
                arrival: {process: poisson, rate_rps: 10}
                input_tokens: 10
                output_tokens: 10
                classes: [{name: a, share: 0.6}, {name: b, share: 0.3}]
                """));
        assertEquals(List.of("workload.classes[1].share: only for classes that share workload.arrival; this class "
                + "has its own arrival", "workload.classes[1].name: duplicate class name 'a'"), errors("""
                arrival: {process: poisson, rate_rps: 10}
                input_tokens: 10
                output_tokens: 10
                classes:
                  - {name: a}
                  - {name: a, share: 0.5, arrival: {process: poisson, rate_rps: 1}}
                """));
        List<String> e = errors("""
                output_tokens: 10
                classes: [{name: x y}]
                """);
        assertEquals(List.of("workload.arrival: is required: some classes take a share of it (or give every class "
                + "its own arrival)", "workload.classes[0].name: use letters, digits, '_', '.' and '-' only, got 'x y'",
                "workload.classes[0].input_tokens: is required (here or for the whole workload)"), e);
        assertEquals(List.of("workload.input_tokens.value: must be >= 1, got 0"), errors("""
                arrival: {process: poisson, rate_rps: 1}
                input_tokens: 0
                output_tokens: 5
                classes: [{name: a}, {name: b}]
                """), "an inherited distribution is reported once, where it is written");
        assertEquals(List.of("workload.arrival: is not used: every class has its own arrival"), errors("""
                arrival: {process: poisson, rate_rps: 10}
                input_tokens: 10
                output_tokens: 10
                classes: [{name: a, arrival: {process: poisson, rate_rps: 1}}]
                """));
    }

    @Test
    void sessionLimitsAndRateLimits_areChecked() {
        assertEquals(List.of("workload.sessions.max_context_tokens: must hold at least a first turn (longest prompt "
                + "and output: 1100 tokens), got 1000"), errors("""
                arrival: {process: poisson, rate_rps: 1}
                input_tokens: 1000
                output_tokens: 100
                shared_prefix: {tokens: 500}
                sessions: {turns: 5, think_time_s: 1, max_context_tokens: 1000}
                """));
        assertEquals(List.of("workload.classes[0].shared_prefix.tokens: must be less than the shortest prompt "
                + "(input_tokens can be 400 tokens), got 500; input_tokens counts the whole prompt, prefix included: "
                + "raise its min (or value) to at least 501"), errors("""
                arrival: {process: poisson, rate_rps: 1}
                input_tokens: {dist: uniform, min: 400, max: 900}
                output_tokens: 100
                classes: [{name: a, shared_prefix: {tokens: 500}}]
                """));
        List<String> limits = errors("""
                arrival: {process: poisson, rate_rps: 1}
                input_tokens: 10
                output_tokens: 10
                rate_limit: {}
                classes: [{name: a, rate_limit: {requests_per_min: 5, burst_tokens: 10}}]
                """);
        assertEquals(2, limits.size(), limits.toString());
        assertTrue(limits.contains("workload.rate_limit: give requests_per_min, tokens_per_min or both"));
        assertTrue(limits.contains("workload.classes[0].rate_limit.burst_tokens: only goes with tokens_per_min"));
    }

    @Test
    void arrivalProcessErrors_sayWhatIsAllowed() {
        List<String> e = errors("""
                arrival: {process: piecewise, points: [{at_s: 5, rate_rps: 1}, {at_s: 3, rate_rps: -1}]}
                input_tokens: 10
                output_tokens: 10
                """);
        assertEquals(List.of("workload.arrival.points[0].at_s: the first point must be at 0, got 5",
                "workload.arrival.points[1].rate_rps: must be a rate >= 0, got -1.0",
                "workload.arrival.points[1].at_s: must be after the previous point (5), got 3"), e);
        assertEquals(List.of("workload.arrival.peak_rps: must be >= trough_rps (5), got 2",
                "workload.arrival.peak_hour: must be an hour in [0, 24), got 25"), errors("""
                arrival: {process: diurnal, trough_rps: 5, peak_rps: 2, peak_hour: 25}
                input_tokens: 10
                output_tokens: 10
                """));
        List<String> unknown = errors("""
                arrival: {process: bursty}
                input_tokens: 10
                output_tokens: 10
                """);
        assertEquals(List.of("workload.arrival: unknown process 'bursty'; allowed: poisson, gamma, diurnal, "
                + "piecewise, onoff, closed_loop, trace"), unknown);
    }

    @Test
    void traceProblems_nameTheTraceFileAndLine(@TempDir Path dir) throws IOException {
        Path trace = dir.resolve("t.csv");
        Files.writeString(trace, "arrival_s,input_tokens,output_tokens,class\n0.5,10,5,gold\n1.0,10,-5,gold\n");
        Path scenario = dir.resolve("s.yaml");
        Files.writeString(scenario, "workload:\n  trace: {path: t.csv}\n" + POOL);
        InputException e = assertThrows(InputException.class,
                () -> new ScenarioLoader(TestScenarios.catalog()).load(scenario, List.of()));
        InputError err = e.errors().get(0);
        assertTrue(err.file().endsWith("t.csv"), err.toString());
        assertEquals(3, err.line());
        // the trace's line, and the line of the scenario that names the trace
        assertEquals("column output_tokens (output_tokens): expected a whole number of tokens >= 0, got '-5' (the "
                + "file of workload.trace.path, " + scenario + ":2)", err.message());

        Files.writeString(trace, "arrival_s,input_tokens,output_tokens,class\n0.5,10,5,gold\n1.0,10,5,silver\n");
        Files.writeString(scenario, "workload:\n  trace: {path: t.csv}\n  classes: [{name: gold}]\n" + POOL);
        e = assertThrows(InputException.class,
                () -> new ScenarioLoader(TestScenarios.catalog()).load(scenario, List.of()));
        assertEquals(3, e.errors().get(0).line());
        assertEquals("class 'silver' is not a class of the workload (gold) (the file of workload.trace.path, "
                + scenario + ":2)", e.errors().get(0).message());

        Files.writeString(scenario, "workload:\n  trace: {path: missing.csv}\n" + POOL);
        e = assertThrows(InputException.class,
                () -> new ScenarioLoader(TestScenarios.catalog()).load(scenario, List.of()));
        assertTrue(e.getMessage().endsWith("missing.csv: trace file not found (the file of workload.trace.path, "
                + scenario + ":2)"), e.getMessage());
    }

    @Test
    void traceSpecErrors() {
        assertEquals(List.of("workload.trace.rate_rps: give speedup or rate_rps, not both",
                "workload.trace.columns.when: unknown field; allowed: arrival_s, input_tokens, output_tokens, class, "
                        + "session_id, prefix_id, prefix_tokens"), errors("""
                trace: {path: x.csv, speedup: 2, rate_rps: 3, columns: {when: t}}
                """));
        assertEquals(List.of("workload.input_tokens: is not used: the trace gives every request's lengths",
                "workload.sessions: cannot be generated for a replayed trace; sessions come from its session_id "
                        + "column"), errors("""
                trace: {path: x.csv}
                input_tokens: 5
                sessions: {turns: 2, think_time_s: 1}
                """));
        assertEquals(List.of("workload.trace.format: unknown value 'parquet'; allowed: azure, burstgpt, vidur, "
                + "splitwise, csv, jsonl"), errors("trace: {path: x.csv, format: parquet}"));
    }
}
