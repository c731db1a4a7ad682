package org.llmsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.llmsim.report.OutputDirectory;
import org.llmsim.report.WriteFailure;

/** Where llmsim writes, and how: never outside out/, never through a link, one complete run at a time. */
class OutputSafetyCliTest {
    private static final String QUICKSTART = CliTest.QUICKSTART;
    private static final String L40S = CliTest.HOME.resolve("scenarios/quickstart-l40s.yaml").toString();
    private static final String[] SHORT = {"--set", "duration_s=30", "--set", "warmup_s=5"};

    private static String[] args(String... parts) {
        List<String> all = new ArrayList<>(List.of(parts));
        all.addAll(List.of(SHORT));
        return all.toArray(String[]::new);
    }

    /** Every entry under {@code dir}, staging directories included: files by a digest of their bytes. */
    static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> all = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.toList()) {
                String key = dir.relativize(p).toString();
                if (Files.isSymbolicLink(p)) {
                    all.put(key, "-> " + Files.readSymbolicLink(p));
                } else if (Files.isDirectory(p)) {
                    all.put(key + "/", "");
                } else {
                    all.put(key, digest(Files.readAllBytes(p)));
                }
            }
        }
        return all;
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Path> pathsNamed(Path root, String part) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.getFileName().toString().contains(part)).toList();
        }
    }

    private static List<String> lines(String text) {
        return text.lines().filter(l -> !l.isBlank()).toList();
    }

    @Test
    void run_aNameThatClimbsOutOfOut_writesUnderOut_andSaysWhere(@TempDir Path tmp) throws Exception {
        Path work = Files.createDirectories(tmp.resolve("a/b/c"));
        CliTest.Outcome o = LlmsimProcess.run(work, tmp.resolve("logs"), LlmsimProcess.command(null, args("run",
                QUICKSTART, "--no-pdf", "--set", "name=../../../escaped")));
        assertEquals(0, o.exitCode(), o.err());
        Path dir = work.resolve("out/___.._.._escaped");
        assertTrue(Files.isRegularFile(dir.resolve("summary.json")), o.err());
        assertEquals(List.of("llmsim: writing to out/___.._.._escaped/ rather than a directory named "
                + "\"../../../escaped\": it has a path separator, it starts with '.'"), lines(o.err()));
        for (Path p : pathsNamed(tmp.resolve("a"), "escaped")) {
            assertTrue(p.startsWith(work.resolve("out")), "written outside out/: " + p);
        }
    }

    @Test
    void compare_aDefaultDirectoryFromNamesThatClimbOut_staysUnderOut(@TempDir Path tmp) throws Exception {
        Path work = Files.createDirectories(tmp.resolve("a/b/c"));
        CliTest.Outcome o = LlmsimProcess.run(work, tmp.resolve("logs"), LlmsimProcess.command(null, args("compare",
                QUICKSTART, L40S, "--no-pdf", "--set", "name=../../../escaped")));
        assertEquals(0, o.exitCode(), o.err());
        Path dir = work.resolve("out/compare-.._.._.._escaped-vs-.._.._.._escaped");
        assertTrue(Files.isRegularFile(dir.resolve("comparison.json")), o.err());
        assertTrue(Files.isRegularFile(dir.resolve("A-.._.._.._escaped/summary.json")), o.err());
        assertTrue(o.err().contains("writing to out/compare-.._.._.._escaped-vs-.._.._.._escaped/"), o.err());
        for (Path p : pathsNamed(tmp.resolve("a"), "escaped")) {
            assertTrue(p.startsWith(work.resolve("out")), "written outside out/: " + p);
        }
    }

    @Test
    void run_intoADirectoryWithALinkPlanted_refuses_andTheLinksTargetIsUntouched(@TempDir Path tmp)
            throws IOException {
        Path out = tmp.resolve("out");
        assertEquals(0, CliTest.llmsim(args("run", QUICKSTART, "--out", out.toString(), "--no-pdf")).exitCode());
        Path victim = Files.writeString(tmp.resolve("victim"), "the user's own file");
        Files.delete(out.resolve("timeseries.csv"));
        Files.createSymbolicLink(out.resolve("timeseries.csv"), Path.of("../victim"));
        Map<String, String> before = snapshot(out);

        CliTest.Outcome o = CliTest.llmsim(args("run", QUICKSTART, "--out", out.toString(), "--no-pdf"));

        assertEquals(Main.EXIT_BAD_INPUT, o.exitCode());
        assertEquals(List.of(out.resolve("timeseries.csv") + ": is a symbolic link; llmsim never writes through a "
                + "link nor replaces one in its output: remove the link (its target is not touched) or choose "
                + "another --out"), lines(o.err()));
        assertEquals("the user's own file", Files.readString(victim));
        assertEquals(before, snapshot(out));
    }

    @Test
    void run_withNoPdf_afterARunWithOne_leavesNoStaleReport(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("out");
        assertEquals(0, CliTest.llmsim(args("run", QUICKSTART, "--out", out.toString())).exitCode());
        assertTrue(Files.exists(out.resolve("report.pdf")));
        CliTest.Outcome o = CliTest.llmsim(args("run", QUICKSTART, "--out", out.toString(), "--no-pdf"));
        assertEquals(0, o.exitCode(), o.err());
        assertFalse(Files.exists(out.resolve("report.pdf")), "the PDF of the run before is gone");
        assertTrue(Files.exists(out.resolve("summary.json")));
        assertEquals(List.of("requests.csv", "summary.json", "timeseries.csv"),
                Files.readAllLines(out.resolve(OutputDirectory.MARKER)).subList(1, 4));
    }

    @Test
    void run_whoseWritesFail_exitsOneWithOneLine_andLeavesThePreviousRunAsItWas(@TempDir Path tmp)
            throws Exception {
        Path out = tmp.resolve("out");
        assertEquals(0, CliTest.llmsim(args("run", QUICKSTART, "--out", out.toString(), "--no-pdf")).exitCode());
        Map<String, String> before = snapshot(out);
        // files may not grow past 16 KB: requests.csv of 120 s of traffic fails part of the way through, as on a
        // full disk
        CliTest.Outcome o = LlmsimProcess.run(tmp, tmp.resolve("logs"), LlmsimProcess.command(16, "run", QUICKSTART,
                "--out", out.toString(), "--no-pdf", "--set", "duration_s=120", "--set", "warmup_s=5"));
        assertEquals(Main.EXIT_FAILURE, o.exitCode(), o.err());
        assertEquals(List.of("llmsim: cannot write the results to " + out + ": File too large; " + out
                + " is as it was"), lines(o.err()));
        assertEquals(before, snapshot(out), "the previous run, whole, and no staging directory");
    }

    @Test
    void staged_aWriteThatFailsMidway_exitsOne_andASimulationThatFails_leavesNothingEither(@TempDir Path tmp)
            throws IOException {
        Path out = tmp.resolve("out");
        assertEquals(0, CliTest.llmsim(args("run", QUICKSTART, "--out", out.toString(), "--no-pdf")).exitCode());
        Map<String, String> before = snapshot(out);
        StringWriter err = new StringWriter();
        PrintWriter errWriter = new PrintWriter(err, true);

        int code = Outputs.staged(OutputDirectory.claim(out), errWriter, staged -> {
            Files.writeString(staged.file("requests.csv"), "id,pool\n1,ma"); // cut off mid-row
            throw new WriteFailure(new IOException("No space left on device"));
        });
        assertEquals(Main.EXIT_FAILURE, code);
        assertEquals(List.of("llmsim: cannot write the results to " + out + ": No space left on device; " + out
                + " is as it was"), lines(err.toString()));
        assertEquals(before, snapshot(out));

        assertThrows(IllegalStateException.class, () -> Outputs.staged(OutputDirectory.claim(out), errWriter,
                staged -> {
                    Files.writeString(staged.file("summary.json"), "{\"partial\":");
                    throw new IllegalStateException("a model event failed");
                }));
        assertEquals(before, snapshot(out));
    }

    @Test
    void compare_again_replacesThePerScenarioDirectories(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("cmp");
        assertEquals(0, CliTest.llmsim(args("compare", QUICKSTART, L40S, "--out", out.toString(), "--no-pdf"))
                .exitCode());
        assertTrue(Files.isDirectory(out.resolve("B-quickstart-l40s")));
        CliTest.Outcome o = CliTest.llmsim(args("compare", QUICKSTART, QUICKSTART, "--out", out.toString(),
                "--no-pdf"));
        assertEquals(0, o.exitCode(), o.err());
        assertFalse(Files.exists(out.resolve("B-quickstart-l40s")), "the earlier comparison's scenario is gone");
        assertTrue(Files.isRegularFile(out.resolve("B-quickstart/summary.json")));
    }

    @Test
    void sweep_withNoPdf_afterASweepWithOne_leavesNoStaleChart(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("sweep");
        String[] sweep = {"sweep", QUICKSTART, "--vary", "workload.arrival.rate_rps=5,10", "--duration", "30",
            "--set", "warmup_s=5", "--out", out.toString()};
        assertEquals(0, CliTest.llmsim(sweep).exitCode());
        assertTrue(Files.exists(out.resolve("sweep.pdf")));
        List<String> noPdf = new ArrayList<>(List.of(sweep));
        noPdf.add("--no-pdf");
        CliTest.Outcome o = CliTest.llmsim(noPdf.toArray(String[]::new));
        assertEquals(0, o.exitCode(), o.err());
        assertFalse(Files.exists(out.resolve("sweep.pdf")), "the chart of the sweep before is gone");
        assertTrue(Files.exists(out.resolve("sweep.csv")));
    }

    @Test
    void anEmptyOut_isRefused_ratherThanWritingIntoTheCurrentDirectory() {
        CliTest.Outcome o = CliTest.llmsim(args("run", QUICKSTART, "--out", ""));
        assertEquals(Main.EXIT_BAD_INPUT, o.exitCode());
        assertEquals(List.of("--out \"\": an empty path; give the output directory, e.g. --out out/mine (or --out . "
                + "for the current directory)"), lines(o.err()));
    }
}
