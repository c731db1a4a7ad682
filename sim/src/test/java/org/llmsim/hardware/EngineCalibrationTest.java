package org.llmsim.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.llmsim.testing.TestScenarios;

class EngineCalibrationTest {
    private static GpuProfile withTrtllm(EngineCalibration trtllm) {
        GpuProfile h = TestScenarios.idealH100();
        return h.withCalibration(0.7, 0.9, 0.001, 0.00002, null, new EngineCalibrations(null, trtllm, null));
    }

    @Test
    void forEngine_takesTheEnginesValuesAndKeepsTheRestFromTheTopLevel() {
        // given a profile whose trtllm set names only the compute efficiency and the per-pass overhead
        GpuProfile g = withTrtllm(new EngineCalibration(0.55, null, 0.002, null, 0.000001, List.of("test")));
        // when TensorRT-LLM runs it
        GpuProfile t = g.forEngine(ServingEngine.TRTLLM);
        // then those come from the set, the others from the top level
        assertEquals(0.55, t.computeEfficiency());
        assertEquals(0.9, t.memoryEfficiency());
        assertEquals(0.002, t.iterationOverheadS());
        assertEquals(0.00002, t.perSequenceOverheadS());
        assertEquals(0.000001, t.perTokenOverheadSOrZero());
        assertTrue(t.hasCalibrationFor(ServingEngine.TRTLLM));
    }

    @Test
    void forEngine_withoutASetForTheEngine_isTheProfileItself() {
        GpuProfile g = withTrtllm(new EngineCalibration(0.55, null, null, null, null, List.of("test")));
        assertSame(g, g.forEngine(ServingEngine.SGLANG));
        assertSame(g, g.forEngine(ServingEngine.VLLM));
        assertFalse(g.hasCalibrationFor(ServingEngine.SGLANG));
    }

    @Test
    void flatForEngine_dropsTheSetsSoThatTheValuesCanBeVaried() {
        GpuProfile g = withTrtllm(new EngineCalibration(0.55, null, null, null, null, List.of("test")));
        GpuProfile flat = g.flatForEngine(ServingEngine.TRTLLM);
        assertEquals(0.55, flat.computeEfficiency());
        assertEquals(null, flat.engines());
    }

    @Test
    void perTokenOverhead_addsItsTimeForEveryNewTokenOfAPass() {
        // given the same ideal GPU with and without 1 us per token
        ModelProfile m = TestScenarios.model("llama-3.1-8b");
        GpuProfile ideal = TestScenarios.idealH100();
        GpuProfile perToken = ideal.withCalibration(1.0, 1.0, 0.0, 0.0, 1e-6, null);
        RooflineCostModel a = new RooflineCostModel(new ReplicaHardware(ideal, m, 1, Dtype.BF16, Dtype.BF16));
        RooflineCostModel b = new RooflineCostModel(new ReplicaHardware(perToken, m, 1, Dtype.BF16, Dtype.BF16));
        // when a pass computes 512 new tokens for 4 sequences
        double without = a.iterationTimeS(4, 512, 512 * 256, 512, 512);
        double with = b.iterationTimeS(4, 512, 512 * 256, 512, 512);
        // then it takes 512 us longer, and the breakdown counts it as overhead
        assertEquals(512e-6, with - without, 1e-12);
        assertEquals(512e-6, b.breakdown(4, 512, 512 * 256, 512, 512).overheadS(), 1e-12);
    }
}
