package org.llmsim.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.llmsim.metrics.RunResult;
import org.llmsim.request.Request;
import org.llmsim.testing.TestScenarios;

/**
 * Runs every workload feature at once (classes, sessions, closed-loop users, a trace, popularity, rate limits, an
 * admission timeout) twice with one seed: the completion callbacks keep the run deterministic.
 */
class WorkloadDeterminismTest {
    private static final String WORKLOAD = """
            arrival: {process: diurnal, trough_rps: 2, peak_rps: 12, period_s: 600}
            input_tokens: {dist: lognormal, mean: 1500, stddev: 900, min: 400, max: 8000}
            output_tokens: {dist: lognormal, mean: 200, stddev: 150, max: 1000}
            rate_limit: {requests_per_min: 600, burst_requests: 20}
            classes:
              - name: chat
                share: 0.6
                shared_prefix: {tokens: 300, groups: 3}
                sessions: {turns: {dist: uniform, min: 1, max: 5}, think_time_s: {dist: exponential, mean: 3}}
                popularity: {dist: zipf, items: 200}
                slo: {ttft_s: 1}
              - {name: api, share: 0.4, admission_timeout_s: 3, rate_limit: {tokens_per_min: 400000}}
              - name: agents
                arrival: {process: closed_loop, users: 6, think_time_s: {dist: exponential, mean: 2}}
                sessions: {turns: 4, think_time_s: 0.5}
                max_tokens: 100
              - {name: replayed, arrival: {process: trace}, trace: {path: sim/src/test/resources/traces/burstgpt.csv}}
            """;

    @Test
    void everyFeatureTogether_sameSeedSameResult() {
        var a = run();
        var b = run();
        // the whole result: core, every section (ITL, preemptions, prefix cache, application layer, ...), time series
        assertEquals(TestScenarios.withoutWallTime(a.result()), TestScenarios.withoutWallTime(b.result()));
        assertEquals(TestScenarios.withoutWallTime(a.result()).toString(),
                TestScenarios.withoutWallTime(b.result()).toString());
        assertEquals(signature(a.requests()), signature(b.requests()));
        RunResult.RequestCounts n = a.result().requests();
        assertEquals(n.arrived(), n.completed() + n.rejected() + n.unfinished());
        assertEquals(4, a.result().classes().size());
        assertTrue(a.result().classes().stream().allMatch(c -> c.requests().arrived() > 0));
    }

    private static TestScenarios.Recorded run() {
        return TestScenarios.runRecording(TestScenarios.load(TestScenarios.scenario(WORKLOAD,
                "{gpu: l40s, model: llama-3.1-8b, replicas: 2}", 300, 30)));
    }


    private static List<String> signature(List<Request> requests) {
        return requests.stream().sorted(Comparator.comparingLong(Request::id))
                .map(q -> q.id() + "@" + q.arrivalS() + ":" + q.inputTokens() + "/" + q.outputTokens() + " c"
                        + q.classIndex() + " x" + q.contextId() + " p" + q.prefixId() + " k" + q.contentKey() + " "
                        + q.status() + " " + q.finishS() + " " + q.rejectReason()).toList();
    }
}
