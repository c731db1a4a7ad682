package org.llmsim.workload.trace;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** Opens a trace file with the reader of its layout; {@code .gz} files are decompressed on the fly. */
public final class TraceReaders {
    private static final int BUFFER_BYTES = 1 << 16;

    private TraceReaders() {
    }

    /**
     * Opens {@code path}.
     *
     * @param name    the file as named in messages
     * @param format  the layout, or null to take JSON Lines from a {@code .jsonl}/{@code .ndjson} name and otherwise
     *                detect the CSV layout from the header
     * @param renames column names that replace the layout's, by field (may be empty)
     * @throws TraceException when the file is missing, unreadable or its header does not fit the layout
     */
    public static TraceReader open(Path path, String name, TraceFormat format, Map<TraceField, String> renames) {
        BufferedReader in = reader(path, name);
        try {
            if (format == TraceFormat.JSONL || format == null && isJsonLines(path)) {
                return new JsonlTraceReader(in, name, renames);
            }
            return new CsvTraceReader(in, name, format, renames);
        } catch (RuntimeException e) {
            close(in);
            throw e;
        }
    }

    /** The layout {@code reader} reads (detected for CSV files opened without a format). */
    public static TraceFormat formatOf(TraceReader reader) {
        return reader instanceof CsvTraceReader csv ? csv.format() : TraceFormat.JSONL;
    }

    static boolean isJsonLines(Path path) {
        String n = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".gz")) {
            n = n.substring(0, n.length() - 3);
        }
        return n.endsWith(".jsonl") || n.endsWith(".ndjson");
    }

    private static BufferedReader reader(Path path, String name) {
        if (Files.isDirectory(path)) {
            throw new TraceException(name, 0, "is a directory; expected a trace file (CSV or JSON Lines, optionally "
                    + ".gz)");
        }
        if (Files.exists(path) && !Files.isRegularFile(path)) {
            throw new TraceException(name, 0, "is not a regular file (a pipe or a device?): a trace is read twice, "
                    + "once to check it and once to replay it; save it to a file first");
        }
        try {
            InputStream raw = Files.newInputStream(path);
            InputStream in = path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")
                    ? gunzip(raw, name) : raw;
            return new BufferedReader(new LineLengthGuard(new InputStreamReader(in, StandardCharsets.UTF_8)),
                    BUFFER_BYTES);
        } catch (NoSuchFileException e) {
            throw new TraceException(name, 0, "trace file not found");
        } catch (IOException e) {
            throw new TraceException(name, 0, "cannot read the trace: " + e.getMessage());
        }
    }

    private static InputStream gunzip(InputStream raw, String name) throws IOException {
        try {
            return new GZIPInputStream(raw, BUFFER_BYTES);
        } catch (IOException e) {
            raw.close();
            throw new TraceException(name, 0, "is not gzip-compressed data, though its name ends in .gz ("
                    + e.getMessage() + ")");
        }
    }

    /**
     * A read that failed after {@code line} lines: most often a compressed file that ends early (copied in part, or
     * cut with head).
     */
    static TraceException readError(String file, long line, IOException e) {
        String why = e instanceof LineLengthGuard.LineTooLong ? e.getMessage()
                : e instanceof java.io.EOFException || String.valueOf(e.getMessage()).contains("ZLIB")
                ? "the compressed data ends early (a truncated or partly copied .gz file?)"
                : e.getMessage();
        return new TraceException(file, line + 1, (line == 0 ? "cannot read the first line: "
                : "cannot read past line " + line + ": ") + why);
    }

    private static void close(BufferedReader in) {
        try {
            in.close();
        } catch (IOException e) {
            // already failing; the first error is the one to report
        }
    }
}
