package org.llmsim.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.llmsim.hardware.Dtype;
import org.llmsim.hardware.ReplicaHardware;
import org.llmsim.passtime.PassCostModel;
import org.llmsim.passtime.Shape;
import org.llmsim.scenario.ScenarioLoader;
import org.llmsim.testing.TestScenarios;

/** The capacity search against queueing theory. */
class CapacitySearchTest {
    private static final int INPUT = 256;
    private static ExecutorService executor;

    @BeforeAll
    static void start() {
        executor = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void stop() {
        executor.shutdownNow();
    }

    /** Service time of one request alone: a single prefill pass that also emits its only output token. */
    private static double serviceTimeS() {
        PassCostModel cost = new PassCostModel(new ReplicaHardware(TestScenarios.gpu("h100-sxm"),
                TestScenarios.model("llama-3.1-8b"), 1, Dtype.BF16, Dtype.BF16));
        return cost.timeS(Shape.prefill(INPUT, 0));
    }

    private static ScenarioSource singleServer(double ttftSloS, int replicas, double durationS) {
        String yaml = TestScenarios.scenario(String.format(Locale.ROOT, """
                arrival: {process: poisson, rate_rps: 10}
                input_tokens: {dist: fixed, value: %d}
                output_tokens: {dist: fixed, value: 1}
                slo: {ttft_s: %s}
                """, INPUT, ttftSloS), """
                gpu: h100-sxm
                model: llama-3.1-8b
                replicas: %d
                scheduler: {max_batch_size: 1}
                """.formatted(replicas), durationS, 100);
        return ScenarioSource.text(new ScenarioLoader(TestScenarios.catalog()), yaml, "md1.yaml",
                TestScenarios.home(), List.of());
    }

    @Test
    void capacity_ofAnMD1Server_againstAMeanTtftSlo_matchesPollaczekKhinchine() {
        // given one server with deterministic service S (one prefill pass per request) and a mean-TTFT target that
        // M/D/1 meets exactly at rho = 0.6: TTFT = S + rho S / (2 (1 - rho)) (Pollaczek-Khinchine mean wait)
        double s = serviceTimeS();
        double rho = 0.6;
        double target = s + rho * s / (2 * (1 - rho));
        double expectedRps = rho / s;
        // when the capacity is searched on the mean TTFT
        CapacitySearch.Result r = search(singleServer(target, 1, 1500), 2);
        // then it is the rate the closed form allows
        assertEquals(CapacitySearch.Status.FOUND, r.status());
        assertEquals(expectedRps, r.capacity(), 0.03 * expectedRps, String.format(Locale.ROOT,
                "S = %.4f s, target %.4f s, closed form %.2f req/s, searched %.2f req/s [%s, %s]", s, target,
                expectedRps, r.capacity(), r.low(), r.high()));
        assertTrue(r.low() <= r.capacity() && r.capacity() <= r.high(), r.low() + " " + r.high());
        // and the knee of the latency curve lies below the capacity, where queueing starts to dominate
        assertTrue(r.knee() > 0.4 * expectedRps && r.knee() < r.capacity(), "knee " + r.knee());
    }

    @Test
    void capacity_growsAboutLinearlyWithReplicas() {
        // given the same server and target, behind least-outstanding routing, with 1, 2 and 4 replicas
        double target = 1.75 * serviceTimeS();
        double one = search(singleServer(target, 1, 600), 1).capacity();
        double two = search(singleServer(target, 2, 600), 1).capacity();
        double four = search(singleServer(target, 4, 300), 1).capacity();
        // then each doubling about doubles the rate: a little more, since a shared queue pools the waiting (M/D/c),
        // and the pooling gain shrinks as the fleet grows
        String rates = one + ", " + two + ", " + four + " req/s";
        assertTrue(two / one >= 1.95 && two / one <= 2.7, rates);
        assertTrue(four / two >= 1.95 && four / two <= two / one, rates);
    }

    /** A mean-TTFT capacity search with a short curve (the curve only serves the knee). */
    private static CapacitySearch.Result search(ScenarioSource source, int replications) {
        CapacitySearch.Options options = new CapacitySearch.Options(replications, 0.01, 12, 6, 1.2,
                Knee.DEFAULT_ELASTICITY);
        return new CapacitySearch(source, new SloCriterion(SloCriterion.Statistic.MEAN, null), options,
                PointRunner.on(executor), p -> { }).run();
    }
}
