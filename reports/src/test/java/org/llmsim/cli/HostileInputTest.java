package org.llmsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fuzz corpus: every input of {@link HostileInputs} through the command line, each in a directory of its own.
 * Whatever the input, llmsim ends with the expected exit code, one line per problem that names the file (or option)
 * and the field, no stack trace, nothing written outside the output directory, in bounded time.
 */
class HostileInputTest {
    /** A hang, not a slow machine: every case is refused before anything is simulated. */
    private static final Duration BOUND = Duration.ofSeconds(30);

    @TempDir
    static Path tmp;

    @TestFactory
    Stream<DynamicTest> everyHostileInput_isRefusedCleanly() throws IOException {
        List<HostileInputs.Case> cases = HostileInputs.all(CliTest.HOME);
        assertTrue(cases.size() >= 100, "the corpus has " + cases.size() + " cases");
        Map<String, String> outsideBefore = listing(Path.of("").toAbsolutePath().resolve("out"));
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            HostileInputs.Case c = cases.get(i);
            Path root = tmp.resolve(String.format("case-%03d", i));
            tests.add(DynamicTest.dynamicTest(String.format("%03d %s", i, c.name()), () -> check(c, root)));
        }
        tests.add(DynamicTest.dynamicTest("nothing written into the working directory", () ->
                assertEquals(outsideBefore, listing(Path.of("").toAbsolutePath().resolve("out")))));
        return tests.stream();
    }

    private static void check(HostileInputs.Case c, Path root) throws IOException {
        Path in = root.resolve("in");
        Path out = root.resolve("out");
        Files.createDirectories(in);
        for (Map.Entry<String, byte[]> f : c.files().entrySet()) {
            Files.write(in.resolve(f.getKey()), f.getValue());
        }
        Map<String, String> before = listing(root);
        String[] args = c.args().stream().map(a -> a.replace(HostileInputs.IN, in.toString())
                .replace(HostileInputs.OUT, out.toString())).toArray(String[]::new);
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        int code = assertTimeoutPreemptively(BOUND, () -> Main.execute(args, new PrintWriter(stdout, true),
                new PrintWriter(stderr, true)));
        String err = stderr.toString();
        assertEquals(c.exit(), code, err);
        assertCleanMessages(err, stdout.toString(), in);
        for (String mention : c.mentions()) {
            assertTrue(err.contains(mention), "names '" + mention + "': " + err);
        }
        // the inputs are as written, and a refused command created nothing, not even its output directory
        assertEquals(before, listing(root), "files under " + root);
        assertFalse(Files.exists(out), "no output directory for a refused command");
    }

    /** One line per problem, each starting with the file or option it concerns; no stack trace anywhere. */
    static void assertCleanMessages(String err, String out, Path in) {
        assertFalse(err.isBlank(), "says what is wrong");
        for (String text : List.of(err, out)) {
            assertFalse(text.contains("\tat ") || text.contains("at org.") || text.contains("Exception"),
                    "no stack trace: " + text);
        }
        for (String line : err.split("\n")) {
            boolean located = line.startsWith(in.toString()) || line.startsWith("/dev/") || line.startsWith("--")
                    || line.startsWith("llmsim: ") || line.startsWith("Try 'llmsim");
            assertTrue(located && line.contains(": ") || line.startsWith("Try 'llmsim"),
                    "a line that names its file or option: " + line);
            assertFalse(line.chars().anyMatch(ch -> ch < ' ' && ch != '\t'), "no control characters: " + line);
        }
    }

    /** Every file below {@code dir} with its size and content hash; empty when {@code dir} does not exist. */
    static Map<String, String> listing(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        if (!Files.exists(dir)) {
            return files;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(p).toString(), Files.size(p) + ":" + Arrays.hashCode(Files.readAllBytes(p)));
            }
        }
        return files;
    }

    /**
     * Cases that need a process of their own: a run in a heap too small for it (a first run into its directory: it
     * leaves nothing), and a scenario read from a pipe (read, as any file), its trace from a pipe (refused: a trace
     * is read twice).
     */
    @Test
    void inAProcessOfItsOwn_outOfMemoryAndPipes() throws IOException, InterruptedException {
        Path root = tmp.resolve("processes");
        Files.createDirectories(root);
        Path oomOut = root.resolve("oom-out");
        Process oom = start(root, "oom", null, "-XX:+UseParallelGC", "-Xmx48m", "run", CliTest.QUICKSTART, "--out",
                oomOut.toString(), "--no-pdf", "--set", "workload.arrival.rate_rps=5000", "--set",
                "duration_s=1000");
        String quickstart = Files.readString(Path.of(CliTest.QUICKSTART));
        Process scenarioPipe = start(root, "scenario-pipe", quickstart, "-Xmx256m", "validate", "/dev/stdin");
        String traceScenario = "name: t\nworkload:\n  trace: {path: /dev/stdin}\ncluster:\n  pools:\n"
                + "    - {gpu: h100-sxm, model: llama-3.1-8b}\n";
        Path scenario = root.resolve("t.yaml");
        Files.writeString(scenario, traceScenario);
        Process tracePipe = start(root, "trace-pipe", "arrival_s,input_tokens,output_tokens\n1,10,5\n", "-Xmx256m",
                "validate", scenario.toString());

        assertEquals(1, finish(oom), read(root, "oom"));
        String oomErr = read(root, "oom");
        assertEquals(1, oomErr.lines().count(), oomErr);
        assertTrue(oomErr.startsWith("llmsim: out of memory") && oomErr.contains("LLMSIM_JAVA_OPTS=-Xmx"), oomErr);
        assertCleanMessages(oomErr, "", root);
        // nothing is left of the run, or (removing is best effort with the heap full) the line names what is
        String partial = "this run's partial files are in ";
        int at = oomErr.indexOf(partial);
        if (at < 0) {
            assertTrue(oomErr.strip().endsWith("; nothing was written to " + oomOut), oomErr);
            assertFalse(Files.exists(oomOut), "a first run that ran out of memory leaves no directory");
        } else {
            assertTrue(Files.isDirectory(Path.of(oomErr.substring(at + partial.length()).strip())), oomErr);
        }

        assertEquals(0, finish(scenarioPipe), read(root, "scenario-pipe"));
        assertEquals(2, finish(tracePipe), read(root, "trace-pipe"));
        String traceErr = read(root, "trace-pipe");
        assertCleanMessages(traceErr, "", root);
        assertTrue(traceErr.startsWith("/dev/stdin: is not a regular file (a pipe or a device?)"), traceErr);
        assertTrue(traceErr.contains("(the file of workload.trace.path, " + scenario + ":3)"), traceErr);
    }

    private static Process start(Path root, String name, String stdin, String... javaThenArgs)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Djava.awt.headless=true", "-Dllmsim.home=" + CliTest.HOME));
        int split = 0;
        while (javaThenArgs[split].startsWith("-X")) {
            command.add(javaThenArgs[split++]);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(javaThenArgs).subList(split, javaThenArgs.length));
        Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(root.resolve(name + ".err").toFile()).start();
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        return p;
    }

    private static int finish(Process p) throws InterruptedException {
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("the process did not end");
        }
        return p.exitValue();
    }

    private static String read(Path root, String name) {
        try {
            return Files.readString(root.resolve(name + ".err"));
        } catch (IOException e) {
            return "(no stderr: " + e.getMessage() + ")";
        }
    }
}
