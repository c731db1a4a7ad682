package org.llmsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.llmsim.hardware.ColdStart;
import org.llmsim.testing.TestScenarios;

/** The autoscale block and the replica faults are checked with the path and what is allowed. */
class ElasticValidationTest {
    private static final String HEAD = """
            name: elastic
            duration_s: 100
            workload:
              arrival: {process: poisson, rate_rps: 5}
              input_tokens: 500
              output_tokens: 100
            cluster:
              pools:
                - name: main
                  gpu: h100-sxm
                  model: llama-3.1-8b
            """;

    private static void assertError(String yaml, String path, String fragment) {
        InputException e = assertThrows(InputException.class, () -> TestScenarios.load(yaml));
        assertEquals(1, e.errors().size(), e.getMessage());
        InputError error = e.errors().get(0);
        assertEquals(path, error.path(), error.toString());
        assertTrue(error.message().contains(fragment), error.message());
    }

    @Test
    void autoscale_minZeroWithoutScaleToZero_isAnError() {
        assertError(HEAD + """
                      autoscale: {min_replicas: 0, max_replicas: 4, target: {metric: queue_length, value: 4}}
                """, "cluster.pools[0].autoscale.min_replicas", "needs scale_to_zero");
    }

    @Test
    void autoscale_kvUtilizationTargetAbove1_isAnError() {
        assertError(HEAD + """
                      autoscale: {max_replicas: 4, target: {metric: kv_utilization, value: 80}}
                """, "cluster.pools[0].autoscale.target.value", "");
    }

    @Test
    void autoscale_initialReplicasOutsideTheBounds_isAnError() {
        assertError(HEAD + """
                      replicas: 6
                      autoscale: {max_replicas: 4, target: {metric: concurrency, value: 16}}
                """, "cluster.pools[0].replicas", "within min_replicas 1 and max_replicas 4");
    }

    @Test
    void autoscale_defaults_startAtMinReplicas_withAColdStartDerivedFromTheWeights() {
        Scenario s = TestScenarios.load(HEAD + """
                      autoscale: {min_replicas: 2, max_replicas: 5, target: {metric: ttft_p95, value: 0.5}}
                """);
        PoolPlan pool = s.pools().get(0);
        assertEquals(2, pool.initialReplicas());
        assertEquals(5, pool.replicas());
        // 16.06 GB of bf16 Llama-3.1-8B weights at 16.06 GB / 18 s, plus the engine start
        assertEquals(ColdStart.ENGINE_START_S + pool.hardware().weightBytes() / ColdStart.LOAD_BYTES_PER_S,
                pool.coldStartS(), 1e-9);
        assertTrue(pool.coldStartS() > 75 && pool.coldStartS() < 90, "cold start " + pool.coldStartS());
    }

    @Test
    void fault_onAnUnknownPool_namesThePools() {
        assertError(HEAD + """
                faults:
                  - {kind: replica_crash, pool: other, at_s: 10}
                """, "faults[0].pool", "pools: main");
    }

    @Test
    void crash_needsExactlyOneOfAtAndRate() {
        assertError(HEAD + """
                faults:
                  - {kind: replica_crash, pool: main, at_s: 10, rate_per_hour: 1}
                """, "faults[0]", "exactly one of at_s");
    }

    @Test
    void degradedGpu_slowdownBelow1_isAnError() {
        assertError(HEAD + """
                faults:
                  - {kind: degraded_gpu, pool: main, slowdown: 0.5}
                """, "faults[0].slowdown", "must be >= 1");
    }

    @Test
    void unknownFaultKind_isAnError() {
        InputException e = assertThrows(InputException.class, () -> TestScenarios.load(HEAD + """
                faults:
                  - {kind: meteor, pool: main}
                """));
        assertTrue(e.getMessage().contains("meteor"), e.getMessage());
    }
}
