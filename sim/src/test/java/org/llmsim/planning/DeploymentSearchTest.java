package org.llmsim.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.llmsim.hardware.Dtype;
import org.llmsim.simulation.Simulation;
import org.llmsim.metrics.RunResult;
import org.llmsim.scenario.LoadScaling;
import org.llmsim.scenario.Scenario;
import org.llmsim.scenario.ScenarioLoader;
import org.llmsim.testing.TestScenarios;

class DeploymentSearchTest {
    private static ExecutorService executor;

    @BeforeAll
    static void start() {
        executor = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void stop() {
        executor.shutdownNow();
    }

    private static ScenarioSource chat(String model, double durationS) {
        String yaml = TestScenarios.scenario("""
                arrival: {process: poisson, rate_rps: 1}
                input_tokens: {dist: lognormal, mean: 1000, stddev: 400, max: 4000}
                output_tokens: {dist: lognormal, mean: 200, stddev: 100, max: 1000}
                slo: {ttft_s: 0.5, tpot_s: 0.05}
                """, """
                gpu: h100-sxm
                model: %s
                """.formatted(model), durationS, 30);
        return ScenarioSource.text(new ScenarioLoader(TestScenarios.catalog()), yaml, "plan.yaml",
                TestScenarios.home(), List.of());
    }

    private static PlanSpace space(List<String> gpus, List<Dtype> dtypes, int maxReplicas) {
        return new PlanSpace(gpus, dtypes, List.of(1), List.of(256), maxReplicas);
    }

    /** A runner that counts the runs it is asked for and remembers the scenarios. */
    private static final class Counting implements PointRunner {
        final AtomicInteger runs = new AtomicInteger();
        final List<Scenario> seen = new ArrayList<>();

        @Override
        public List<List<RunResult>> run(List<Scenario> scenarios, int replications) {
            runs.addAndGet(scenarios.size() * replications);
            seen.addAll(scenarios);
            return PointRunner.on(executor).run(scenarios, replications);
        }
    }

    @Test
    void plan_whenTwoGpusBothMeetTheSlo_picksTheCheaperOne() {
        // given light traffic that one H100 ($3.99/h) and one L40S ($1.09/h) both serve within the SLOs
        DeploymentSearch.Result r = new DeploymentSearch(chat("llama-3.1-8b", 180), SloCriterion.P99, 1,
                PointRunner.on(executor), e -> { }).run(2, space(List.of("h100-sxm", "l40s"), List.of(Dtype.BF16), 4),
                0);
        // then both meet with one replica, and the L40S wins on price
        assertEquals(2, r.options().size());
        r.options().forEach(o -> assertEquals(DeploymentSearch.Outcome.MEETS, o.outcome(), o.toString()));
        assertEquals("l40s", r.winner().candidate().gpu());
        assertEquals(1, r.winner().replicas());
        assertTrue(r.options().get(0).usdPerHour() < r.options().get(1).usdPerHour());
    }

    @Test
    void plan_byEnergy_ranksByKwhPerOutputToken_andReportsEveryObjectiveForEveryShape() {
        // given 12 req/s, which one H100 ($3.99/h) carries alone and L40S ($1.09/h) only with several replicas,
        // planned by cost and by energy
        PlanSpace space = space(List.of("h100-sxm", "l40s"), List.of(Dtype.BF16), 4);
        DeploymentSearch.Result byCost = new DeploymentSearch(chat("llama-3.1-8b", 90), SloCriterion.P99, 1,
                PointRunner.on(executor), e -> { }).run(12, space, 0);
        DeploymentSearch.Result byEnergy = new DeploymentSearch(chat("llama-3.1-8b", 90), SloCriterion.P99, 1,
                PointRunner.on(executor), e -> { }).rankedBy(Objective.ENERGY).run(12, space, 0);
        assertEquals(Objective.COST, byCost.objective());
        assertEquals(Objective.ENERGY, byEnergy.objective());
        // then the same deployments were found (the objective only ranks them) ...
        assertEquals(byCost.options().size(), byEnergy.options().size());
        // ... cost ranks the L40S first; energy the one H100, whose one busy board and one host's share draw less per
        // token than several L40S boards, each with its host share and its idle floor
        assertEquals("l40s", byCost.winner().candidate().gpu());
        assertTrue(byCost.winner().replicas() > 1);
        assertEquals("h100-sxm", byEnergy.winner().candidate().gpu());
        DeploymentSearch.Option a = byEnergy.options().get(0);
        DeploymentSearch.Option b = byEnergy.options().get(1);
        double ea = a.chosen().footprint().kwhPerMillionOutputTokens();
        double eb = b.chosen().footprint().kwhPerMillionOutputTokens();
        assertTrue(ea > 0 && ea < eb, ea + " vs " + eb);
        assertTrue(a.usdPerHour() > b.usdPerHour(), "the energy winner is not the cheapest here");
        // every objective is reported: GPUs, $/hour, facility kWh per hour consistent with kWh per token
        for (DeploymentSearch.Option o : byEnergy.options()) {
            Footprint f = o.chosen().footprint();
            assertTrue(f.facilityKwhPerHour() > 0);
            assertEquals(o.gpus(), Objective.GPUS.value(o));
            assertEquals(o.usdPerHour(), Objective.COST.value(o));
        }
    }

    @Test
    void objective_unknownName_isBadInput_namingTheAllowedValues() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(org.llmsim.scenario.InputException.class,
                () -> Objective.parse("speed"));
        assertTrue(e.getMessage().contains("cost, energy, co2, gpus"), e.getMessage());
        assertEquals(Objective.CO2, Objective.parse("CO2"));
    }

