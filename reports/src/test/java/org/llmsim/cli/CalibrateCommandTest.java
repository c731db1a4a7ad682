package org.llmsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.llmsim.hardware.GpuProfile;
import org.llmsim.scenario.ProfileCatalog;

/** {@code llmsim calibrate} as a user runs it, on the shipped example inputs. */
class CalibrateCommandTest {
    static final Path EXAMPLES = CliTest.HOME.resolve("scenarios/calibration");

    static CliTest.Outcome llmsim(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliTest.Outcome(code, out.toString(), err.toString());
    }

    @Test
    void calibrate_fitsTheExampleJson_printsEveryPoint_andWritesANewProfileNextToTheInput(@TempDir Path dir)
            throws IOException {
        // given vllm bench serve results in a directory of their own (short and long contexts)
        Path input = dir.resolve("bench.json");
        Path other = dir.resolve("rate8.json");
        Files.copy(EXAMPLES.resolve("vllm-bench-h100-llama8b-c1.json"), input);
        Files.copy(EXAMPLES.resolve("vllm-bench-h100-llama8b-rate8.json"), other);
        // when they are calibrated twice
        CliTest.Outcome first = llmsim("calibrate", input.toString(), other.toString(), "--gpu", "h100-sxm",
                "--fit", "memory_efficiency,iteration_overhead_s,per_sequence_overhead_s");
        CliTest.Outcome second = llmsim("calibrate", input.toString(), other.toString(), "--gpu", "h100-sxm",
                "--fit", "memory_efficiency,iteration_overhead_s,per_sequence_overhead_s");
        // then both succeed, print the fit per point, and write two files, never replacing the first
        assertEquals(0, first.exitCode(), first.err());
        assertEquals(0, second.exitCode(), second.err());
        assertTrue(first.out().contains("TPOT mean (ms)") && first.out().contains("bench.json"), first.out());
        assertTrue(first.out().contains("rms of ln(simulated/measured)"), first.out());
        Path written = dir.resolve("h100-sxm-vllm-calibrated.yaml");
        assertTrue(Files.exists(written));
        assertTrue(Files.exists(dir.resolve("h100-sxm-vllm-calibrated-2.yaml")));
        assertTrue(first.out().contains("wrote " + written), first.out());
        // and the profile loads, with the fitted values (the example was made with 0.82, 1.8 ms and 28 us, and its
        // figures rounded)
        GpuProfile g = new ProfileCatalog(List.of()).gpu(written.toString(), null, "test", "gpu");
        assertEquals(0.82, g.memoryEfficiency(), 0.03);
        assertEquals(0.0018, g.iterationOverheadS(), 0.0004);
        assertEquals(28e-6, g.perSequenceOverheadS(), 5e-6);
    }

    @Test
    void calibrate_refusesImpossibleMeasurements_namingFileAndKey_andWritesNothing(@TempDir Path dir)
            throws IOException {
        String example = Files.readString(EXAMPLES.resolve("vllm-bench-h100-llama8b-c1.json"));
        Path negative = dir.resolve("negative.json");
        Files.writeString(negative, example.replaceFirst("\"mean_ttft_ms\": [0-9.]+", "\"mean_ttft_ms\": -5"));
        Path zero = dir.resolve("zero.json");
        Files.writeString(zero, example.replaceFirst("\"mean_tpot_ms\": [0-9.]+", "\"mean_tpot_ms\": 0"));
        CliTest.Outcome o = llmsim("calibrate", negative.toString(), "--gpu", "h100-sxm");
        assertEquals(2, o.exitCode(), o.err());
        assertEquals(negative + ": mean_ttft_ms: must be > 0, got -5; fix the file or leave the metric out with "
                + "--metrics\n", o.err());
        o = llmsim("calibrate", zero.toString(), "--gpu", "h100-sxm");
        assertEquals(2, o.exitCode(), o.err());
        assertEquals(zero + ": mean_tpot_ms: must be > 0, got 0; fix the file or leave the metric out with "
                + "--metrics\n", o.err());
        try (var files = Files.list(dir)) {
            assertEquals(List.of("negative.json", "zero.json"), files.map(f -> f.getFileName().toString()).sorted()
                    .toList(), "no profile written");
        }
        o = llmsim("calibrate", EXAMPLES.resolve("vllm-bench-h100-llama8b-c1.json").toString(), "--gpu", "h100-xx");
        assertTrue(o.err().startsWith("--gpu: unknown GPU profile 'h100-xx'; known: "), o.err());
        // left out of the fit, the same file calibrates
        o = llmsim("calibrate", zero.toString(), "--gpu", "h100-sxm", "--metrics", "mean_ttft_ms,output_throughput",
                "--fit", "memory_efficiency", "--max-iterations", "3");
        assertEquals(0, o.exitCode(), o.err());
    }

