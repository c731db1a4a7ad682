package org.llmsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.llmsim.hardware.Dtype;
import org.llmsim.planning.PlanSpace;
import org.llmsim.testing.TestScenarios;

class PlanSpecTest {
    private static String withPlan(String plan) {
        return TestScenarios.scenario("""
                arrival: {process: poisson, rate_rps: 4}
                input_tokens: 100
                output_tokens: 10
                """, """
                gpu: h100-sxm
                model: llama-3.1-8b
                tensor_parallel: 2
                """, 60, 0) + plan;
    }

    @Test
    void planBlock_isReadAndIgnoredByRuns_andFillsTheSpaceWhereOptionsAreSilent() {
        Scenario s = TestScenarios.load(withPlan("""
                plan:
                  gpus: [h100-sxm, l40s]
                  weight_dtypes: [bf16, fp8]
                  max_replicas: 6
                  target_rps: 12.5
                """));
        PlanSpec plan = s.spec().plan();
        assertEquals(List.of("h100-sxm", "l40s"), plan.gpus());
        assertEquals(12.5, plan.targetRps());
        // lists left out fall back to the pool's own values; options win over the block
        PlanSpace space = PlanSpace.of(s.spec().cluster().pools().get(0), plan,
                new PlanSpec(null, List.of(Dtype.FP8), null, null, null, null),
                gpu -> TestScenarios.catalog().gpu(gpu, null, "test", "gpu"));
        assertEquals(List.of("h100-sxm", "l40s"), space.gpus());
        assertEquals(List.of(Dtype.FP8), space.weightDtypes());
        assertEquals(List.of(2), space.tensorParallel());
        // the pool leaves its batch limit to vLLM, whose default differs between the 80 GB and the 48 GB card
        assertEquals(List.of(), space.maxBatchSize());
        assertEquals(java.util.Map.of("h100-sxm", 1024, "l40s", 256), space.engineDefaultBatch());
        assertEquals(List.of(1024, 256), space.candidates().stream().map(c -> c.maxBatchSize()).toList());
        assertEquals(6, space.maxReplicas());
        assertEquals(2, space.candidates().size());
    }

    @Test
    void planBlock_badValues_areReportedWithTheirLines() {
        InputException e = assertThrows(InputException.class, () -> TestScenarios.load(withPlan("""
                plan:
                  tensor_parallel: [1, 16]
                  max_batch_size: []
                  max_replicas: 0
                """)));
        String m = e.getMessage();
        assertTrue(m.contains("plan.tensor_parallel[1]: must be between 1 and 8, got 16"), m);
        assertTrue(m.contains("plan.max_batch_size: must list at least one value"), m);
        assertTrue(m.contains("plan.max_replicas: must be >= 1, got 0"), m);
        assertTrue(m.matches("(?s).*inline.yaml:\\d+: plan.max_replicas.*"), m);
    }

    @Test
    void planBlock_parallelAxes_areReadAndCheckedByField() {
        Scenario s = TestScenarios.load(withPlan("""
                plan:
                  pipeline_parallel: [1, 2]
                  data_parallel: [1, 2, 4]
                  expert_parallel: [false, true]
                """));
        PlanSpace space = PlanSpace.of(s.spec().cluster().pools().get(0), s.spec().plan(), null,
                gpu -> TestScenarios.catalog().gpu(gpu, null, "test", "gpu"));
        assertEquals(List.of(1, 2, 4), space.dataParallel());
        assertEquals(2 * 3 * 2, space.candidates().size());
        InputException e = assertThrows(InputException.class, () -> TestScenarios.load(withPlan("""
                plan:
                  pipeline_parallel: [0]
                  data_parallel: [2, 2]
                  expert_parallel: []
                """)));
        String m = e.getMessage();
        assertTrue(m.contains("plan.pipeline_parallel[0]: must be between 1 and 64, got 0"), m);
        assertTrue(m.contains("plan.data_parallel[1]: repeats 2"), m);
        assertTrue(m.contains("plan.expert_parallel: must list at least one value"), m);
    }

    @Test
    void planBlock_unknownField_isAnError() {
        InputException e = assertThrows(InputException.class, () -> TestScenarios.load(withPlan("""
                plan:
                  gpu: [h100-sxm]
                """)));
        assertTrue(e.getMessage().contains("gpu"), e.getMessage());
    }
}
