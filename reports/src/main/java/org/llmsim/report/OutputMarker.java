package org.llmsim.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The marker file that says llmsim owns a directory, and lists the files of the last complete run written there,
 * so that the next run can remove those it does not produce itself (a {@code report.pdf} after {@code --no-pdf}).
 * Its first line says what the directory is; each further line names one file or subdirectory.
 */
final class OutputMarker {
    static final String FILE = ".llmsim-output";
    private static final String COMPLETE = "This directory holds llmsim output: the files of the last complete run, "
            + "listed below. The next run with the same --out replaces them.";
    private static final String REPLACING = "This directory holds llmsim output, but a run was stopped while moving "
            + "its files in: the files listed below may come from two runs. The next run with the same --out "
            + "replaces them.";
    /** The one line written by llmsim versions that listed no files. */
    private static final String LEGACY = "This directory holds llmsim output; llmsim overwrites its files";
    /** What llmsim commands write; a legacy marker's directory is taken to hold these (and marked subdirectories). */
    static final Set<String> KNOWN_FILES = Set.of("summary.json", "requests.csv", "timeseries.csv",
            "replications.csv", "report.pdf", "comparison.json", "comparison.csv", "comparison.pdf", "sweep.csv",
            "sweep.json", "sweep.pdf", "capacity.json", "capacity.csv", "capacity.pdf", "plan.csv", "plan.json",
            "plan.pdf", "winner.yaml");

    private OutputMarker() {
    }

    /** Whether {@code dir} carries a marker that is a plain file (a link named like a marker does not count). */
    static boolean isMarked(Path dir) {
        return Files.isRegularFile(dir.resolve(FILE), LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * The entries of the last run in the marked directory {@code dir}: the names its marker lists, or for a marker
     * of an older llmsim, the files llmsim writes and the marked subdirectories. Names that are not plain entry
     * names are ignored: a marker cannot point outside its directory.
     */
    static Set<String> entries(Path dir) throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve(FILE), StandardCharsets.UTF_8);
        Set<String> names = new LinkedHashSet<>();
        for (int i = 1; i < lines.size(); i++) {
            if (isPlainName(lines.get(i))) {
                names.add(lines.get(i));
            }
        }
        if (names.isEmpty() && !lines.isEmpty() && lines.get(0).startsWith(LEGACY)) {
            names.addAll(KNOWN_FILES);
            try (var list = Files.list(dir)) {
                list.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) && isMarked(p))
                        .forEach(p -> names.add(p.getFileName().toString()));
            }
        }
        return names;
    }

    /** The marker text of a directory whose last complete run wrote {@code names}. */
    static String complete(Collection<String> names) {
        return text(COMPLETE, names);
    }

    /** The marker text while a run's files replace the previous run's: everything either run wrote. */
    static String replacing(Collection<String> names) {
        return text(REPLACING, names);
    }

    private static String text(String header, Collection<String> names) {
        List<String> lines = new ArrayList<>();
        lines.add(header);
        lines.addAll(names);
        return String.join("\n", lines) + "\n";
    }

    /** A name of an entry directly inside a directory: no separator, not {@code .} or {@code ..}, no control. */
    static boolean isPlainName(String name) {
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.equals(FILE)) {
            return false;
        }
        return name.chars().noneMatch(c -> c == '/' || c == '\\' || Character.isISOControl(c));
    }
}