    @Test
    void plan_skipsShapesThatCannotFit_withoutSimulatingThem() {
        // given Llama-3.1-70B on one H200: 141 GB of BF16 weights cannot fit in 141 GB x 0.9; FP8 (70 GB) can
        Counting runner = new Counting();
        DeploymentSearch.Result r = new DeploymentSearch(chat("llama-3.1-70b", 120), SloCriterion.P99, 1, runner,
                e -> { }).run(0.5, space(List.of("h200"), List.of(Dtype.BF16, Dtype.FP8), 2), 0);
        // then BF16 is skipped as not fitting and never simulated; every run went to FP8
        DeploymentSearch.Option bf16 = r.options().stream().filter(o -> o.candidate().weightDtype() == Dtype.BF16)
                .findFirst().orElseThrow();
        assertEquals(DeploymentSearch.Outcome.DOES_NOT_FIT, bf16.outcome());
        assertTrue(bf16.reason().contains("does not fit"), bf16.reason());
        assertTrue(bf16.evaluations().isEmpty());
        assertTrue(runner.runs.get() > 0);
        assertEquals(runner.runs.get(), r.runs());
        runner.seen.forEach(s -> assertEquals(Dtype.FP8, s.pools().get(0).spec().weightDtype()));
        assertEquals(runner.seen.size(), r.evaluations().size());
    }

    @Test
    void plan_skipsShapesWhoseRooflineBoundExceedsMaxReplicas_withoutSimulatingThem() {
        // given 40 req/s of 1k/200-token chat, far more than one L40S could compute, and at most one replica
        Counting runner = new Counting();
        DeploymentSearch.Result r = new DeploymentSearch(chat("llama-3.1-8b", 60), SloCriterion.P99, 1, runner,
                e -> { }).run(40, space(List.of("l40s"), List.of(Dtype.BF16), 1), 0);
        // then the shape is skipped on the bound alone
        DeploymentSearch.Option o = r.options().get(0);
        assertEquals(DeploymentSearch.Outcome.TOO_SLOW, o.outcome(), o.toString());
        assertTrue(o.bound().replicas() > 1);
        assertEquals(0, runner.runs.get());
        assertEquals(null, r.winner());
    }

