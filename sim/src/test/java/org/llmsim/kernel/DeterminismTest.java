package org.llmsim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.llmsim.metrics.RunResult;
import org.llmsim.request.Request;
import org.llmsim.testing.TestScenarios;

class DeterminismTest {
    /** A result with the wall-clock time zeroed, the only field allowed to differ between identical runs. */
    private static RunResult withoutWallTime(RunResult r) {
        return new RunResult(r.scenario(), r.seed(), r.window(), r.requests(), r.ttft(), r.tpot(), r.e2e(), r.queue(),
                r.throughput(), r.slo(), r.cost(), r.utilization(), r.preemptions(), r.pools(), r.replicas(),
                new RunResult.SimStats(0, r.sim().events(), r.sim().simulatedS()), r.timeSeries());
    }

    @Test
    void sameScenarioAndSeed_giveIdenticalResults() {
        RunResult a = TestScenarios.run(TestScenarios.loadFile("scenarios/quickstart.yaml", "duration_s=200"));
        RunResult b = TestScenarios.run(TestScenarios.loadFile("scenarios/quickstart.yaml", "duration_s=200"));
        assertEquals(withoutWallTime(a).toString(), withoutWallTime(b).toString());
        assertEquals(a.ttft().mean(), b.ttft().mean(), 0.0);
        assertEquals(a.sim().events(), b.sim().events());
    }

    @Test
    void anotherSeed_givesAnotherSample() {
        RunResult a = TestScenarios.run(TestScenarios.loadFile("scenarios/quickstart.yaml", "duration_s=200"));
        RunResult b = TestScenarios.run(TestScenarios.loadFile("scenarios/quickstart.yaml", "duration_s=200",
                "seed=43"));
        assertNotEquals(a.ttft().mean(), b.ttft().mean());
    }

    @Test
    void changingTheRouter_leavesTheWorkloadUnchanged() {
        var a = TestScenarios.runRecording(TestScenarios.loadFile("scenarios/quickstart.yaml", "duration_s=200"));
        var b = TestScenarios.runRecording(TestScenarios.loadFile("scenarios/quickstart.yaml", "duration_s=200",
                "cluster.router.policy=random"));
        assertEquals(workload(a), workload(b));
        assertNotEquals(a.result().ttft().mean(), b.result().ttft().mean());
    }

    /** Every request's identity, arrival and sizes, in id order. */
    private static List<String> workload(TestScenarios.Recorded run) {
        return run.requests().stream().sorted(Comparator.comparingLong(Request::id))
                .map(q -> q.id() + "@" + q.arrivalS() + ":" + q.inputTokens() + "/" + q.outputTokens()).toList();
    }
}
