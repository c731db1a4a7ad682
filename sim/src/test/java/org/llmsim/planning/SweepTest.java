package org.llmsim.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;
import org.llmsim.metrics.HeadlineMetric;
import org.llmsim.metrics.RunResult;
import org.llmsim.scenario.InputException;
import org.llmsim.scenario.ScenarioLoader;
import org.llmsim.testing.TestScenarios;

class SweepTest {
    private static final String SCENARIO = TestScenarios.scenario("""
            arrival: {process: poisson, rate_rps: 4}
            input_tokens: {dist: lognormal, mean: 600, stddev: 200, max: 2000}
            output_tokens: {dist: lognormal, mean: 100, stddev: 50, max: 400}
            slo: {ttft_s: 1.0, tpot_s: 0.05}
            """, """
            gpu: h100-sxm
            model: llama-3.1-8b
            replicas: 1
            """, 120, 20);

    private static ScenarioSource source(String... overrides) {
        return ScenarioSource.text(new ScenarioLoader(TestScenarios.catalog()), SCENARIO, "sweep.yaml",
                TestScenarios.home(), List.of(overrides));
    }

    @Test
    void axis_splitsValuesAtTopLevelCommasOnly() {
        Axis a = Axis.parse("workload.input_tokens={dist: fixed, value: 512}, 1024,[1, 2],'a,b'");
        assertEquals("workload.input_tokens", a.path());
        assertEquals(List.of("{dist: fixed, value: 512}", "1024", "[1, 2]", "'a,b'"), a.values());
        assertThrows(InputException.class, () -> Axis.parse("workload.arrival.rate_rps"));
        assertThrows(InputException.class, () -> Axis.parse("workload.arrival.rate_rps=1,,2"));
        assertThrows(InputException.class, () -> Axis.parse("workload.arrival.rate_rps=1,1"));
        InputException broken = assertThrows(InputException.class,
                () -> Axis.parse("workload.input_tokens={dist: fixed, value: 5},{dist: fixed, value: [}"));
        assertEquals("--vary workload.input_tokens={dist: fixed, value: 5},{dist: fixed, value: [}: value {dist: "
                + "fixed, value: [}: cannot read the value as a YAML mapping (while parsing a flow node); write it "
                + "like {dist: fixed, value: 512}", broken.getMessage());
    }

    @Test
    void grid_twoFieldsWithAListIndex_givesEveryCombinationFirstFieldSlowest() {
        // given a rate axis and a replicas axis addressed through a list index
        Grid grid = new Grid(List.of(Axis.parse("workload.arrival.rate_rps=2,4,8"),
                Axis.parse("cluster.pools[0].replicas=1,2")));
        // then the grid has 3 x 2 points, in nested-loop order
        List<Grid.Point> points = grid.points();
        assertEquals(6, points.size());
        assertEquals(List.of("workload.arrival.rate_rps=2", "cluster.pools[0].replicas=1"), points.get(0).assignments());
        assertEquals(List.of("workload.arrival.rate_rps=2", "cluster.pools[0].replicas=2"), points.get(1).assignments());
        assertEquals(List.of("8", "2"), points.get(5).values());
        assertEquals(List.of(2, 1), points.get(5).valueIndex());
        assertThrows(InputException.class, () -> new Grid(List.of(Axis.parse("seed=1,2"), Axis.parse("seed=3"))));
    }

    @Test
    void aPointsProblem_namesTheVaryOption_andTheUsersOwnSetKeepsItsName() {
        Grid grid = new Grid(List.of(Axis.parse("workload.arrival.rate_rps=-3,-4")));
        InputException e = assertThrows(InputException.class,
                () -> Sweep.run(source("cluster.pools[0].replicas=1"), grid, 1, (scenarios, reps) -> List.of()));
        assertEquals("sweep.yaml: workload.arrival.rate_rps: must be > 0, got -3 (value from --vary)", e.getMessage());
        InputException set = assertThrows(InputException.class,
                () -> Sweep.run(source("cluster.pools[0].replicas=0"), grid, 1, (scenarios, reps) -> List.of()));
        assertTrue(set.getMessage().contains("cluster.pools[0].replicas: must be >= 1, got 0 (value from --set)"),
                set.getMessage());
    }

    @Test
    void sweep_runsEveryPointWithItsValuesAndSeed_andReportsInvalidPoints() {
        // given a grid over replicas (by list index) and the model, where the 70B model does not fit on one H100
        Grid grid = new Grid(List.of(Axis.parse("cluster.pools[0].replicas=1,2"),
                Axis.parse("cluster.pools[0].model=llama-3.1-8b,llama-3.1-70b")));
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try {
            Sweep.Result r = Sweep.run(source("seed=11"), grid, 2, PointRunner.on(executor));
            // then every fitting point ran with its own values and the scenario's seeds, replication r at seed + r
            assertEquals(4, r.points().size());
            assertEquals(2, r.validPoints());
            for (Sweep.PointResult p : r.points()) {
                boolean big = p.point().values().get(1).equals("llama-3.1-70b");
                assertEquals(!big, p.valid(), p.point().values().toString());
                if (big) {
                    assertNull(p.reps());
                    assertTrue(p.error().contains("does not fit"), p.error());
                    continue;
                }
                int replicas = Integer.parseInt(p.point().values().get(0));
                assertEquals(replicas, p.scenario().totalReplicas());
                assertEquals(replicas, p.reps().first().replicas().size());
                assertEquals(11, p.reps().runs().get(0).seed());
                assertEquals(12, p.reps().runs().get(1).seed());
            }
            // and the same seeds give the same traffic at every point (common random numbers)
            assertEquals(r.points().get(0).reps().first().requests().arrived(),
                    r.points().get(2).reps().first().requests().arrived());
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void sweep_parallelResultEqualsSerialResult() {
        Grid grid = new Grid(List.of(Axis.parse("workload.arrival.rate_rps=3,6,9")));
        ExecutorService one = Executors.newSingleThreadExecutor();
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            Sweep.Result serial = Sweep.run(source(), grid, 2, PointRunner.on(one));
            Sweep.Result parallel = Sweep.run(source(), grid, 2, PointRunner.on(two));
            for (int i = 0; i < 3; i++) {
                List<RunResult> a = serial.points().get(i).reps().runs();
                List<RunResult> b = parallel.points().get(i).reps().runs();
                for (int k = 0; k < 2; k++) {
                    assertEquals(a.get(k).sim().events(), b.get(k).sim().events());
                    for (HeadlineMetric m : HeadlineMetric.ALL) {
                        assertEquals(m.of(a.get(k)), m.of(b.get(k)), 0.0, m.key());
                    }
                }
            }
            // and the rate really varies: more traffic, more completions
            assertTrue(serial.points().get(2).reps().first().requests().completed()
                    > serial.points().get(0).reps().first().requests().completed());
        } finally {
            one.shutdownNow();
            two.shutdownNow();
        }
    }

    @Test
    void sweep_whereNoPointIsValid_isBadInput() {
        Grid grid = new Grid(List.of(Axis.parse("workload.arival.rate_rps=1,2")));
        InputException e = assertThrows(InputException.class, () -> Sweep.run(source(), grid, 1,
                (scenarios, reps) -> List.of()));
        assertFalse(e.getMessage().isEmpty());
    }
}