    @Test
    void plan_findsTheCheapestDeployment_asBruteForceDoes_andTheWinnerMeetsTheSloOnItsOwn() {
        // given three GPUs and up to four replicas at 12 req/s
        ScenarioSource source = chat("llama-3.1-8b", 240);
        double rate = 12;
        PlanSpace space = space(List.of("a100-80gb", "l40s", "h100-sxm"), List.of(Dtype.BF16), 4);
        DeploymentSearch.Result r = new DeploymentSearch(source, SloCriterion.P99, 1, PointRunner.on(executor),
                e -> { }).run(rate, space, 0);
        DeploymentSearch.Option winner = r.winner();
        assertNotNull(winner);

        // when every deployment of the space is simulated (brute force)
        LoadScaling scaling = LoadScaling.of(source.base());
        List<String> scale = scaling.assignments(scaling.factorFor(rate));
        List<Scenario> all = new ArrayList<>();
        for (Candidate c : space.candidates()) {
            for (int n = 1; n <= space.maxReplicas(); n++) {
                List<String> a = new ArrayList<>(scale);
                a.addAll(c.assignments(0, n));
                all.add(source.load(a));
            }
        }
        List<List<RunResult>> runs = PointRunner.on(executor).run(all, 1);
        double cheapest = Double.POSITIVE_INFINITY;
        for (int i = 0; i < all.size(); i++) {
            if (SloCriterion.P99.judge(runs.get(i)).meets()) {
                cheapest = Math.min(cheapest, all.get(i).fleetUsdPerHour());
            }
        }
        // then no deployment in the space that meets the SLOs is cheaper than the plan's
        assertEquals(cheapest, winner.usdPerHour(), 1e-9, r.options().toString());
        // and the plan simulated fewer deployments than brute force did
        assertTrue(r.evaluations().size() < all.size(), r.evaluations().size() + " of " + all.size());
        // and the winner, loaded from its assignments and run on its own, meets the SLOs
        Scenario alone = source.load(r.winnerAssignments());
        assertEquals(winner.replicas(), alone.totalReplicas());
        assertEquals(rate, alone.spec().workload().arrival().meanRateRps(), 1e-9);
        assertTrue(SloCriterion.P99.judge(List.of(new Simulation(alone).run())).meets());
        // and the roofline bound never asked for more replicas than were needed
        r.options().stream().filter(o -> o.outcome() == DeploymentSearch.Outcome.MEETS)
                .forEach(o -> assertTrue(o.bound().replicas() <= o.replicas(), o.toString()));
    }

    @Test
    void plan_ofAnAutoscaledPool_sizesItsCeiling_pricesWhatItProvisioned_andCostsLessThanAFixedFleet() {
        // given a compressed day: 1 req/s, a ramp to 16 req/s and back, and a long quiet evening, on autoscaled L40S
        String yaml = TestScenarios.scenario("""
                arrival:
                  process: piecewise
                  interpolation: linear
                  points: [{at_s: 0, rate_rps: 1}, {at_s: 600, rate_rps: 1}, {at_s: 1200, rate_rps: 16},
                           {at_s: 1800, rate_rps: 1}, {at_s: 3600, rate_rps: 1}]
                input_tokens: {dist: lognormal, mean: 1000, stddev: 400, max: 4000}
                output_tokens: {dist: lognormal, mean: 200, stddev: 100, max: 1000}
                slo: {ttft_s: 1.0, tpot_s: 0.06}
                """, """
                gpu: l40s
                model: llama-3.1-8b
                autoscale:
                  min_replicas: 1
                  max_replicas: 2
                  target: {metric: concurrency, value: 16}
                  interval_s: 10
                  cold_start_s: 30
                  scale_down_delay_s: 60
                """, 3600, 0);
        ScenarioSource autoscaled = ScenarioSource.text(new ScenarioLoader(TestScenarios.catalog()), yaml,
                "auto.yaml", TestScenarios.home(), List.of());
        ScenarioSource fixed = ScenarioSource.text(new ScenarioLoader(TestScenarios.catalog()), yaml, "fixed.yaml",
                TestScenarios.home(), List.of("cluster.pools[0].autoscale=null"));
        double rate = autoscaled.base().spec().workload().arrival().meanRateRps();
        PlanSpace space = space(List.of("l40s"), List.of(Dtype.BF16), 8);

        // when both are planned
        DeploymentSearch.Result a = new DeploymentSearch(autoscaled, SloCriterion.P99, 1, PointRunner.on(executor),
                e -> { }).run(rate, space, 0);
        DeploymentSearch.Result f = new DeploymentSearch(fixed, SloCriterion.P99, 1, PointRunner.on(executor),
                e -> { }).run(rate, space, 0);

        // then the autoscaled plan sizes max_replicas and prices the replicas the run provisioned
        assertTrue(a.autoscaled());
        DeploymentSearch.Option w = a.winner();
        assertNotNull(w, () -> a.options().stream().map(o -> o.outcome() + ": " + o.reason()).toList().toString());
        Scenario alone = autoscaled.load(a.winnerAssignments());
        assertEquals(w.replicas(), alone.pools().get(0).spec().autoscale().maxReplicas());
        RunResult run = new Simulation(alone).run();
        assertTrue(SloCriterion.P99.judge(List.of(run)).meets());
        assertEquals(run.cost().usdPerHour(), w.usdPerHour(), 1e-9);
        assertTrue(w.usdPerHour() < alone.fleetUsdPerHour(), "pays less than its ceiling");
        // and needs the same ceiling as the fixed fleet needs replicas, at a lower price over the day
        assertEquals(false, f.autoscaled());
        assertNotNull(f.winner());
        assertTrue(w.usdPerHour() < 0.85 * f.winner().usdPerHour(), w.usdPerHour() + " vs " + f.winner().usdPerHour());
    }

