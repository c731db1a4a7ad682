package org.llmsim.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.llmsim.scenario.InputException;

/**
 * An output directory llmsim owns. A directory is claimed with a marker file; llmsim writes into a directory that
 * is new, empty, or already carries its marker, and refuses any other, so it never overwrites a user's files.
 */
public final class OutputDirectory {
    /** Marker file that says llmsim created the directory's contents. */
    public static final String MARKER = ".llmsim-output";

    private final Path dir;

    private OutputDirectory(Path dir) {
        this.dir = dir;
    }

    /**
     * Claims {@code dir}, creating it if needed.
     *
     * @throws InputException if the directory holds files llmsim did not write, or cannot be created
     */
    public static OutputDirectory claim(Path dir) {
        try {
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                throw new InputException(dir.toString(), "--out must be a directory, but this is a file");
            }
            if (Files.isDirectory(dir) && !Files.exists(dir.resolve(MARKER)) && !isEmpty(dir)) {
                throw new InputException(dir.toString(), "refusing to write here: the directory holds files llmsim "
                        + "did not create; choose another --out directory or empty this one");
            }
            Files.createDirectories(dir);
            Path marker = dir.resolve(MARKER);
            if (!Files.exists(marker)) {
                Files.writeString(marker, "This directory holds llmsim output; llmsim overwrites its files on the "
                        + "next run with the same --out.\n");
            }
            return new OutputDirectory(dir);
        } catch (IOException e) {
            throw new InputException(dir.toString(), "cannot create the output directory: " + e.getMessage());
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    public Path path() {
        return dir;
    }

    public Path resolve(String fileName) {
        return dir.resolve(fileName);
    }
}
