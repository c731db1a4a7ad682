package org.llmsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.llmsim.report.OutputDirectory;
import org.llmsim.report.StagedRun;

/**
 * When the Java runtime gives up, llmsim says so in one line with the remedy, exit code 1, and leaves the output
 * directory as it was.
 */
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

    /**
     * A run that fits the request limit but not a small heap, in a JVM of its own, into a directory holding a previous
     * run: that run's files stay as they were, and no staging directory is left.
     */
    @Test
    void outOfMemory_endsInOneLineWithTheRemedy_andExitCode1_andLeavesThePreviousRunAsItWas(@TempDir Path tmp)
            throws IOException, InterruptedException {
        Path out = tmp.resolve("o");
        assertEquals(0, CliTest.llmsim("run", CliTest.QUICKSTART, "--out", out.toString(), "--no-pdf", "--set",
                "duration_s=30", "--set", "warmup_s=0").exitCode());
        Map<String, String> before = contents(out);
        // the parallel collector gives up when it spends nearly all its time collecting, so the heap runs out fast
        Process p = new ProcessBuilder(List.of(java(), "-XX:+UseParallelGC", "-Xmx48m", "-Djava.awt.headless=true",
                "-Dllmsim.home=" + CliTest.HOME, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "run", CliTest.QUICKSTART, "--out", out.toString(), "--no-pdf", "--set",
                "workload.arrival.rate_rps=5000", "--set", "duration_s=1000")).redirectOutput(
                        ProcessBuilder.Redirect.DISCARD).redirectError(tmp.resolve("stderr.txt").toFile()).start();
        String err = finish(p, tmp.resolve("stderr.txt"));
        assertEquals(1, p.exitValue(), err);
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("llmsim: out of memory (Java heap of "), err);
        assertTrue(err.contains("LLMSIM_JAVA_OPTS=-Xmx"), err);
        assertTrue(err.strip().endsWith("; " + out + " is as it was"), err);
        assertFalse(err.contains("at org.") || err.contains("Exception"), err);
        assertEquals(before, contents(out), "the previous run's files, and nothing else");
    }

    /**
     * The heap running out in a thread the command does not wait on ends the process from that thread: the run under
     * way is abandoned there, before the process halts. A first run leaves no directory.
     */
    @Test
    void outOfMemoryInAnotherThread_abandonsTheRunUnderWay_beforeTheProcessEnds(@TempDir Path tmp)
            throws IOException, InterruptedException {
        Path out = tmp.resolve("first/run");
        Process p = new ProcessBuilder(List.of(java(), "-cp", System.getProperty("java.class.path"),
                FailingThread.class.getName(), out.toString())).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(tmp.resolve("stderr.txt").toFile()).start();
        String err = finish(p, tmp.resolve("stderr.txt"));
        assertEquals(1, p.exitValue(), err);
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("llmsim: out of memory (Java heap of "), err);
        assertTrue(err.strip().endsWith("; nothing was written to " + out), err);
        assertFalse(Files.exists(tmp.resolve("first")), "the directory the run created is removed");
    }

    /** In the command's own thread: the run is left registered, and the report abandons it and says so. */
    @Test
    void outOfMemoryInTheCommandsThread_isReportedWithWhatBecameOfTheOutput(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("new");
        OutputDirectory dir = OutputDirectory.claim(out);
        StringWriter err = new StringWriter();
        OutOfMemoryError oom = new OutOfMemoryError("Java heap space");
        OutOfMemoryError thrown = assertThrows(OutOfMemoryError.class, () -> Outputs.staged(dir,
                new PrintWriter(err), staged -> {
                    Files.writeString(staged.file("requests.csv"), "id\n1\n");
                    throw oom;
                }));
        assertSame(oom, thrown);
        assertEquals("", err.toString(), "nothing said before the one line");
        LastResort.report(LastResort.resourceError(new IllegalStateException(thrown)), new PrintWriter(err));
        assertEquals(LastResort.message(oom) + "; nothing was written to " + out, err.toString().strip());
        assertFalse(Files.exists(out));
    }

    /** Starts a run into the directory given, then runs out of memory in a thread of its own. */
    static final class FailingThread {
        public static void main(String[] args) throws Exception {
            LastResort.install(new PrintWriter(System.err, true));
            StagedRun staged = OutputDirectory.claim(Path.of(args[0])).stage();
            Files.writeString(staged.file("requests.csv"), "id\n1\n");
            Thread worker = new Thread(() -> {
                throw new OutOfMemoryError("Java heap space");
            }, "worker");
            worker.start();
            worker.join();
            Thread.sleep(60_000); // the handler ends the process first
            System.exit(0);
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String finish(Process p, Path stderr) throws IOException, InterruptedException {
        boolean ended = p.waitFor(120, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly().waitFor();
        }
        String err = Files.readString(stderr, StandardCharsets.UTF_8);
        assertTrue(ended, "the process ends: " + err);
        return err;
    }

    /** Every file under {@code dir}, hidden ones included, with its bytes. */
    private static Map<String, String> contents(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path f : all.filter(f -> !f.equals(dir)).toList()) {
                files.put(dir.relativize(f).toString(), Files.isDirectory(f) ? "(directory)"
                        : Files.size(f) + ":" + Arrays.hashCode(Files.readAllBytes(f)));
            }
        }
        return files;
    }
}
