package org.llmsim.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.llmsim.kernel.RunStopped;
import org.llmsim.kernel.StopRequest;
import org.llmsim.scenario.InputException;

/**
 * One run's files on their way into an {@link OutputDirectory}. They are written into a staging directory inside
 * it ({@code .llmsim-staging-<pid>-<n>}, on the same file system, so moving a file in is a rename) and moved into
 * place by {@link #commit} only when all are complete: the directory holds the previous complete run until then,
 * and the new one after, without the previous run's files the new one does not produce. A run that fails or is
 * stopped is {@link #abandon abandoned}: its staging directory is removed and the output directory left as it was.
 *
 * <p>Runs under way are registered, so that a stop request (Ctrl-C) or the report of an out-of-memory error can
 * abandon them from another thread while the process ends; {@link #commit} and {@link #abandon} exclude each other.
 */
public final class StagedRun implements AutoCloseable {
    static final String PREFIX = ".llmsim-staging-";
    private static final String MARKER_TMP = ".llmsim-output.new";
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final Set<StagedRun> ACTIVE = ConcurrentHashMap.newKeySet();

    /**
     * {@code ABANDONING}: given up, but its staging directory is not removed yet (removing it failed, or was cut short
     * by an error such as running out of memory); the run stays registered so that a later {@link #abandon} or
     * {@link #abandonAll} tries again.
     */
    private enum State { OPEN, COMMITTED, KEPT, ABANDONING, ABANDONED }

    private final OutputDirectory target;
    private final Path staging;
    private State state = State.OPEN;

    private StagedRun(OutputDirectory target, Path staging) {
        this.target = target;
        this.staging = staging;
    }

    static StagedRun begin(OutputDirectory target) throws IOException {
        Path staging = target.path().resolve(PREFIX + ProcessHandle.current().pid() + "-"
                + COUNTER.incrementAndGet());
        Files.createDirectory(staging);
        StagedRun run = new StagedRun(target, staging);
        ACTIVE.add(run);
        if (StopRequest.requested()) {
            // a stop that came while this run was being registered would otherwise leave it behind
            throw new RunStopped(run.abandon());
        }
        return run;
    }

    /** Where to write {@code name} (a file of the run, directly in the output directory). */
    public Path file(String name) {
        return staging.resolve(plain(name));
    }

    /** A subdirectory of the run (created now), for files that go to {@code <output directory>/<name>/}. */
    public Path directory(String name) throws IOException {
        Path dir = staging.resolve(plain(name));
        Files.createDirectories(dir);
        return dir;
    }

    /** The output directory. */
    public OutputDirectory target() {
        return target;
    }

    /** The staging directory. */
    public Path stagingPath() {
        return staging;
    }

    /**
     * Moves the run's files into the output directory, replacing the previous run's and removing those of its files
     * this run did not write; subdirectories the same way, recursively.
     *
     * @throws InputException if a link or a file llmsim did not write turned up where a file goes; the run's files
     *                        are kept in the staging directory, which the message names
     * @throws IOException    if moving failed; the output directory's marker then says that it holds files of two
     *                        runs, and what was not moved stays in the staging directory
     * @throws RunStopped     if the run was stopped (abandoned) before
     */
    public synchronized void commit() throws IOException {
        if (state != State.OPEN) {
            throw new RunStopped(null);
        }
        try {
            check(staging, target.path());
        } catch (InputException e) {
            state = State.KEPT;
            ACTIVE.remove(this);
            throw new InputException(e.getMessage(), "this run's files are in " + staging);
        }
        try {
            commitInto(staging, target.path());
            Files.deleteIfExists(staging.resolve(MARKER_TMP));
            Files.delete(staging);
            state = State.COMMITTED;
        } catch (IOException e) {
            state = State.KEPT;
            throw new IOException("moving this run's files into " + target.path() + " failed (" + reason(e)
                    + "); what was not moved is in " + staging, e);
        } finally {
            ACTIVE.remove(this);
        }
    }

