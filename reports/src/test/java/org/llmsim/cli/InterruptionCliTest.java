package org.llmsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C and SIGTERM during a long run: one line, exit 130 or 143, and the output directory as it was. */
class InterruptionCliTest {
    /** Generous: the run notices a stop within a thousand events; this catches one that does not stop at all. */
    private static final long STOP_WITHIN_S = 30;

    private static boolean staging(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.anyMatch(p -> p.getFileName().toString().startsWith(".llmsim-staging-"));
        }
    }

    /**
     * Runs quickstart into {@code out} over a previous complete run, for simulated days (minutes of work), sends
     * the signal once the run is writing, and checks the outcome.
     */
    private static void stopALongRun(Path tmp, String signal, int expectedExit) throws Exception {
        Path out = tmp.resolve("out");
        assertEquals(0, CliTest.llmsim("run", CliTest.QUICKSTART, "--out", out.toString(), "--set", "duration_s=30",
                "--set", "warmup_s=5").exitCode());
        Map<String, String> before = OutputSafetyCliTest.snapshot(out);
        List<String> command = new ArrayList<>(LlmsimProcess.command(null, "run", CliTest.QUICKSTART, "--out",
                out.toString(), "--set", "duration_s=1000000"));
        if (signal.equals("INT")) {
            // a process started in the background by a script ignores SIGINT, and so do its children: give the
            // child the default disposition, as a terminal's foreground process has
            command.addAll(0, List.of("env", "--default-signal=INT"));
        }
        Process p = LlmsimProcess.start(tmp, tmp.resolve("logs"), command);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LlmsimProcess.GENEROUS_S);
        while (!staging(out) && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(p.isAlive() && staging(out), "the run is under way, writing requests.csv into its staging");
        Thread.sleep(500);

        if (signal.equals("TERM")) {
            p.destroy(); // SIGTERM
        } else {
            new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor();
        }
        boolean ended = p.waitFor(STOP_WITHIN_S, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        assertTrue(ended, "llmsim stopped within " + STOP_WITHIN_S + " s of SIG" + signal);
        CliTest.Outcome o = LlmsimProcess.outcome(p.exitValue(), tmp.resolve("logs"));
        assertEquals(expectedExit, o.exitCode(), o.err());
        assertEquals(List.of("llmsim: stopped; " + out + " is as it was"),
                o.err().lines().filter(l -> !l.isBlank()).toList());
        assertEquals("", o.out());
        assertEquals(before, OutputSafetyCliTest.snapshot(out), "the previous run, whole, and no staging left");
    }

    @Test
    void sigterm_stopsTheRun_exits143_withOneLine_andTheDirectoryAsItWas(@TempDir Path tmp) throws Exception {
        stopALongRun(tmp, "TERM", 143);
    }

    @Test
    void ctrlC_stopsTheRun_exits130_withOneLine_andTheDirectoryAsItWas(@TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(new ProcessBuilder("env", "--default-signal=INT", "true").start().waitFor() == 0,
                "env --default-signal (coreutils 8.31+) is needed to undo an inherited 'ignore SIGINT'");
        stopALongRun(tmp, "INT", 130);
    }

    @Test
    void sigterm_duringACapacitySearch_intoANewDirectory_leavesNoDirectory(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("capacity");
        Process p = LlmsimProcess.start(tmp, tmp.resolve("logs"), LlmsimProcess.command(null, "capacity",
                CliTest.QUICKSTART, "--out", out.toString(), "--replications", "8"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LlmsimProcess.GENEROUS_S);
        while (!(Files.isDirectory(out) && staging(out)) && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(p.isAlive(), "the search is under way");
        Thread.sleep(500);
        p.destroy();
        boolean ended = p.waitFor(STOP_WITHIN_S, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        assertTrue(ended, "llmsim stopped within " + STOP_WITHIN_S + " s of SIGTERM");
        CliTest.Outcome o = LlmsimProcess.outcome(p.exitValue(), tmp.resolve("logs"));
        assertEquals(143, o.exitCode(), o.err());
        List<String> lines = o.err().lines().filter(l -> !l.isBlank()).toList();
        assertEquals("llmsim: stopped; nothing was written to " + out, lines.get(lines.size() - 1), o.err());
        assertTrue(lines.stream().filter(l -> l.startsWith("llmsim:")).count() == 1, o.err());
        assertTrue(Files.notExists(out), "the directory the search created is gone");
    }
}
