package org.llmsim.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.llmsim.hardware.GpuProfile;
import org.llmsim.hardware.ServingEngine;
import org.llmsim.scenario.InputException;
import org.llmsim.scenario.ProfileCatalog;
import org.llmsim.testing.TestScenarios;

class CalibratedProfileWriterTest {
    static ProfileFitter.Result result(ServingEngine engine, List<FitParameter> parameters, double... fitted) {
        return new ProfileFitter.Result(engine, parameters, fitted.clone(), fitted, new double[fitted.length], null,
                List.of(), 1, 1, false);
    }

    @Test
    void trtllmFit_goesIntoTheTrtllmSet_andLeavesTheVllmValuesAlone() {
        GpuProfile h100 = TestScenarios.gpu("h100-sxm");
        GpuProfile g = CalibratedProfileWriter.apply(h100, result(ServingEngine.TRTLLM,
                List.of(FitParameter.MEMORY_EFFICIENCY, FitParameter.INTERCONNECT_LATENCY_US), 0.81234567, 44.0),
                "h100-mine", "fitted in a test");
        assertEquals("h100-mine", g.id());
        assertEquals(h100.memoryEfficiency(), g.memoryEfficiency());
        assertEquals(0.8123, g.engines().trtllm().memoryEfficiency());
        assertEquals(h100.engines().trtllm().computeEfficiency(), g.engines().trtllm().computeEfficiency());
        assertTrue(g.engines().trtllm().sources().contains("fitted in a test"));
        // the interconnect belongs to the node, whatever the engine
        assertEquals(44.0, g.interconnectLatencyUs());
        assertTrue(g.sources().contains("fitted in a test"));
    }

    @Test
    void vllmFit_onAProfileWithoutAVllmSet_changesTheTopLevel() {
        GpuProfile h100 = TestScenarios.gpu("h100-sxm");
        GpuProfile g = CalibratedProfileWriter.apply(h100, result(ServingEngine.VLLM,
                List.of(FitParameter.ITERATION_OVERHEAD_S), 0.0015), "h100-mine", "fitted in a test");
        assertEquals(0.0015, g.iterationOverheadS());
        assertEquals(h100.engines().trtllm(), g.engines().trtllm());
    }

    @Test
    void writtenYaml_loadsBackAsAValidProfileWithTheSameValues(@TempDir Path dir) {
        GpuProfile h100 = TestScenarios.gpu("h100-sxm");
        GpuProfile g = CalibratedProfileWriter.apply(h100, result(ServingEngine.SGLANG,
                List.of(FitParameter.PER_SEQUENCE_OVERHEAD_S), 0.000031), "h100-sglang", "fitted in a test");
        Path file = dir.resolve("h100-sglang.yaml");
        CalibratedProfileWriter.write(file, CalibratedProfileWriter.yaml(g, List.of("a comment")), false);
        GpuProfile back = new ProfileCatalog(List.of()).gpu(file.toString(), null, "test", "gpu");
        assertEquals(g, back);
        assertEquals(0.000031, back.forEngine(ServingEngine.SGLANG).perSequenceOverheadS());
    }

    @Test
    void existingFiles_areNeverOverwritten_butGetANumberedNeighbour(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("p.yaml"), "mine");
        Files.writeString(dir.resolve("p-2.yaml"), "mine too");
        assertEquals(dir.resolve("p-3.yaml"), CalibratedProfileWriter.freeName(dir, "p"));
        InputException e = assertThrows(InputException.class,
                () -> CalibratedProfileWriter.write(dir.resolve("p.yaml"), "x", false));
        assertTrue(e.getMessage().contains("never overwrites"), e.getMessage());
        assertEquals("mine", Files.readString(dir.resolve("p.yaml")));
        CalibratedProfileWriter.write(dir.resolve("p.yaml"), "x", true);
        assertEquals("x", Files.readString(dir.resolve("p.yaml")));
    }

    @Test
    void aProfileTheCheckRefuses_leavesNothingBehind_andALinkIsNeitherFreeNorWrittenThrough(@TempDir Path dir)
            throws IOException {
        // a profile appears under its name only once checked: a refused one leaves no file, partial or whole
        assertThrows(InputException.class, () -> CalibratedProfileWriter.write(dir.resolve("p.yaml"), "x", false,
                complete -> {
                    assertEquals("x", readQuietly(complete));
                    throw new InputException("p.yaml", "not a profile");
                }));
        try (var left = Files.list(dir)) {
            assertEquals(List.of(), left.toList());
        }
        // a dangling link's name is taken, and a link is not replaced even with force
        Path victim = dir.resolve("victim");
        Files.createSymbolicLink(dir.resolve("q.yaml"), victim);
        assertEquals(dir.resolve("q-2.yaml"), CalibratedProfileWriter.freeName(dir, "q"));
        assertThrows(InputException.class, () -> CalibratedProfileWriter.write(dir.resolve("q.yaml"), "x", true));
        assertTrue(Files.notExists(victim));
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
