package org.llmsim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.llmsim.metrics.RunResult;
import org.llmsim.scenario.InputException;
import org.llmsim.scenario.PoolPlan;
import org.llmsim.scenario.Scenario;
import org.llmsim.testing.TestScenarios;

/** Pipeline parallelism end to end: what fits, what it costs, and how latency and throughput change. */
class PipelineParallelTest {
    private static final String ONE_AT_A_TIME = """
            arrival: {process: gamma, rate_rps: 0.2, cv: 0.01}
            input_tokens: {dist: fixed, value: 1000}
            output_tokens: {dist: fixed, value: 100}
            """;
    private static final String SATURATED = """
            arrival: {process: closed_loop, users: 256, think_time_s: 0}
            input_tokens: {dist: fixed, value: 1000}
            output_tokens: {dist: fixed, value: 200}
            """;

    private static Scenario load(String workload, String layout, double durationS) {
        return TestScenarios.load(TestScenarios.scenario(workload, "gpu: a100-80gb\nmodel: llama-3.1-70b\n" + layout,
                durationS, 30));
    }

    @Test
    void llama70bInBf16_doesNotFitTwoA100s_butFitsTwoStagesOfTwo_andPaysForFourGpus() {
        InputException e = assertThrows(InputException.class, () -> load(ONE_AT_A_TIME, "tensor_parallel: 2\n", 60));
        assertTrue(e.getMessage().contains("does not fit on 2x a100-80gb"), e.getMessage());
        PoolPlan pool = load(ONE_AT_A_TIME, "tensor_parallel: 2\npipeline_parallel: 2\n", 60).pools().get(0);
        assertTrue(pool.memory().fits());
        assertEquals(4, pool.hardware().gpus());
        assertEquals(4 * TestScenarios.gpu("a100-80gb").priceUsdPerHour(), pool.usdPerHour(), 1e-12);
        // each GPU holds a quarter of the weights, as with four-way tensor parallelism
        PoolPlan tp4 = load(ONE_AT_A_TIME, "tensor_parallel: 4\n", 60).pools().get(0);
        assertEquals(tp4.memory().weightBytesPerGpu(), pool.memory().weightBytesPerGpu(), 1.0);
        assertEquals(1.0, (double) pool.memory().kvTokens() / tp4.memory().kvTokens(), 0.02);
    }

    @Test
    void pipelineParallel_addsLatencyAtBatchOne_andKeepsThroughputAtLargeBatch() {
        RunResult ppLow = TestScenarios.run(load(ONE_AT_A_TIME, "tensor_parallel: 2\npipeline_parallel: 2\n", 200));
        RunResult tpLow = TestScenarios.run(load(ONE_AT_A_TIME, "tensor_parallel: 4\n", 200));
        // at batch one the two stages run one after the other: each GPU streams its quarter of the weights, but only
        // half of the GPUs work at a time, so a token takes about as long as on two GPUs, not four
        assertTrue(ppLow.tpot().mean() > 1.5 * tpLow.tpot().mean(),
                "pp TPOT " + ppLow.tpot().mean() + " tp TPOT " + tpLow.tpot().mean());
        // when saturated every stage works on its own micro-batch: throughput at least that of tp 4, and a little more,
        // since each stage's all-reduces span 2 GPUs instead of 4 (half the ring's hops for the same bytes)
        RunResult ppHigh = TestScenarios.run(load(SATURATED, "tensor_parallel: 2\npipeline_parallel: 2\n", 150));
        RunResult tpHigh = TestScenarios.run(load(SATURATED, "tensor_parallel: 4\n", 150));
        assertTrue(ppHigh.utilization().batchSizeMean() > 200);
        double ratio = ppHigh.throughput().outputTokensPerS() / tpHigh.throughput().outputTokensPerS();
        assertTrue(ratio > 1.0 && ratio < 1.15, "pp/tp throughput " + ratio);
        // the summary shows the layout
        RunResult.PoolLayout layout = ppHigh.pools().get(0).layout();
        assertEquals(2, layout.pipelineParallel());
        assertEquals(4, layout.gpusPerReplica());
    }

    @Test
    void stagesMustFitTheModelsLayers_andCrossNodesOnlyOverANetwork() {
        InputException tooMany = assertThrows(InputException.class,
                () -> load(ONE_AT_A_TIME, "pipeline_parallel: 81\n", 60));
        assertTrue(tooMany.getMessage().contains("pipeline_parallel: must be <= the model's 80 layers"),
                tooMany.getMessage());
        // an L40S profile gives no inter-node network: 2 stages of 8 GPUs cannot be wired
        InputException noNetwork = assertThrows(InputException.class, () -> TestScenarios.load(
                TestScenarios.scenario(ONE_AT_A_TIME, "gpu: l40s\nmodel: llama-3.1-70b\ntensor_parallel: 8\n"
                        + "pipeline_parallel: 2\n", 60, 10)));
        assertTrue(noNetwork.getMessage().contains("network_gbps"), noNetwork.getMessage());
    }
}
