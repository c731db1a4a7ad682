package org.llmsim.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.llmsim.hardware.Dtype;
import org.llmsim.metrics.RunResult;
import org.llmsim.scenario.Scenario;
import org.llmsim.scenario.ScenarioLoader;
import org.llmsim.testing.TestScenarios;

/** The plan's data-parallel, expert-parallel and pipeline axes, and the deployments that span nodes. */
class ParallelPlanTest {
    private static ExecutorService executor;

    @BeforeAll
    static void start() {
        executor = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void stop() {
        executor.shutdownNow();
    }

    private static ScenarioSource moe(String gpu) {
        String yaml = TestScenarios.scenario("""
                arrival: {process: poisson, rate_rps: 1}
                input_tokens: {dist: fixed, value: 500}
                output_tokens: {dist: fixed, value: 100}
                slo: {ttft_s: 2, tpot_s: 0.2}
                """, """
                gpu: %s
                model: mixtral-8x7b
                tensor_parallel: 2
                """.formatted(gpu), 60, 10);
        return ScenarioSource.text(new ScenarioLoader(TestScenarios.catalog()), yaml, "moe.yaml",
                TestScenarios.home(), List.of());
    }

    /** A runner that remembers the scenarios it is asked to simulate. */
    private static final class Recording implements PointRunner {
        final List<Scenario> seen = new ArrayList<>();

        @Override
        public List<List<RunResult>> run(List<Scenario> scenarios, int replications) {
            seen.addAll(scenarios);
            return PointRunner.on(executor).run(scenarios, replications);
        }
    }

    private static PlanSpace space(String gpu, List<Integer> tp, List<Integer> pp, List<Integer> dp,
            List<Boolean> ep) {
        return new PlanSpace(List.of(gpu), List.of(Dtype.FP8), tp, List.of(64), 4, Map.of(), pp, dp, ep);
    }

    @Test
    void moePlan_searchesDataAndExpertParallelism_andSkipsDataParallelismWithoutExperts() {
        // given Mixtral on H100 over data parallelism 1 or 2, expert parallelism off or on
        Recording runner = new Recording();
        DeploymentSearch.Result r = new DeploymentSearch(moe("h100-sxm"), SloCriterion.P99, 1, runner, e -> { })
                .run(1, space("h100-sxm", List.of(2), List.of(), List.of(1, 2), List.of(false, true)), 0);
        // then all four combinations are shapes, and the one with dp 2 without expert parallelism is skipped,
        // not simulated, with the reason naming the field
        assertEquals(4, r.options().size());
        List<DeploymentSearch.Option> invalid = r.options().stream()
                .filter(o -> o.outcome() == DeploymentSearch.Outcome.INVALID).toList();
        assertEquals(1, invalid.size(), r.options().toString());
        Candidate bad = invalid.get(0).candidate();
        assertEquals(2, bad.dataParallel());
        assertEquals(false, bad.expertParallel());
        assertTrue(invalid.get(0).reason().contains("data_parallel: of a mixture of experts"), invalid.get(0).reason());
        assertTrue(runner.seen.stream().noneMatch(s -> s.pools().get(0).hardware().dp() == 2
                && s.pools().get(0).hardware().expertParallel() == null));
        // the others were simulated with the layout they name, a replica of dp 2 counting 4 GPUs
        for (DeploymentSearch.Option o : r.options()) {
            if (o != invalid.get(0)) {
                assertNotNull(o.chosen(), o.toString());
                assertEquals(o.chosen().replicas() * o.candidate().dataParallel() * 2, o.gpus());
            }
        }
        assertTrue(runner.seen.stream().anyMatch(s -> s.pools().get(0).hardware().dp() == 2
                && s.pools().get(0).hardware().expertParallel() != null));
        // and the roofline bound does not claim to hold for data parallelism, only for a single rank
        r.options().stream().filter(o -> o.bound() != null).forEach(o -> assertEquals(
                o.candidate().dataParallel() == 1, o.bound().exact(), o.candidate().label()));
    }

    @Test
    void densePlan_withExpertParallelism_isSkippedAsInvalid() {
        String yaml = TestScenarios.scenario("""
                arrival: {process: poisson, rate_rps: 1}
                input_tokens: {dist: fixed, value: 200}
                output_tokens: {dist: fixed, value: 20}
                slo: {ttft_s: 2, tpot_s: 0.2}
                """, """
                gpu: h100-sxm
                model: llama-3.1-8b
                """, 30, 5);
        ScenarioSource source = ScenarioSource.text(new ScenarioLoader(TestScenarios.catalog()), yaml, "dense.yaml",
                TestScenarios.home(), List.of());
        DeploymentSearch.Result r = new DeploymentSearch(source, SloCriterion.P99, 1, PointRunner.on(executor),
                e -> { }).run(1, space("h100-sxm", List.of(1), List.of(), List.of(), List.of(false, true)), 0);
        DeploymentSearch.Option ep = r.options().stream().filter(o -> o.candidate().expertParallel()).findFirst()
                .orElseThrow();
        assertEquals(DeploymentSearch.Outcome.INVALID, ep.outcome());
        assertTrue(ep.reason().contains("expert_parallel: needs a mixture-of-experts model"), ep.reason());
        assertEquals("h100-sxm fp8 tp1 no-ep batch 64", r.winner().candidate().label());
    }

    @Test
    void replicaBeyondOneNode_isPlannedWhereTheGpuHasANetwork_andSkippedWhereItHasNone() {
        // given 2 stages of 4 GPUs x 2 ranks = 16 GPUs per replica, more than an 8-GPU NVLink domain
        PlanSpace wide = space("h100-sxm", List.of(4), List.of(2), List.of(2), List.of(true));
        Candidate c = wide.candidates().get(0);
        assertEquals(List.of("cluster.pools[0].gpu=h100-sxm", "cluster.pools[0].weight_dtype=fp8",
                "cluster.pools[0].tensor_parallel=4", "cluster.pools[0].scheduler.max_batch_size=64",
                "cluster.pools[0].pipeline_parallel=2", "cluster.pools[0].data_parallel=2",
                "cluster.pools[0].expert_parallel=true", "cluster.pools[0].replicas=1"), c.assignments(0, 1));
        // then on H100 (network_gbps given) it loads, and its launch says it spans two servers
        Scenario s = moe("h100-sxm").load(c.assignments(0, 1));
        assertEquals(16, s.pools().get(0).gpus());
        LaunchSpec launch = LaunchSpec.of(s.pools().get(0));
        assertEquals(2, launch.nodes());
        assertTrue(LaunchScript.render(launch, List.of()).contains("# The replica spans 2 servers of 8 GPUs"));
        // and on L40S (no network between servers) the plan skips it with the reason
        DeploymentSearch.Result r = new DeploymentSearch(moe("l40s"), SloCriterion.P99, 1, PointRunner.on(executor),
                e -> { }).run(1, space("l40s", List.of(4), List.of(1, 2), List.of(2), List.of(true)), 0);
        DeploymentSearch.Option twoNodes = r.options().stream().filter(o -> o.candidate().pipelineParallel() == 2)
                .findFirst().orElseThrow();
        assertEquals(DeploymentSearch.Outcome.INVALID, twoNodes.outcome());
        assertTrue(twoNodes.reason().contains("no network_gbps"), twoNodes.reason());
        assertFalse(r.options().stream().filter(o -> o.candidate().pipelineParallel() == 1).findFirst().orElseThrow()
                .outcome() == DeploymentSearch.Outcome.INVALID);
    }

    @Test
    void spaceWithoutTheNewAxes_writesTheSameShapesAsBefore() {
        // a plan that does not search them sets none of the parallel fields (the pool keeps its own)
        PlanSpace plain = new PlanSpace(List.of("h100-sxm"), List.of(Dtype.BF16), List.of(2), List.of(128), 4);
        Candidate c = plain.candidates().get(0);
        assertNull(c.dataParallel());
        assertEquals("h100-sxm bf16 tp2 batch 128", c.label());
        assertEquals(List.of("cluster.pools[0].gpu=h100-sxm", "cluster.pools[0].weight_dtype=bf16",
                "cluster.pools[0].tensor_parallel=2", "cluster.pools[0].scheduler.max_batch_size=128",
                "cluster.pools[0].replicas=3"), c.assignments(0, 3));
        // and the new axes multiply the shapes, expert parallelism varying fastest before the batch limit
        PlanSpace full = space("h100-sxm", List.of(1, 2), List.of(1), List.of(1, 2), List.of(false, true));
        assertEquals(8, full.candidates().size());
        assertEquals("h100-sxm fp8 tp1 pp1 dp1 no-ep batch 64", full.candidates().get(0).label());
        assertEquals("h100-sxm fp8 tp1 pp1 dp1 ep batch 64", full.candidates().get(1).label());
    }
}
