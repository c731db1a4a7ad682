package org.llmsim.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

import org.llmsim.scenario.InputException;

/**
 * An output directory llmsim owns. A directory is claimed with a marker file ({@value #MARKER}); llmsim writes into
 * a directory that is new, empty, or already carries its marker, and refuses any other, so it never overwrites a
 * user's files. A run writes its files into a {@link StagedRun} and moves them in only when all are complete.
 *
 * <p>Links: the directory itself may be reached through a symbolic link (an {@code out} that points to a larger
 * disk), but a link inside it where llmsim writes (a planted {@code timeseries.csv -> ../victim}) is refused: llmsim
 * neither writes through it nor replaces it.
 */
public final class OutputDirectory {
    /** Marker file that says llmsim created the directory's contents. */
    public static final String MARKER = OutputMarker.FILE;

    private final Path dir;
    /** What claiming added, to take back when the first run into the directory fails: the directory or the marker. */
    private final Path addedByClaim;

    private OutputDirectory(Path dir, Path addedByClaim) {
        this.dir = dir;
        this.addedByClaim = addedByClaim;
    }

    /**
     * Claims {@code dir}, creating it if needed, and removes what runs of processes that no longer exist left in
     * their staging directories (a run killed outright).
     *
     * @throws InputException if the path is empty, names a file, holds files llmsim did not write or a link where
     *                        llmsim writes, or cannot be created
     */
    public static OutputDirectory claim(Path dir) {
        if (dir.toString().isEmpty()) {
            throw new InputException("--out \"\"", "an empty path; give the output directory, e.g. --out out/mine "
                    + "(or --out . for the current directory)");
        }
        try {
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                throw new InputException(dir.toString(), "--out must be a directory, but this is a file");
            }
            Path marker = dir.resolve(MARKER);
            if (Files.isDirectory(dir)) {
                if (Files.exists(marker, LinkOption.NOFOLLOW_LINKS) && !OutputMarker.isMarked(dir)) {
                    throw notAFile(marker);
                }
                if (!OutputMarker.isMarked(dir) && !isEmpty(dir)) {
                    throw new InputException(dir.toString(), "refusing to write here: the directory holds files "
                            + "llmsim did not create; choose another --out directory or empty this one");
                }
            }
            Path added = null;
            if (!Files.isDirectory(dir)) {
                Path top = dir.toAbsolutePath().normalize();
                while (top.getParent() != null && !Files.exists(top.getParent())) {
                    top = top.getParent();
                }
                Files.createDirectories(dir);
                added = top;
            }
            if (!OutputMarker.isMarked(dir)) {
                Files.writeString(marker, OutputMarker.complete(Set.of()), StandardCharsets.UTF_8);
                added = added != null ? added : marker;
            } else {
                checkLinks(dir);
                StagedRun.removeStale(dir);
            }
            return new OutputDirectory(dir, added);
        } catch (IOException e) {
            throw new InputException(dir.toString(), "cannot create the output directory: " + e.getMessage());
        }
    }

    /**
     * Checks a subdirectory a run will write (a comparison's per-scenario directory) as {@link #claim} checks the
     * directory itself, so that a run is refused before it starts rather than after.
     */
    public void checkSubdirectory(String name) {
        Path sub = dir.resolve(name);
        try {
            if (Files.isSymbolicLink(sub)) {
                throw link(sub);
            }
            if (Files.exists(sub, LinkOption.NOFOLLOW_LINKS)) {
                if (!Files.isDirectory(sub, LinkOption.NOFOLLOW_LINKS)) {
                    throw new InputException(sub.toString(), "is a file where llmsim writes a directory; move it "
                            + "away or choose another --out");
                }
                if (!OutputMarker.isMarked(sub) && !isEmpty(sub)) {
                    throw new InputException(sub.toString(), "refusing to write here: the directory holds files "
                            + "llmsim did not create; choose another --out directory or empty this one");
                }
                if (OutputMarker.isMarked(sub)) {
                    checkLinks(sub);
                }
            }
        } catch (IOException e) {
            throw new InputException(sub.toString(), "cannot read: " + e.getMessage());
        }
    }

    /** Starts a run: its files go to a new staging directory until {@link StagedRun#commit}. */
    public StagedRun stage() {
        try {
            return StagedRun.begin(this);
        } catch (IOException e) {
            throw new InputException(dir.toString(), "cannot create a staging directory: " + e.getMessage());
        }
    }

    public Path path() {
        return dir;
    }

    /** Where {@code fileName} ends up once a run is committed. */
    public Path resolve(String fileName) {
        return dir.resolve(fileName);
    }

    /** The directory, or the marker, that claiming created; null when the directory was marked already. */
    Path addedByClaim() {
        return addedByClaim;
    }

    /**
     * Refuses a symbolic link among the entries a run replaces or removes in the marked directory {@code dir} (the
     * previous run's, the names llmsim writes, the marker), and in the marked subdirectories among them.
     */
    static void checkLinks(Path dir) throws IOException {
        if (Files.isSymbolicLink(dir.resolve(MARKER))) {
            throw link(dir.resolve(MARKER));
        }
        Set<String> names = new HashSet<>(OutputMarker.entries(dir));
        names.addAll(OutputMarker.KNOWN_FILES);
        for (String name : names) {
            Path p = dir.resolve(name);
            if (Files.isSymbolicLink(p)) {
                throw link(p);
            }
            if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) && OutputMarker.isMarked(p)) {
                checkLinks(p);
            }
        }
    }

    static InputException link(Path p) {
        return new InputException(p.toString(), "is a symbolic link; llmsim never writes through a link nor "
                + "replaces one in its output: remove the link (its target is not touched) or choose another --out");
    }

    private static InputException notAFile(Path marker) {
        return Files.isSymbolicLink(marker) ? link(marker) : new InputException(marker.toString(),
                "is not a file; llmsim cannot tell whether it owns this directory: choose another --out");
    }

    static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }
}
