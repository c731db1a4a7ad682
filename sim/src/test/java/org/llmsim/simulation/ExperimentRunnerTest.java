package org.llmsim.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;
import org.llmsim.metrics.Estimate;
import org.llmsim.metrics.HeadlineMetric;
import org.llmsim.metrics.ReplicationSummary;
import org.llmsim.metrics.RunResult;
import org.llmsim.request.Request;
import org.llmsim.scenario.Scenario;
import org.llmsim.testing.TestScenarios;

/** Replications: seeds, determinism under parallel execution, and confidence intervals. */
class ExperimentRunnerTest {

    private static Scenario shortQuickstart(String... extra) {
        List<String> overrides = new ArrayList<>(List.of("duration_s=60", "warmup_s=10"));
        overrides.addAll(List.of(extra));
        return TestScenarios.loadFile("scenarios/quickstart.yaml", overrides.toArray(String[]::new));
    }

    /** Everything but the wall-clock time, which is the only field allowed to differ between identical runs. */
    private static String fingerprint(RunResult r) {
        return r.withTimeSeries(r.timeSeries()).toString().replaceAll("wallS=[0-9.E-]+", "wallS=0");
    }

    private static List<List<RunResult>> run(int threads, List<Scenario> scenarios, int replications) {
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            return ExperimentRunner.run(scenarios, replications, executor);
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void replicationR_runsUnderSeedPlusR_andReplicationZeroIsThePlainRun() {
        Scenario s = shortQuickstart();
        List<RunResult> runs = run(2, List.of(s), 3).get(0);
        assertEquals(List.of(42L, 43L, 44L), runs.stream().map(RunResult::seed).toList());
        assertEquals(fingerprint(new Simulation(s).run()), fingerprint(runs.get(0)));
        assertEquals(fingerprint(new Simulation(s.withSeed(44)).run()), fingerprint(runs.get(2)));
    }

    @Test
    void results_doNotDependOnThreadCount() {
        List<Scenario> scenarios = List.of(shortQuickstart(), shortQuickstart("cluster.pools[0].replicas=1"));
        List<List<RunResult>> oneThread = run(1, scenarios, 3);
        List<List<RunResult>> threeThreads = run(3, scenarios, 3);
        for (int s = 0; s < 2; s++) {
            for (int r = 0; r < 3; r++) {
                assertEquals(fingerprint(oneThread.get(s).get(r)), fingerprint(threeThreads.get(s).get(r)),
                        "scenario " + s + " replication " + r);
            }
        }
    }

    @Test
    void manyShortRunsStartingAtOnce_allComplete() {
        // DSOL kernels starting on several threads at the same moment must not trip over each other
        Scenario tiny = TestScenarios.loadFile("scenarios/quickstart.yaml", "duration_s=3", "warmup_s=0");
        List<List<RunResult>> results = run(4, List.of(tiny, tiny.withSeed(7)), 12);
        for (List<RunResult> runs : results) {
            assertEquals(12, runs.size());
            runs.forEach(r -> assertTrue(r.requests().arrived() > 0));
        }
    }

    @Test
    void sinks_receiveTheRequestsOfTheirOwnRun() {
        List<Request> firstRun = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try {
            List<List<RunResult>> results = new ExperimentRunner(executor).run(List.of(shortQuickstart()), 2,
                    (scenario, replication) -> replication == 0 ? firstRun::add : r -> { });
            assertEquals(results.get(0).get(0).requests().arrived(), firstRun.size());
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void aFailingRun_failsTheExperimentWithItsOwnException() {
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try {
            ExperimentRunner runner = new ExperimentRunner(executor);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> runner.run(
                    List.of(shortQuickstart()), 2, (scenario, replication) -> r -> {
                        throw new IllegalStateException("disk full in replication " + replication);
                    }));
            assertTrue(e.getMessage().startsWith("disk full in replication"), e.getMessage());
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void confidenceIntervals_shrinkAsReplicationsGrow() {
        // given 16 replications of a short scenario, summarised as four disjoint groups of 4 and as one group of 16
        List<RunResult> runs = run(2, List.of(shortQuickstart()), 16).get(0);
        ReplicationSummary all = ReplicationSummary.of(runs);
        List<ReplicationSummary> quarters = List.of(ReplicationSummary.of(runs.subList(0, 4)),
                ReplicationSummary.of(runs.subList(4, 8)), ReplicationSummary.of(runs.subList(8, 12)),
                ReplicationSummary.of(runs.subList(12, 16)));
        // then each interval of 16 is narrower than the typical interval of 4 (in expectation about 3x: t(3)/2
        // against t(15)/4), and the intervals of 4 cover the mean of 16
        for (String key : List.of("ttft_s.mean", "ttft_s.p99", "tpot_s.mean", "e2e_s.mean", "e2e_s.p99",
                "throughput.requests_per_s", "cost.usd_per_1m_output_tokens")) {
            HeadlineMetric m = HeadlineMetric.byKey(key);
            Estimate large = all.estimate(m);
            double smallHalfWidth = quarters.stream().mapToDouble(q -> q.estimate(m).halfWidth()).average()
                    .orElseThrow();
            assertTrue(large.halfWidth() > 0, key);
            assertTrue(large.halfWidth() < smallHalfWidth / 1.5, key + ": +-" + smallHalfWidth + " with 4, " + large
                    + " with 16");
            long covering = quarters.stream().filter(q -> !q.estimate(m).excludes(large.mean())).count();
            assertTrue(covering >= 3, key + ": " + covering + " of 4 intervals cover the mean of 16");
        }
        // and the fleet's spend rate, the same in every replication, has a zero-width interval
        Estimate perHour = all.estimate(HeadlineMetric.byKey("cost.usd_per_hour"));
        assertEquals(0, perHour.halfWidth(), 1e-12);
    }

    @Test
    void pairedDifference_underCommonSeeds_isNarrowerThanTheSeparateIntervals() {
        // given two deployments that differ only in the router, under the same seeds
        List<List<RunResult>> both = run(2, List.of(shortQuickstart(),
                shortQuickstart("cluster.router.policy=round_robin")), 6);
        ReplicationSummary a = ReplicationSummary.of(both.get(0));
        ReplicationSummary b = ReplicationSummary.of(both.get(1));
        HeadlineMetric e2e = HeadlineMetric.byKey("e2e_s.mean");
        Estimate diff = ReplicationSummary.pairedDifference(a, b, e2e);
        assertEquals(b.estimate(e2e).mean() - a.estimate(e2e).mean(), diff.mean(), 1e-12);
        assertTrue(diff.halfWidth() < a.estimate(e2e).halfWidth(), diff + " vs " + a.estimate(e2e));
    }
}