    @Test
    void calibrate_refusesToReplaceAnExistingOutWithoutForce(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("mine.yaml");
        Files.writeString(out, "precious");
        CliTest.Outcome o = llmsim("calibrate", EXAMPLES.resolve("vllm-bench-h100-llama8b-c1.json").toString(),
                "--gpu", "h100-sxm", "--fit", "iteration_overhead_s", "--max-iterations", "2", "--out",
                out.toString());
        assertEquals(Main.EXIT_BAD_INPUT, o.exitCode());
        assertTrue(o.err().contains("never overwrites"), o.err());
        assertEquals("precious", Files.readString(out));
    }

    @Test
    void calibrate_withoutTheGpuOfAJsonResult_saysWhatIsMissing() {
        CliTest.Outcome o = llmsim("calibrate", EXAMPLES.resolve("vllm-bench-h100-llama8b-c1.json").toString());
        assertEquals(Main.EXIT_BAD_INPUT, o.exitCode());
        assertTrue(o.err().contains("--gpu"), o.err());
    }

    @Test
    void calibrate_rejectsUnknownParametersAndMetrics() {
        String input = EXAMPLES.resolve("vllm-bench-h100-llama8b-c1.json").toString();
        CliTest.Outcome o = llmsim("calibrate", input, "--gpu", "h100-sxm", "--fit", "flops");
        assertEquals(Main.EXIT_BAD_INPUT, o.exitCode());
        assertTrue(o.err().contains("unknown parameter 'flops'"), o.err());
        o = llmsim("calibrate", input, "--gpu", "h100-sxm", "--metrics", "ttft");
        assertEquals(Main.EXIT_BAD_INPUT, o.exitCode());
        assertTrue(o.err().contains("unknown metric 'ttft'"), o.err());
    }

    @Test
    void calibrate_forcedOntoALink_refuses_andTheLinksTargetIsUntouched(@TempDir Path dir) throws IOException {
        Path victim = Files.writeString(dir.resolve("victim.yaml"), "the user's own file");
        Path out = Files.createSymbolicLink(dir.resolve("mine.yaml"), victim);
        CliTest.Outcome o = llmsim("calibrate", EXAMPLES.resolve("vllm-bench-h100-llama8b-c1.json").toString(),
                "--gpu", "h100-sxm", "--fit", "iteration_overhead_s", "--max-iterations", "2", "--out",
                out.toString(), "--force");
        assertEquals(Main.EXIT_BAD_INPUT, o.exitCode());
        assertTrue(o.err().contains(out + ": is a symbolic link"), o.err());
        assertEquals("the user's own file", Files.readString(victim));
        assertTrue(Files.isSymbolicLink(out));
    }

    @Test
    void calibrate_thatCannotWriteTheProfile_exitsOne_andLeavesNothingUnderItsName(@TempDir Path dir)
            throws Exception {
        Path out = dir.resolve("profiles/mine.yaml");
        // files may not grow past 2 KB: the profile (about 5 KB) cannot be written, as on a full disk
        CliTest.Outcome o = LlmsimProcess.run(dir, dir.resolve("logs"), LlmsimProcess.command(2, "calibrate",
                EXAMPLES.resolve("vllm-bench-h100-llama8b-c1.json").toString(), "--gpu", "h100-sxm", "--fit",
                "iteration_overhead_s", "--max-iterations", "2", "--out", out.toString()));
        assertEquals(Main.EXIT_FAILURE, o.exitCode(), o.err());
        assertEquals(List.of("llmsim: cannot write " + out + ": File too large; nothing was written"),
                o.err().lines().toList());
        try (var left = Files.list(out.getParent())) {
            assertEquals(List.of(), left.toList(), "no profile, no partial file, no private directory");
        }
    }
}
