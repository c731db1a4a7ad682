package org.llmsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the Java runtime gives up, llmsim says so in one line with the remedy, exit code 1. */
class LastResortTest {
    @Test
    void aResourceError_isFoundWhereverAWorkerWrappedIt() {
        OutOfMemoryError oom = new OutOfMemoryError("Java heap space");
        assertSame(oom, LastResort.resourceError(new IllegalStateException(new ExecutionException(oom))));
        assertNull(LastResort.resourceError(new IllegalStateException("other")));
        assertEquals("llmsim: out of memory (Java heap of 6,028 MB is full); give Java more with "
                + "LLMSIM_JAVA_OPTS=-Xmx12g (the ./llmsim launcher passes it on), or make the run smaller (shorter "
                + "duration_s, a lower rate, fewer replications)", LastResort.outOfMemory(6028));
    }

    /** A run that fits the request limit but not a small heap, in a JVM of its own. */
    @Test
    void outOfMemory_endsInOneLineWithTheRemedy_andExitCode1(@TempDir Path tmp)
            throws IOException, InterruptedException {
        // the parallel collector gives up when it spends nearly all its time collecting, so the heap runs out fast
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseParallelGC", "-Xmx48m", "-Djava.awt.headless=true", "-Dllmsim.home=" + CliTest.HOME,
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run", CliTest.QUICKSTART,
                "--out", tmp.resolve("o").toString(), "--no-pdf", "--set", "workload.arrival.rate_rps=5000", "--set",
                "duration_s=1000")).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(tmp.resolve("stderr.txt").toFile()).start();
        boolean ended = p.waitFor(120, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly().waitFor();
        }
        String err = Files.readString(tmp.resolve("stderr.txt"), StandardCharsets.UTF_8);
        assertTrue(ended, "the run ends: " + err);
        assertEquals(1, p.exitValue(), err);
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("llmsim: out of memory (Java heap of "), err);
        assertTrue(err.contains("LLMSIM_JAVA_OPTS=-Xmx"), err);
        assertFalse(err.contains("at org.") || err.contains("Exception"), err);
    }
}
