package org.llmsim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.llmsim.metrics.PrefixCacheResult;
import org.llmsim.metrics.RunResult;
import org.llmsim.testing.TestScenarios;

class RoutersTest {
    /** Each policy's run on bursty traffic with skewed lengths over four replicas, run once for all the tests. */
    private static final Map<String, RunResult> RUNS = new HashMap<>();

    private static synchronized RunResult runWith(String policy) {
        return RUNS.computeIfAbsent(policy, p -> TestScenarios.run(TestScenarios.load(TestScenarios.scenario("""
                arrival: {process: gamma, rate_rps: 16, cv: 2}
                input_tokens: {dist: lognormal, mean: 1500, stddev: 1500, max: 16000}
                output_tokens: {dist: lognormal, mean: 300, stddev: 300, max: 4000}
                """, """
                gpu: a100-80gb
                model: llama-3.1-8b
                replicas: 4
                """, 900, 60), "cluster.router.policy=" + p)));
    }

    @Test
    void everyPolicy_spreadsRequestsOverAllReplicas() {
        for (String policy : new String[] {"round_robin", "random", "least_outstanding", "least_kv_load",
                "power_of_two"}) {
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

    @Test
    void powerOfTwoChoices_comesCloseToLeastOutstanding_andBeatsRandom() {
        double random = runWith("random").ttft().p99();
        double leastOutstanding = runWith("least_outstanding").ttft().p99();
        double twoChoices = runWith("power_of_two").ttft().p99();
        assertTrue(twoChoices < random, "power_of_two " + twoChoices + " random " + random);
        assertTrue(twoChoices < 1.5 * leastOutstanding, "power_of_two " + twoChoices + " least_outstanding "
                + leastOutstanding);
    }

    @Test
    void leastKvLoad_beatsRandomOnTailLatency() {
        double random = runWith("random").ttft().p99();
        double kv = runWith("least_kv_load").ttft().p99();
        assertTrue(kv < random, "least_kv_load " + kv + " random " + random);
    }

    /** Multi-turn chat with a shared system prompt on four replicas that cache prefixes. */
    private static RunResult chatSessions(String policy) {
        return TestScenarios.run(TestScenarios.load(TestScenarios.scenario("""
                arrival: {process: poisson, rate_rps: 3}
                input_tokens: {dist: lognormal, mean: 1600, stddev: 300, min: 1100, max: 4000}
                output_tokens: {dist: lognormal, mean: 150, stddev: 50, max: 600}
                shared_prefix: {tokens: 1024, groups: 4}
                sessions: {turns: 6, think_time_s: 10}
                """, """
                gpu: h100-sxm
                model: llama-3.1-8b
                replicas: 4
                prefix_caching: true
                """, 600, 60), "cluster.router.policy=" + policy));
    }

    @Test
    void sessionAffinity_raisesThePrefixCacheHitRate_withoutUnbalancingTheReplicas() {
        RunResult spread = chatSessions("least_outstanding");
        RunResult affinity = chatSessions("affinity");
        double spreadHits = PrefixCacheResult.of(spread).hitRate();
        double affinityHits = PrefixCacheResult.of(affinity).hitRate();
        // a conversation's earlier turns are in the KV cache of the replica that served them
        assertTrue(affinityHits > spreadHits + 0.2, "affinity " + affinityHits + " least_outstanding " + spreadHits);
        long total = affinity.requests().completed();
        for (RunResult.ReplicaResult replica : affinity.replicas()) {
            assertTrue(replica.completed() > total / 8, "replica " + replica.index() + " " + replica.completed());
        }
    }
}
