package org.llmsim.workload.trace;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the CSV layouts ({@link TraceFormat#AZURE}, {@link TraceFormat#BURSTGPT}, {@link TraceFormat#VIDUR},
 * {@link TraceFormat#SPLITWISE}, {@link TraceFormat#CSV}): the header names the columns, rows are read one line at a
 * time. Columns the layout does not use are ignored, so traces with extra columns read as they are.
 */
final class CsvTraceReader implements TraceReader {
    /** Class names remembered so that a row's class costs no allocation; beyond this many, names are copied. */
    private static final int MAX_REMEMBERED_CLASSES = 256;

    private final BufferedReader in;
    private final String file;
    private final TraceFormat format;
    private final CsvLine cells = new CsvLine();
    private final TimeAxis time = new TimeAxis();
    private final int[] column = new int[TraceField.values().length];
    private final int headerCells;
    private final Map<TraceField, String> columns;
    private final List<String> classNames = new ArrayList<>();
    private long line;

    /**
     * @param format  the layout, or null to detect it from the header
     * @param renames column names that replace the layout's, by field
     */
    CsvTraceReader(BufferedReader in, String file, TraceFormat format, Map<TraceField, String> renames) {
        this.in = in;
        this.file = file;
        String header = readLine();
        if (header == null) {
            throw new TraceException(file, 0, "is empty; expected a header line naming the columns");
        }
        if (header.startsWith("\uFEFF")) {
            header = header.substring(1);
        }
        if (TraceException.isBinary(header)) {
            throw new TraceException(file, 1, header.startsWith("\u001f") ? "looks gzip-compressed; give it a name "
                    + "that ends in .gz" : "is not a text trace: its first line holds binary data; expected a CSV "
                    + "header naming the columns");
        }
        headerCells = split(header);
        Map<String, Integer> index = new HashMap<>();
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < headerCells; i++) {
            String name = cells.string(i).toLowerCase(Locale.ROOT);
            index.putIfAbsent(name, i);
            names.add(name);
        }
        this.format = format != null ? format : detect(names, header);
        this.columns = this.format.columns(renames);
        List<String> missing = new ArrayList<>();
        for (TraceField f : TraceField.values()) {
            Integer at = index.get(columns.get(f).toLowerCase(Locale.ROOT));
            column[f.ordinal()] = at == null ? -1 : at;
            if (at == null && f.required()) {
                missing.add(columns.get(f) + " (" + f.key() + ")");
            }
        }
        if (!missing.isEmpty()) {
            throw new TraceException(file, line, "the " + this.format.yamlName() + " layout needs the column"
                    + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing) + "; the header has: "
                    + shown(header)
                    + " (rename columns with trace.columns, e.g. {arrival_s: my_time})");
        }
    }

    private TraceFormat detect(Set<String> names, String header) {
        TraceFormat f = TraceFormat.detect(names);
        if (f == null) {
            throw new TraceException(file, line, "cannot tell the trace layout from the header '" + shown(header)
                    + "'; expected azure (TIMESTAMP, ContextTokens, GeneratedTokens), burstgpt (Timestamp, Request "
                    + "tokens, Response tokens), vidur (arrived_at, num_prefill_tokens, num_decode_tokens), splitwise "
                    + "(arrival_timestamp, prompt_size, token_size) or csv (arrival_s, input_tokens, output_tokens); "
                    + "or set trace.format and trace.columns");
        }
        return f;
    }

    /** A header as quoted in messages: its first 160 characters. */
    private static String shown(String header) {
        return header.length() <= 160 ? header : header.substring(0, 160) + "...";
    }

    /** The layout in use (detected when none was given). */
    TraceFormat format() {
        return format;
    }

    @Override
    public String file() {
        return file;
    }

    @Override
    public boolean next(TraceRow row) {
        String text;
        do {
            text = readLine();
            if (text == null) {
                return false;
            }
        } while (text.isBlank());
        int n = split(text);
        row.clear();
        row.line = line;
        if (n < headerCells) {
            throw new TraceException(file, line, "has " + n + " cells, the header has " + headerCells);
        }
        TraceField field = TraceField.ARRIVAL;
        try {
            int at = column[field.ordinal()];
            row.traceTimeS = time.seconds(cells.text(at), cells.start(at), cells.end(at));
            field = TraceField.INPUT_TOKENS;
            row.inputTokens = tokens(field);
            field = TraceField.OUTPUT_TOKENS;
            row.outputTokens = tokens(field);
            field = TraceField.CLASS;
            at = column[field.ordinal()];
            if (at >= 0 && !cells.isEmpty(at)) {
                row.className = className(at);
            }
            field = TraceField.SESSION_ID;
            at = column[field.ordinal()];
            if (at >= 0 && !cells.isEmpty(at)) {
                row.sessionKey = TraceValues.id(cells.text(at), cells.start(at), cells.end(at));
            }
            field = TraceField.PREFIX_ID;
            at = column[field.ordinal()];
            if (at >= 0 && !cells.isEmpty(at)) {
                row.prefixKey = TraceValues.id(cells.text(at), cells.start(at), cells.end(at));
                field = TraceField.PREFIX_TOKENS;
                row.prefixTokens = column[field.ordinal()] >= 0 ? tokens(field) : 0;
            }
        } catch (IllegalArgumentException e) {
            throw new TraceException(file, line, "column " + columnName(field) + ": " + e.getMessage());
        }
        return true;
    }

    private int tokens(TraceField field) {
        int at = column[field.ordinal()];
        return TraceValues.tokens(cells.text(at), cells.start(at), cells.end(at));
    }

    private String className(int at) {
        CharSequence t = cells.text(at);
        int from = cells.start(at);
        int len = cells.end(at) - from;
        for (String known : classNames) {
            if (known.length() == len && regionEquals(known, t, from)) {
                return known;
            }
        }
        String name = cells.string(at);
        if (classNames.size() < MAX_REMEMBERED_CLASSES) {
            classNames.add(name);
        }
        return name;
    }

    private static boolean regionEquals(String known, CharSequence t, int from) {
        for (int i = 0; i < known.length(); i++) {
            if (known.charAt(i) != t.charAt(from + i)) {
                return false;
            }
        }
        return true;
    }

    private String columnName(TraceField field) {
        return columns.get(field) + " (" + field.key() + ")";
    }

    private int split(String text) {
        try {
            return cells.split(text);
        } catch (IllegalArgumentException e) {
            throw new TraceException(file, line, e.getMessage());
        }
    }

    private String readLine() {
        try {
            String s = in.readLine();
            if (s != null) {
                line++;
            }
            return s;
        } catch (IOException e) {
            throw TraceReaders.readError(file, line, e);
        }
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            // nothing to recover: the trace was only read
        }
    }
}
