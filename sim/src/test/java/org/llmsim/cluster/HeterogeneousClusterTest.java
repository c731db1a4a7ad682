package org.llmsim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.llmsim.metrics.RunResult;
import org.llmsim.testing.TestScenarios;

/** One model served by pools of different GPUs behind one router. */
class HeterogeneousClusterTest {

    /** Two H100s and two A100s (60% of an H100's bandwidth) serving Llama-3.1-8B, at a load they carry together. */
    private static RunResult run(String router) {
        String yaml = """
                name: mixed-fleet
                seed: 3
                duration_s: 200
                warmup_s: 20
                workload:
                  arrival: {process: poisson, rate_rps: 40}
                  input_tokens: {dist: lognormal, mean: 1000, stddev: 400, max: 8192}
                  output_tokens: {dist: lognormal, mean: 250, stddev: 100, max: 2048}
                cluster:
                  router: {policy: %s}
                  pools:
                    - {name: h100, gpu: h100-sxm, model: llama-3.1-8b, replicas: 2}
                    - {name: a100, gpu: a100-80gb, model: llama-3.1-8b, replicas: 2}
                """.formatted(router);
        return TestScenarios.run(TestScenarios.load(yaml));
    }

    @Test
    void leastOutstanding_sendsMoreToTheFasterPool_andKeepsTheSlowerOneOutOfOverload() {
        RunResult least = run("least_outstanding");
        RunResult turns = run("round_robin");
        RunResult.PoolResult h100 = least.pools().get(0);
        RunResult.PoolResult a100 = least.pools().get(1);
        // the faster replicas drain their queue sooner, so they are chosen more often: about in the ratio of speeds
        double share = (double) h100.completed() / (h100.completed() + a100.completed());
        assertTrue(share > 0.6 && share < 0.8, "H100 share " + share);
        // and the A100s stay within their capacity: their p99 TTFT is under a second
        assertTrue(a100.latency().ttft().p99() < 1.0, "A100 p99 TTFT " + a100.latency().ttft().p99());
        // round robin gives each pool half, more than the A100s can take: their queue grows for the whole run
        RunResult.PoolResult slowTurns = turns.pools().get(1);
        assertEquals(1.0, (double) slowTurns.completed() / turns.pools().get(0).completed(), 0.01);
        assertTrue(slowTurns.latency().ttft().p99() > 5 * a100.latency().ttft().p99(), "round robin A100 p99 TTFT "
                + slowTurns.latency().ttft().p99());
        assertTrue(least.ttft().p99() < 0.3 * turns.ttft().p99());
    }

    @Test
    void perPoolResults_addUpToTheWhole_andEachPoolPaysForItsOwnGpus() {
        RunResult r = run("least_outstanding");
        RunResult.PoolResult h100 = r.pools().get(0);
        RunResult.PoolResult a100 = r.pools().get(1);
        assertEquals(r.requests().completed(), h100.completed() + a100.completed());
        assertEquals(r.ttft().count(), h100.latency().ttft().count() + a100.latency().ttft().count());
        // the faster GPUs give the faster answers
        assertTrue(h100.latency().tpot().mean() < a100.latency().tpot().mean());
        assertEquals(2 * TestScenarios.gpu("h100-sxm").priceUsdPerHour(), h100.usdPerHour(), 1e-12);
        assertEquals(2 * TestScenarios.gpu("a100-80gb").priceUsdPerHour(), a100.usdPerHour(), 1e-12);
        assertEquals(h100.usdPerHour() + a100.usdPerHour(), r.cost().usdPerHour(), 1e-9);
        // the bill covers both pools for the whole simulated span
        assertEquals(r.cost().usdPerHour() * r.sim().simulatedS() / 3600, r.cost().gpuUsd(), 1e-6);
    }
}
