package org.llmsim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.llmsim.metrics.RunResult;
import org.llmsim.testing.TestScenarios;

class RoutersTest {
    private static RunResult runWith(String policy) {
        return TestScenarios.run(TestScenarios.load(TestScenarios.scenario("""
                arrival: {process: gamma, rate_rps: 24, cv: 2}
                input_tokens: {dist: lognormal, mean: 1500, stddev: 1500, max: 16000}
                output_tokens: {dist: lognormal, mean: 300, stddev: 300, max: 4000}
                """, """
                gpu: a100-80gb
                model: llama-3.1-8b
                replicas: 4
                """, 900, 60), "cluster.router.policy=" + policy));
    }

    @Test
    void everyPolicy_spreadsRequestsOverAllReplicas() {
        for (String policy : new String[] {"round_robin", "random", "least_outstanding"}) {
            RunResult r = runWith(policy);
            long total = r.requests().completed();
            for (RunResult.ReplicaResult replica : r.replicas()) {
                assertTrue(replica.completed() > total / 8, policy + " replica " + replica.index());
            }
            assertEquals(r.requests().arrived(), r.requests().completed() + r.requests().unfinished());
        }
    }

    @Test
    void leastOutstanding_beatsRandomOnTailLatency_withSkewedLengths() {
        double random = runWith("random").ttft().p99();
        double leastOutstanding = runWith("least_outstanding").ttft().p99();
        assertTrue(leastOutstanding < random, "least_outstanding " + leastOutstanding + " random " + random);
    }
}