    /**
     * Gives up the run: removes its staging directory and, if this was the first run into a directory it created,
     * the directory.
     *
     * @return what happened to the output directory, in words (it is as it was; where partial files are if they
     *         could not be removed), or null when the run was committed
     */
    public synchronized String abandon() {
        if (state == State.COMMITTED) {
            return null;
        }
        if (state == State.KEPT) {
            return "this run's files are in " + staging;
        }
        if (state == State.ABANDONED) {
            return asItWas();
        }
        // marked first, so that an error thrown while removing leaves a run that cannot commit and is tried again
        state = State.ABANDONING;
        if (!deleteTree(staging)) {
            return target.path() + " is as it was; this run's partial files are in " + staging;
        }
        undoClaim();
        state = State.ABANDONED;
        ACTIVE.remove(this);
        return asItWas();
    }

    /** Whether the run was abandoned but its staging directory could not be removed (its files are still there). */
    public synchronized boolean leftFiles() {
        return state == State.ABANDONING && Files.exists(staging, LinkOption.NOFOLLOW_LINKS);
    }

    /** Abandons the run unless it was committed. */
    @Override
    public void close() {
        abandon();
    }

    /**
     * Abandons every run under way in this process (a stop request, the heap running out), and tries again to remove
     * what abandoned runs left; what happened to each, in words.
     */
    public static List<String> abandonAll() {
        List<String> notes = new ArrayList<>();
        for (StagedRun run : List.copyOf(ACTIVE)) {
            String note = run.abandon();
            if (note != null) {
                notes.add(note);
            }
        }
        return notes;
    }

