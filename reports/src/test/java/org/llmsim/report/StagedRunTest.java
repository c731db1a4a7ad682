package org.llmsim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.llmsim.scenario.InputException;

/** A run's files reach its output directory all together or not at all, and never through a link. */
class StagedRunTest {
    /** Every file under {@code dir} (links as "-> target"), by relative path. */
    static Map<String, String> contents(Path dir) throws IOException {
        Map<String, String> all = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.toList()) {
                String key = dir.relativize(p).toString();
                if (Files.isSymbolicLink(p)) {
                    all.put(key, "-> " + Files.readSymbolicLink(p));
                } else if (Files.isRegularFile(p)) {
                    all.put(key, Files.readString(p));
                }
            }
        }
        return all;
    }

    private static void run(Path dir, Map<String, String> files) throws IOException {
        try (StagedRun run = OutputDirectory.claim(dir).stage()) {
            for (var e : files.entrySet()) {
                Files.writeString(run.file(e.getKey()), e.getValue());
            }
            run.commit();
        }
    }

    private static boolean noStaging(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.noneMatch(p -> p.getFileName().toString().startsWith(StagedRun.PREFIX));
        }
    }

    @Test
    void aCommittedRun_replacesThePreviousOne_andRemovesTheFilesItDidNotWrite(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("out");
        run(dir, Map.of("summary.json", "old", "report.pdf", "old pdf", "timeseries.csv", "old"));
        run(dir, Map.of("summary.json", "new", "timeseries.csv", "new")); // as with --no-pdf
        Map<String, String> files = contents(dir);
        files.remove(OutputDirectory.MARKER);
        assertEquals(Map.of("summary.json", "new", "timeseries.csv", "new"), files);
        assertTrue(noStaging(dir));
    }

    @Test
    void filesTheUserPutBeside_stayWhenARunReplacesItsOwn(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("out");
        run(dir, Map.of("summary.json", "old"));
        Files.writeString(dir.resolve("notes.txt"), "mine");
        run(dir, Map.of("timeseries.csv", "new"));
        assertEquals("mine", Files.readString(dir.resolve("notes.txt")));
        assertFalse(Files.exists(dir.resolve("summary.json")));
    }

    @Test
    void anAbandonedRun_leavesThePreviousRunAsItWas_andNoStagingDirectory(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("out");
        run(dir, Map.of("summary.json", "old", "requests.csv", "a,b\n1,2\n"));
        Map<String, String> before = contents(dir);
        String note;
        try (StagedRun failing = OutputDirectory.claim(dir).stage()) {
            Files.writeString(failing.file("requests.csv"), "a,b\n1,"); // cut off mid-row
            note = failing.abandon();
        }
        assertEquals(before, contents(dir));
        assertTrue(noStaging(dir));
        assertEquals(dir + " is as it was", note);
    }

    @Test
    void theFirstRunIntoANewDirectory_whenAbandoned_leavesNoDirectory(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("new/deeper");
        try (StagedRun failing = OutputDirectory.claim(dir).stage()) {
            Files.writeString(failing.file("summary.json"), "{");
        }
        assertFalse(Files.exists(tmp.resolve("new")));
    }

    @Test
    void aLinkPlantedWhereARunWrites_isRefused_andItsTargetUntouched(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("out");
        Path victim = tmp.resolve("victim");
        Files.writeString(victim, "precious");
        run(dir, Map.of("timeseries.csv", "old"));
        Files.delete(dir.resolve("timeseries.csv"));
        Files.createSymbolicLink(dir.resolve("timeseries.csv"), Path.of("../victim"));
        // before the run: refused when the directory is claimed
        InputException early = assertThrows(InputException.class, () -> OutputDirectory.claim(dir));
        assertTrue(early.getMessage().contains("timeseries.csv: is a symbolic link"), early.getMessage());
        assertEquals("precious", Files.readString(victim));
    }

    @Test
    void aLinkPlantedDuringARun_isRefusedAtCommit_andTheRunsFilesAreKeptAndNamed(@TempDir Path tmp)
            throws IOException {
        Path dir = tmp.resolve("out");
        Path victim = tmp.resolve("victim");
        Files.writeString(victim, "precious");
        StagedRun run = OutputDirectory.claim(dir).stage();
        Files.writeString(run.file("summary.json"), "new");
        Files.createSymbolicLink(dir.resolve("summary.json"), victim);
        InputException e = assertThrows(InputException.class, run::commit);
        assertTrue(e.getMessage().contains("is a symbolic link") && e.getMessage().contains(
                run.stagingPath().toString()), e.getMessage());
        assertEquals("precious", Files.readString(victim));
        assertTrue(Files.isSymbolicLink(dir.resolve("summary.json")));
        assertEquals("new", Files.readString(run.stagingPath().resolve("summary.json")));
    }

    @Test
    void aMarkerLink_orAMarkerNamingFilesOutside_cannotMakeARunTouchThem(@TempDir Path tmp) throws IOException {
        Path victim = tmp.resolve("victim");
        Files.writeString(victim, "precious");
        // a marker that is a link is not a marker
        Path linked = Files.createDirectory(tmp.resolve("linked"));
        Files.createSymbolicLink(linked.resolve(OutputDirectory.MARKER), victim);
        assertThrows(InputException.class, () -> OutputDirectory.claim(linked));
        // a marker listing a path outside the directory does not get it removed
        Path dir = tmp.resolve("out");
        run(dir, Map.of("summary.json", "old"));
        Files.writeString(dir.resolve(OutputDirectory.MARKER), "header\nsummary.json\n../victim\n..\n");
        run(dir, Map.of("timeseries.csv", "new"));
        assertEquals("precious", Files.readString(victim));
        assertFalse(Files.exists(dir.resolve("summary.json")));
    }

    @Test
    void aDirectoryMarkedByAnOlderLlmsim_losesTheFilesItsRunsWrote(@TempDir Path tmp) throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("out"));
        Files.writeString(dir.resolve(OutputDirectory.MARKER), "This directory holds llmsim output; llmsim "
                + "overwrites its files on the next run with the same --out.\n");
        Files.writeString(dir.resolve("report.pdf"), "old pdf");
        Files.writeString(dir.resolve("mine.txt"), "mine");
        run(dir, Map.of("summary.json", "new"));
        assertFalse(Files.exists(dir.resolve("report.pdf")));
        assertEquals("mine", Files.readString(dir.resolve("mine.txt")));
    }

    @Test
    void subdirectories_areCommittedAndRetiredWithTheRun(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("cmp");
        try (StagedRun first = OutputDirectory.claim(dir).stage()) {
            Files.writeString(first.directory("A-one").resolve("summary.json"), "a1");
            Files.writeString(first.directory("B-two").resolve("summary.json"), "b1");
            Files.writeString(first.file("comparison.json"), "1");
            first.commit();
        }
        try (StagedRun second = OutputDirectory.claim(dir).stage()) {
            Files.writeString(second.directory("A-one").resolve("summary.json"), "a2");
            Files.writeString(second.directory("B-three").resolve("summary.json"), "b2");
            Files.writeString(second.file("comparison.json"), "2");
            second.commit();
        }
        Map<String, String> files = contents(dir);
        files.keySet().removeIf(k -> k.endsWith(OutputDirectory.MARKER));
        assertEquals(Map.of("A-one/summary.json", "a2", "B-three/summary.json", "b2", "comparison.json", "2"),
                files);
        assertTrue(Files.isRegularFile(dir.resolve("B-three").resolve(OutputDirectory.MARKER),
                LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void stagingLeftByAProcessThatNoLongerRuns_isRemovedByTheNextClaim(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("out");
        run(dir, Map.of("summary.json", "old"));
        // a process id that is not running: the largest the kernel allows is far below this
        Path stale = Files.createDirectory(dir.resolve(StagedRun.PREFIX + "999999999-1"));
        Files.writeString(stale.resolve("requests.csv"), "cut");
        Path mine = Files.createDirectory(dir.resolve(StagedRun.PREFIX + ProcessHandle.current().pid() + "-999"));
        OutputDirectory.claim(dir);
        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(mine), "a live process's staging stays");
    }

    @Test
    void anEmptyOutPath_isRefused() {
        InputException e = assertThrows(InputException.class, () -> OutputDirectory.claim(Path.of("")));
        assertTrue(e.getMessage().contains("--out \"\""), e.getMessage());
    }
}
