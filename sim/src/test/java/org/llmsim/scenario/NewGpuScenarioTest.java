package org.llmsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.llmsim.hardware.Dtype;
import org.llmsim.metrics.RunResult;
import org.llmsim.testing.TestScenarios;

/** Scenarios on the PCIe and rack-scale GPUs, and FP4 formats as pools write them. */
class NewGpuScenarioTest {
    private static final String SCENARIO = TestScenarios.scenario("""
            arrival: {process: poisson, rate_rps: 2}
            input_tokens: {dist: fixed, value: 500}
            output_tokens: {dist: fixed, value: 100}
            """, """
            gpu: l4
            model: llama-3.2-1b
            """, 60, 5);

    @Test
    void smallModel_runsOnL4_andInFp4OnGb200() {
        // given a light load of a 1B model on one L4 (BF16) and on one GB200 GPU (NVFP4 weights)
        RunResult l4 = TestScenarios.run(TestScenarios.load(SCENARIO));
        Scenario fp4 = TestScenarios.load(SCENARIO, "cluster.pools[0].gpu=gb200",
                "cluster.pools[0].weight_dtype=fp4");
        assertEquals(Dtype.FP4, fp4.pools().get(0).hardware().weightDtype());
        RunResult gb200 = TestScenarios.run(fp4);
        // then both serve every request, and GB200's 8 TB/s over 4.5-bit weights decodes far faster than L4's 0.3 TB/s
        for (RunResult r : new RunResult[] {l4, gb200}) {
            assertTrue(r.requests().completed() > 60, "completed " + r.requests().completed());
            assertEquals(0, r.requests().rejected());
        }
        assertTrue(gb200.tpot().mean() * 3 < l4.tpot().mean(),
                "GB200 fp4 TPOT " + gb200.tpot().mean() + " s vs L4 " + l4.tpot().mean() + " s");
    }

    @Test
    void fp4Weights_fitWhereBf16DoNot_butFp4IsNoKvCacheFormat() {
        // Llama-3.1-70B in BF16 (141 GB) does not fit one L40S (48 GB); in MXFP4 (37.5 GB) it does
        String big = SCENARIO.replace("gpu: l4", "gpu: l40s").replace("llama-3.2-1b", "llama-3.1-70b");
        assertThrows(InputException.class, () -> TestScenarios.load(big));
        assertEquals(Dtype.MXFP4, TestScenarios.load(big, "cluster.pools[0].weight_dtype=mxfp4").pools().get(0)
                .hardware().weightDtype());
        InputException e = assertThrows(InputException.class,
                () -> TestScenarios.load(SCENARIO, "cluster.pools[0].kv_dtype=fp4"));
        assertTrue(e.getMessage().contains("cluster.pools[0].kv_dtype: must be one of bf16, fp16, fp8, got fp4"),
                e.getMessage());
    }
}