    @Test
    void plan_ofAnAutoscaledPoolThatDoesNotFitAsWritten_triesTheShapesWithTheirCeiling() {
        // given an autoscaled pool of at least 2 replicas whose model does not fit one GPU as written
        String yaml = TestScenarios.scenario("""
                arrival: {process: poisson, rate_rps: 0.5}
                input_tokens: {dist: fixed, value: 500}
                output_tokens: {dist: fixed, value: 50}
                slo: {ttft_s: 2, tpot_s: 0.2}
                """, """
                gpu: h100-sxm
                model: llama-3.1-70b
                autoscale: {min_replicas: 2, max_replicas: 3, target: {metric: concurrency, value: 8}, cold_start_s: 5}
                """, 120, 20);
        ScenarioSource source = ScenarioSource.text(new ScenarioLoader(TestScenarios.catalog()), yaml, "auto.yaml",
                TestScenarios.home(), List.of());
        // when it is planned over tensor parallelism 4
        DeploymentSearch.Result r = new DeploymentSearch(source, SloCriterion.P99, 1, PointRunner.on(executor),
                e -> { }).run(0.5, new PlanSpace(List.of("h100-sxm"), List.of(Dtype.FP8), List.of(4), List.of(64), 3),
                0);
        // then the shapes are written as ceilings (the floor lowered to a ceiling below it), and one wins
        assertTrue(r.autoscaled());
        assertNotNull(r.winner(), () -> r.options().stream().map(o -> o.outcome() + ": " + o.reason()).toList()
                .toString());
        int n = r.winner().replicas();
        assertTrue(r.winnerAssignments().contains("cluster.pools[0].autoscale.max_replicas=" + n));
        assertTrue(r.winnerAssignments().contains("cluster.pools[0].autoscale.min_replicas=" + Math.min(2, n)));
    }

    @Test
    void plan_withPipelineStages_countsEveryGpuOfAReplica_andDoesNotPruneByTheSingleStageRoofline() {
        // given a pool of 2 pipeline stages x 2 GPUs per replica
        String yaml = TestScenarios.scenario("""
                arrival: {process: poisson, rate_rps: 1}
                input_tokens: {dist: fixed, value: 500}
                output_tokens: {dist: fixed, value: 100}
                slo: {ttft_s: 2, tpot_s: 0.2}
                """, """
                gpu: h100-sxm
                model: llama-3.1-8b
                pipeline_parallel: 2
                """, 120, 20);
        ScenarioSource source = ScenarioSource.text(new ScenarioLoader(TestScenarios.catalog()), yaml, "pp.yaml",
                TestScenarios.home(), List.of());
        // when it is planned with tensor parallelism 2
        DeploymentSearch.Result r = new DeploymentSearch(source, SloCriterion.P99, 1, PointRunner.on(executor),
                e -> { }).run(1, new PlanSpace(List.of("h100-sxm"), List.of(Dtype.BF16), List.of(2), List.of(64), 4),
                0);
        // then the winner's GPUs are replicas x stages x tensor parallelism, and the bound did not claim to apply
        DeploymentSearch.Option w = r.winner();
        assertNotNull(w);
        assertEquals(w.replicas() * 2 * 2, w.gpus());
        assertEquals(false, w.bound().exact());
    }

    @Test
    void rooflineBound_fallsBackToOneReplica_forSpeculativeDecoding() {
        Scenario speculative = TestScenarios.load(TestScenarios.scenario("""
                arrival: {process: poisson, rate_rps: 50}
                input_tokens: {dist: fixed, value: 500}
                output_tokens: {dist: fixed, value: 300}
                """, """
                gpu: h100-sxm
                model: llama-3.1-70b
                tensor_parallel: 4
                speculative: {draft_model: llama-3.2-1b, k: 4, acceptance: 0.8}
                """, 60, 0));
        RooflineBound bound = RooflineBound.of(speculative, 0);
        assertEquals(1, bound.replicas());
        assertEquals(false, bound.exact());
        Scenario plain = TestScenarios.load(TestScenarios.scenario("""
                arrival: {process: poisson, rate_rps: 50}
                input_tokens: {dist: fixed, value: 500}
                output_tokens: {dist: fixed, value: 300}
                """, """
                gpu: h100-sxm
                model: llama-3.1-70b
                tensor_parallel: 4
                """, 60, 0));
        assertTrue(RooflineBound.of(plain, 0).exact());
    }
}
