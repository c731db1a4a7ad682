package org.llmsim.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.llmsim.passtime.OperatorTime;
import org.llmsim.passtime.PassCostModel;
import org.llmsim.passtime.Shape;
import org.llmsim.testing.TestScenarios;

class EngineCalibrationTest {
    private static GpuProfile withTrtllm(EngineCalibration trtllm) {
        GpuProfile h = TestScenarios.idealH100();
        return h.withCalibration(0.7, 0.9, 0.001, 0.00002, null, new EngineCalibrations(null, trtllm, null, null));
    }

    @Test
    void forEngine_takesTheEnginesValuesAndKeepsTheRestFromTheTopLevel() {
        // given a profile whose trtllm set names only the compute efficiency and the per-pass overhead
        GpuProfile g = withTrtllm(new EngineCalibration(0.55, null, 0.002, null, 0.000001, List.of("test"), null, null, null, null, null));
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
        GpuProfile g = withTrtllm(new EngineCalibration(0.55, null, null, null, null, List.of("test"), null, null, null, null, null));
        assertSame(g, g.forEngine(ServingEngine.SGLANG));
        assertSame(g, g.forEngine(ServingEngine.VLLM));
        assertFalse(g.hasCalibrationFor(ServingEngine.SGLANG));
    }

    @Test
    void flatForEngine_dropsTheSetsSoThatTheValuesCanBeVaried() {
        GpuProfile g = withTrtllm(new EngineCalibration(0.55, null, null, null, null, List.of("test"), null, null, null, null, null));
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
        PassCostModel a = new PassCostModel(new ReplicaHardware(ideal, m, 1, Dtype.BF16, Dtype.BF16));
        PassCostModel b = new PassCostModel(new ReplicaHardware(perToken, m, 1, Dtype.BF16, Dtype.BF16));
        // when a pass computes 512 new tokens for 4 sequences (4 prompts of 128)
        Shape pass = new Shape(4, 512, 512, 4 * 128 * 129 / 2, 512, 0, 0, 4);
        double without = a.timeS(pass);
        double with = b.timeS(pass);
        // then it takes 512 us longer, and the breakdown counts it as host time
        assertEquals(512e-6, with - without, 1e-12);
        assertEquals(512e-6, b.breakdown(pass).secondsBound(OperatorTime.Bound.HOST), 1e-12);
    }
}
