package org.llmsim.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.llmsim.hardware.Dtype;
import org.llmsim.hardware.ReplicaHardware;
import org.llmsim.passtime.PassCostModel;
import org.llmsim.passtime.Shape;
import org.llmsim.metrics.RunResult;
import org.llmsim.testing.TestScenarios;

/** The simulator against queueing theory and the expected shape of latency under load. */
class QueueingValidationTest {
    private static final int INPUT = 256;
    private static final int OUTPUT = 32;

    /** Service time of one request served alone: a prefill pass, then OUTPUT-1 decode passes over a growing context. */
    private static double serviceTimeS() {
        PassCostModel cost = new PassCostModel(new ReplicaHardware(TestScenarios.gpu("h100-sxm"),
                TestScenarios.model("llama-3.1-8b"), 1, Dtype.BF16, Dtype.BF16));
        double s = cost.timeS(Shape.prefill(INPUT, 0));
        for (int k = 1; k < OUTPUT; k++) {
            s += cost.timeS(Shape.decode(1, INPUT + k - 1));
        }
        return s;
    }

    private static String singleServer(double rateRps, double durationS) {
        return TestScenarios.scenario(String.format(Locale.ROOT, """
                arrival: {process: poisson, rate_rps: %s}
                input_tokens: {dist: fixed, value: %d}
                output_tokens: {dist: fixed, value: %d}
                """, rateRps, INPUT, OUTPUT), """
                gpu: h100-sxm
                model: llama-3.1-8b
                scheduler: {max_batch_size: 1}
                """, durationS, 200);
    }

    @Test
    void oneRequestAtATime_atSeventyPercentLoad_matchesMD1MeanQueueingDelay() {
        // given a single server with deterministic service S and Poisson arrivals at rho = 0.7
        double s = serviceTimeS();
        double rho = 0.7;
        double rate = rho / s;
        // when it runs for long enough to hold the sampling error well under the tolerance
        RunResult r = TestScenarios.run(TestScenarios.load(singleServer(rate, 20_000)));
        // then the mean wait is the Pollaczek-Khinchine value for M/D/1: rho S / (2 (1 - rho))
        double md1 = rho * s / (2 * (1 - rho));
        double measured = r.queue().mean();
        assertEquals(md1, measured, 0.10 * md1, String.format(Locale.ROOT,
                "M/D/1 mean wait %.4f s, simulated %.4f s (S = %.4f s, %d requests)", md1, measured, s,
                r.queue().count()));
        // and the service time itself is what the roofline says: E2E - queue = S for every request
        assertEquals(s, r.e2e().mean() - r.queue().mean(), 1e-9);
        assertEquals(rho, r.utilization().busyFraction(), 0.02);
    }

    @Test
    void moreReplicasAtTheSameLoad_lowerP99Ttft() {
        String workload = """
                arrival: {process: poisson, rate_rps: 12}
                input_tokens: {dist: lognormal, mean: 1500, stddev: 600, max: 6000}
                output_tokens: {dist: lognormal, mean: 200, stddev: 100, max: 1000}
                """;
        double p99One = TestScenarios.run(TestScenarios.load(TestScenarios.scenario(workload, """
                gpu: a100-80gb
                model: llama-3.1-8b
                replicas: 1
                """, 600, 60))).ttft().p99();
        double p99Two = TestScenarios.run(TestScenarios.load(TestScenarios.scenario(workload, """
                gpu: a100-80gb
                model: llama-3.1-8b
                replicas: 2
                """, 600, 60))).ttft().p99();
        double p99Four = TestScenarios.run(TestScenarios.load(TestScenarios.scenario(workload, """
                gpu: a100-80gb
                model: llama-3.1-8b
                replicas: 4
                """, 600, 60))).ttft().p99();
        assertTrue(p99Two < p99One, "2 replicas " + p99Two + " vs 1 replica " + p99One);
        assertTrue(p99Four < p99Two, "4 replicas " + p99Four + " vs 2 replicas " + p99Two);
    }

    @Test
    void p99Ttft_risesSteeplyAsLoadNearsCapacity() {
        // given the M/D/1 server above at rising load
        double s = serviceTimeS();
        double[] loads = {0.3, 0.6, 0.9};
        double[] p99 = new double[loads.length];
        for (int i = 0; i < loads.length; i++) {
            p99[i] = TestScenarios.run(TestScenarios.load(singleServer(loads[i] / s, 5_000))).ttft().p99();
        }
        // then latency is convex in load: the last step of load costs far more than the first
        assertTrue(p99[1] > p99[0] && p99[2] > p99[1], java.util.Arrays.toString(p99));
        assertTrue(p99[2] - p99[1] > 3 * (p99[1] - p99[0]), java.util.Arrays.toString(p99));
        assertTrue(p99[2] > 5 * p99[0], java.util.Arrays.toString(p99));
    }
}