    /** Removes the staging directories that processes which no longer run left in {@code dir}. */
    static void removeStale(Path dir) throws IOException {
        List<Path> stale = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            entries.filter(p -> p.getFileName().toString().startsWith(PREFIX)
                    && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) && !alive(p)).forEach(stale::add);
        }
        stale.forEach(StagedRun::deleteTree);
    }

    private static boolean alive(Path staging) {
        String rest = staging.getFileName().toString().substring(PREFIX.length());
        int dash = rest.indexOf('-');
        try {
            long pid = Long.parseLong(dash < 0 ? rest : rest.substring(0, dash));
            if (pid == ProcessHandle.current().pid()) {
                return true; // this process's: under way, or left by a run it still reports on
            }
            Optional<ProcessHandle> process = ProcessHandle.of(pid);
            return process.isPresent() && process.get().isAlive();
        } catch (NumberFormatException e) {
            return true; // not ours to judge
        }
    }

    private String asItWas() {
        return Files.exists(target.path()) ? target.path() + " is as it was" : "nothing was written to "
                + target.path();
    }

    /** Takes back what claiming a new or empty directory added: the marker, then the directories created. */
    private void undoClaim() {
        Path added = target.addedByClaim();
        if (added == null) {
            return;
        }
        Path dir = target.path();
        try {
            if (!onlyMarker(dir)) {
                return;
            }
            Files.deleteIfExists(dir.resolve(OutputDirectory.MARKER));
            if (added.getFileName() != null && added.getFileName().toString().equals(OutputDirectory.MARKER)) {
                return;
            }
            Path top = added.toAbsolutePath().normalize();
            for (Path p = dir.toAbsolutePath().normalize(); p != null && p.startsWith(top); p = p.getParent()) {
                Files.delete(p);
            }
        } catch (DirectoryNotEmptyException e) {
            // someone else's run wrote beside it meanwhile: leave the rest
        } catch (IOException e) {
            // best effort: an empty marked directory is harmless
        }
    }

    private static boolean onlyMarker(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.allMatch(p -> p.getFileName().toString().equals(OutputDirectory.MARKER));
        }
    }

    /** Before anything moves: no link, nor a file llmsim did not write, where the run's entries go. */
    private static void check(Path from, Path to) throws IOException {
        for (String name : names(from)) {
            Path s = from.resolve(name);
            Path t = to.resolve(name);
            if (Files.isSymbolicLink(t)) {
                throw OutputDirectory.link(t);
            }
            boolean exists = Files.exists(t, LinkOption.NOFOLLOW_LINKS);
            if (Files.isDirectory(s, LinkOption.NOFOLLOW_LINKS)) {
                if (exists && !Files.isDirectory(t, LinkOption.NOFOLLOW_LINKS)) {
                    throw new InputException(t.toString(), "is a file where llmsim writes a directory");
                }
                if (exists && !OutputMarker.isMarked(t) && !OutputDirectory.isEmpty(t)) {
                    throw new InputException(t.toString(), "refusing to write here: the directory holds files "
                            + "llmsim did not create");
                }
                if (exists) {
                    if (OutputMarker.isMarked(t)) {
                        OutputDirectory.checkLinks(t);
                    }
                    check(s, t);
                }
            } else if (exists && !Files.isRegularFile(t, LinkOption.NOFOLLOW_LINKS)) {
                throw new InputException(t.toString(), "is not a file, where llmsim writes one");
            }
        }
    }

    private static void commitInto(Path from, Path to) throws IOException {
        List<String> names = names(from);
        Set<String> old = OutputMarker.isMarked(to) ? OutputMarker.entries(to) : Set.of();
        Set<String> both = new LinkedHashSet<>(old);
        both.addAll(names);
        writeMarker(from, to, OutputMarker.replacing(both));
        for (String name : names) {
            Path s = from.resolve(name);
            Path t = to.resolve(name);
            if (Files.isDirectory(s, LinkOption.NOFOLLOW_LINKS) && Files.exists(t, LinkOption.NOFOLLOW_LINKS)) {
                commitInto(s, t);
                Files.deleteIfExists(s.resolve(MARKER_TMP));
                Files.delete(s);
            } else {
                if (Files.isDirectory(s, LinkOption.NOFOLLOW_LINKS)) {
                    markTree(s);
                }
                move(s, t);
            }
        }
        for (String name : old) {
            if (!names.contains(name)) {
                retire(to.resolve(name));
            }
        }
        writeMarker(from, to, OutputMarker.complete(names));
    }

    /** Writes the markers of a staged directory tree that moves in whole. */
    private static void markTree(Path dir) throws IOException {
        List<String> names = names(dir);
        for (String name : names) {
            if (Files.isDirectory(dir.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
                markTree(dir.resolve(name));
            }
        }
        Files.writeString(dir.resolve(OutputDirectory.MARKER), OutputMarker.complete(names), StandardCharsets.UTF_8);
    }

    /** Removes an entry of a previous run: a file, or a marked directory's listed entries; never a link's target. */
    private static void retire(Path p) throws IOException {
        if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            Files.delete(p);
        } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) && OutputMarker.isMarked(p)) {
            for (String name : OutputMarker.entries(p)) {
                retire(p.resolve(name));
            }
            Files.delete(p.resolve(OutputDirectory.MARKER));
            try {
                Files.delete(p);
            } catch (DirectoryNotEmptyException e) {
                // files someone else put there stay
            }
        }
    }

    /** Replaces {@code to}'s marker in one step: written beside the staged files, then renamed. */
    private static void writeMarker(Path from, Path to, String text) throws IOException {
        Path tmp = from.resolve(MARKER_TMP);
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        move(tmp, to.resolve(OutputDirectory.MARKER));
    }

    /** A rename: atomic, and replacing a file (or a link, never its target) of that name. */
    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The entries of a staged directory, in name order, without the marker files. */
    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString())
                    .filter(n -> !n.equals(OutputDirectory.MARKER) && !n.equals(MARKER_TMP)).sorted().toList();
        }
    }

    /** Deletes a directory tree without following links; retried, as a writer may still be creating files in it. */
    static boolean deleteTree(Path root) {
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                Files.walkFileTree(root, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                        Files.deleteIfExists(file);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                        Files.deleteIfExists(dir);
                        return FileVisitResult.CONTINUE;
                    }
                });
                return true;
            } catch (NoSuchFileException e) {
                return !Files.exists(root, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                // try again
            }
        }
        return !Files.exists(root, LinkOption.NOFOLLOW_LINKS);
    }

    /** Why an I/O operation failed, in the system's words ("No space left on device"). */
    public static String reason(IOException e) {
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static String plain(String name) {
        if (!OutputMarker.isPlainName(name)) {
            throw new IllegalArgumentException("not a plain file name: " + name);
        }
        return name;
    }
}
