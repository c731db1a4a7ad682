package org.llmsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.llmsim.testing.TestScenarios;

/** Scenario and profile files are checked for size, kind and encoding before they are parsed. */
class InputFilesTest {
    private static String problem(Path file) {
        InputException e = assertThrows(InputException.class,
                () -> new ScenarioLoader(TestScenarios.catalog()).load(file, List.of()));
        assertEquals(1, e.errors().size(), e.getMessage());
        return e.getMessage();
    }

    @Test
    void aFileOverTheLimit_isRefusedBeforeParsing_withItsSizeAndTheLimit(@TempDir Path dir) throws IOException {
        // one long string: the YAML parser takes minutes over it (its buffer grows quadratically)
        Path big = dir.resolve("big.yaml");
        Files.writeString(big, "name: \"" + "a".repeat(20_000_000) + "\"\n");
        String message = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> problem(big));
        assertEquals(big + ": is 20000009 bytes (19.1 MB); a scenario file may be at most 1 MB (is it the right "
                + "file?)", message);
    }

    @Test
    void aDeviceWithoutEnd_isReadOnlyUpToTheLimit() {
        String message = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> problem(Path.of("/dev/zero")));
        assertEquals("/dev/zero: is more than 1 MB; a scenario file may be at most 1 MB (is it the right file?)",
                message);
    }

    @Test
    void binaryFiles_directoriesAndMissingFiles_areNamedAsSuch(@TempDir Path dir) throws IOException {
        Path binary = dir.resolve("b.yaml");
        Files.write(binary, new byte[] {0x7f, 'E', 'L', 'F', (byte) 0xff, (byte) 0xfe, 0, 1});
        assertEquals(binary + ": is not UTF-8 text (a binary file?); expected a scenario file", problem(binary));
        Path nul = dir.resolve("n.yaml");
        Files.write(nul, new byte[] {'a', ':', ' ', 0, '\n'});
        assertEquals(nul + ": is not a text file: it holds a NUL byte (offset 3); expected a scenario file (YAML, "
                + "JSON or CSV text)", problem(nul));
        assertEquals(dir + ": is a directory; expected a scenario file", problem(dir));
        assertEquals(dir.resolve("none.yaml") + ": file not found", problem(dir.resolve("none.yaml")));
    }

    @Test
    void aProfileOverTheLimit_isRefusedToo(@TempDir Path dir) throws IOException {
        Path gpu = dir.resolve("huge-gpu.yaml");
        Files.writeString(gpu, "name: x\nsources: [\"" + "s".repeat(2_000_000) + "\"]\n");
        InputException e = assertThrows(InputException.class,
                () -> TestScenarios.catalog().gpu(gpu.toString(), null, "s.yaml", "cluster.pools[0].gpu"));
        assertEquals(gpu + ": is 2000022 bytes (1.9 MB); a profile file may be at most 1 MB (is it the right file?)",
                e.getMessage());
    }
}
