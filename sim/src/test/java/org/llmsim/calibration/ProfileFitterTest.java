package org.llmsim.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.llmsim.hardware.GpuProfile;
import org.llmsim.hardware.ServingEngine;
import org.llmsim.scenario.LengthSpec;
import org.llmsim.scenario.PoolSpec;
import org.llmsim.testing.TestScenarios;

class ProfileFitterTest {
    static final List<BenchmarkLoad> LOADS = List.of(
            new BenchmarkLoad(4, null, null, 1, new LengthSpec.Fixed(1024), new LengthSpec.Fixed(64), 0L),
            new BenchmarkLoad(4, null, null, 1, new LengthSpec.Fixed(16384), new LengthSpec.Fixed(64), 0L),
            new BenchmarkLoad(96, null, null, 32, new LengthSpec.Fixed(512), new LengthSpec.Fixed(64), 0L));

    /** Measurements of a GPU that is really {@code truth}, as a benchmark would report them. */
    static List<Measurement> measure(GpuProfile truth) {
        BenchmarkRun run = new BenchmarkRun(TestScenarios.catalog().withGpu(truth), null);
        List<Measurement> points = new ArrayList<>();
        for (BenchmarkLoad load : LOADS) {
            ServeBenchmark b = new ServeBenchmark(new PoolSpec(null, truth.id(), "llama-3.1-8b", null, null, null,
                    null, null), load);
            BenchmarkStats s = run.run(b);
            Map<Metric, Double> measured = new EnumMap<>(Metric.class);
            for (Metric m : List.of(Metric.MEAN_TTFT_MS, Metric.MEAN_TPOT_MS, Metric.OUTPUT_THROUGHPUT)) {
                measured.put(m, m.of(s));
            }
            points.add(new Measurement(load.describe(), b, measured, "synthetic"));
        }
        return points;
    }

    @Test
    void fit_recoversTheEfficiencyAndOverheadThatProducedTheMeasurements() {
        // given measurements simulated on an H100 with memory efficiency 0.78 and 2.5 ms per pass
        GpuProfile h100 = TestScenarios.gpu("h100-sxm");
        GpuProfile truth = h100.flatForEngine(ServingEngine.VLLM).withCalibration(h100.computeEfficiency(), 0.78,
                0.0025, h100.perSequenceOverheadS(), null, null).withId("truth");
        List<Measurement> points = measure(truth);
        // when the stock profile (0.90, 1.1 ms) is fitted to them
        ProfileFitter.Result r = new ProfileFitter(TestScenarios.catalog(), null).fit(h100, ServingEngine.VLLM,
                points, List.of(FitParameter.MEMORY_EFFICIENCY, FitParameter.ITERATION_OVERHEAD_S));
        // then it lands on the values that produced them (within 2%: the simulated points move in steps as passes
        // regroup, so the least-squares surface is flat near the truth), and every point is reproduced
        assertEquals(0.78, r.fitted()[0], 0.016);
        assertEquals(0.0025, r.fitted()[1], 0.0002);
        assertTrue(r.rmsLogErrorBefore() > 0.05, "the stock profile should be off: " + r.rmsLogErrorBefore());
        assertTrue(r.rmsLogErrorAfter() < 0.01, "rms after " + r.rmsLogErrorAfter());
        assertEquals(0.78, r.fittedFlat().memoryEfficiency(), 0.016);
    }

    @Test
    void fit_neverLeavesTheBounds_evenWhenTheDataAskForTheImpossible() {
        // given measurements faster than any H100 could deliver (the truth has twice the bandwidth and no overhead)
        GpuProfile h100 = TestScenarios.gpu("h100-sxm");
        GpuProfile impossible = new GpuProfile("fast", "fast", h100.memoryGb(), 2 * h100.hbmBandwidthTbps(),
                h100.bf16Tflops(), h100.fp8Tflops(), h100.interconnectGbps(), 0.0, h100.pcieGbps(),
                null, h100.priceUsdPerHour(), null, 1.0, 1.0, 0.0, 0.0, 1.5, List.of("test"), null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
        List<Measurement> points = measure(impossible);
        // when the H100 is fitted to them
        ProfileFitter.Result r = new ProfileFitter(TestScenarios.catalog(), null).maxIterations(10).fit(h100,
                ServingEngine.VLLM, points, List.of(FitParameter.MEMORY_EFFICIENCY,
                        FitParameter.ITERATION_OVERHEAD_S));
        // then the efficiency stops at 1 and the overhead at 0: physics is not bent to fit
        assertTrue(r.fitted()[0] <= 1.0 && r.fitted()[0] > 0.95, "memory efficiency " + r.fitted()[0]);
        assertTrue(r.fitted()[1] >= 0 && r.fitted()[1] < 2e-4, "iteration overhead " + r.fitted()[1]);
    }
}
