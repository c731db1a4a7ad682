package org.llmsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.llmsim.hardware.Dtype;
import org.llmsim.metrics.RunResult;
import org.llmsim.testing.TestScenarios;

/** Pools with {@code data_parallel} and {@code expert_parallel}: what they load to, what they cost, what is refused. */
class ParallelPoolTest {
    private static final String WORKLOAD = """
            arrival: {process: poisson, rate_rps: 4}
            input_tokens: {dist: fixed, value: 500}
            output_tokens: {dist: fixed, value: 100}
            """;

    private static String pool(String model, String extra) {
        return "gpu: h100-sxm\nmodel: " + model + "\ntensor_parallel: 2\n" + extra;
    }

    private static Scenario load(String model, String extra) {
        return TestScenarios.load(TestScenarios.scenario(WORKLOAD, pool(model, extra), 60, 10));
    }

    @Test
    void mixtralOnTwoRanksWithExpertParallelism_runsOnFourGpus_withPerRankBatchesAndCache() {
        Scenario one = load("mixtral-8x7b", "expert_parallel: true\n");
        Scenario two = load("mixtral-8x7b", "data_parallel: 2\nexpert_parallel: true\n");
        PoolPlan p = two.pools().get(0);
        assertEquals(2, p.hardware().dp());
        assertEquals(Dtype.FP8, p.hardware().expertParallel().dispatchDtype());
        assertEquals(4, p.hardware().gpus());
        assertEquals(4 * p.hardware().gpu().priceUsdPerHour(), p.usdPerReplicaHour(), 1e-9);
        // max_num_seqs and the token budget are per rank, as in vLLM
        PoolPlan single = one.pools().get(0);
        assertEquals(2 * single.scheduler().maxBatchSize(), p.scheduler().maxBatchSize());
        assertEquals(2 * single.scheduler().maxBatchedTokens(), p.scheduler().maxBatchedTokens());
        assertTrue(p.memory().kvBlocks() > 2 * single.memory().kvBlocks());
        // and it serves: every request of the window completes, four GPUs are paid for
        RunResult r = TestScenarios.run(two);
        assertTrue(r.throughput().completed() > 150, "completed " + r.throughput().completed());
        assertEquals(0, r.requests().rejected());
        assertEquals(4 * 70 / 3600.0, r.cost().gpuHours(), 0.05);
    }

    @Test
    void dataParallelZero_isNamed() {
        InputException e = assertThrows(InputException.class,
                () -> load("llama-3.1-8b", "data_parallel: 0\n"));
        assertEquals("inline.yaml:14: cluster.pools[0].data_parallel: must be >= 1, got 0", e.getMessage());
    }

    @Test
    void expertParallelismOnADenseModel_isRefused() {
        InputException e = assertThrows(InputException.class,
                () -> load("llama-3.1-8b", "expert_parallel: true\n"));
        assertEquals("inline.yaml:14: cluster.pools[0].expert_parallel: needs a mixture-of-experts model, and "
                + "llama-3.1-8b is dense (no experts); remove expert_parallel or set it to false", e.getMessage());
    }

    @Test
    void dataParallelMixtureOfExperts_needsExpertParallelism_andOneExpertPerGpuAtLeast() {
        InputException without = assertThrows(InputException.class,
                () -> load("mixtral-8x7b", "data_parallel: 2\n"));
        assertTrue(without.getMessage().startsWith("inline.yaml:14: cluster.pools[0].data_parallel: of a mixture of "
                + "experts (mixtral-8x7b) needs expert_parallel: true"), without.getMessage());
        InputException tooMany = assertThrows(InputException.class,
                () -> load("mixtral-8x7b", "data_parallel: 8\nexpert_parallel: true\n"));
        assertTrue(tooMany.getMessage().contains("cluster.pools[0].expert_parallel: spreads mixtral-8x7b's 8 experts "
                + "over data_parallel x tensor_parallel = 16 GPUs"), tooMany.getMessage());
    }

    @Test
    void expertSettingsWithoutExpertParallelism_orOutOfRange_areNamed() {
        InputException e = assertThrows(InputException.class,
                () -> load("mixtral-8x7b", "expert_imbalance: 1.2\n"));
        assertEquals("inline.yaml:14: cluster.pools[0].expert_imbalance: applies with expert_parallel: true only",
                e.getMessage());
        InputException low = assertThrows(InputException.class,
                () -> load("mixtral-8x7b", "expert_parallel: true\nexpert_imbalance: 0.5\n"
                        + "expert_dispatch_dtype: int4\n"));
        assertTrue(low.getMessage().contains("cluster.pools[0].expert_imbalance: must be a finite number >= 1"),
                low.getMessage());
        assertTrue(low.getMessage().contains("cluster.pools[0].expert_dispatch_dtype: must be fp8 or bf16, got int4"),
                low.getMessage());
        assertNull(load("mixtral-8x7b", "").pools().get(0).hardware().expertParallel());
    }
}
