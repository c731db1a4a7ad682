package org.llmsim.workload.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.llmsim.testing.TestScenarios;

class TraceReadersTest {
    static Path fixture(String name) {
        return TestScenarios.home().resolve("sim/src/test/resources/traces").resolve(name);
    }

    /** Every row of a trace as read: time, input, output. */
    static List<double[]> read(Path file, TraceFormat format) {
        List<double[]> rows = new ArrayList<>();
        TraceRow row = new TraceRow();
        try (TraceReader reader = TraceReaders.open(file, file.getFileName().toString(), format, Map.of())) {
            while (reader.next(row)) {
                rows.add(new double[] {row.traceTimeS, row.inputTokens, row.outputTokens});
            }
        }
        return rows;
    }

    /** The rows of a CSV fixture parsed independently, with the time column given in seconds. */
    static List<double[]> expected(Path file, int timeColumn, int inputColumn, int outputColumn) throws IOException {
        List<double[]> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            rows.add(new double[] {Double.parseDouble(cells[timeColumn]), Integer.parseInt(cells[inputColumn]),
                    Integer.parseInt(cells[outputColumn])});
        }
        return rows;
    }

    private static void assertRows(List<double[]> expected, List<double[]> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i)[0], actual.get(i)[0], 0.0, "time of row " + i);
            assertEquals(expected.get(i)[1], actual.get(i)[1], 0.0, "input of row " + i);
            assertEquals(expected.get(i)[2], actual.get(i)[2], 0.0, "output of row " + i);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"vidur.csv, vidur, 0, 1, 2", "splitwise.csv, splitwise, 3, 5, 6", "burstgpt.csv, burstgpt, 0, 2, 3"})
    void numericLayouts_readEveryRowAsWritten_andAreDetectedFromTheHeader(String name, String layout, int time,
            int input, int output) throws IOException {
        Path file = fixture(name);
        List<double[]> expected = expected(file, time, input, output);
        assertRows(expected, read(file, TraceFormat.valueOf(layout.toUpperCase())));
        assertRows(expected, read(file, null));
        try (TraceReader reader = TraceReaders.open(file, name, null, Map.of())) {
            assertEquals(layout, TraceReaders.formatOf(reader).yamlName());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"azure-2023.csv, yyyy-MM-dd HH:mm:ss.SSSSSSS", "azure-2024.csv, yyyy-MM-dd HH:mm:ss.SSSSSSxxx"})
    void azureDateTimes_becomeSecondsSinceTheFirstRow_toTheTick(String name, String pattern) throws IOException {
        // given date-times with 100 ns ticks (2023) or microseconds and a UTC offset (2024)
        Path file = fixture(name);
        DateTimeFormatter f = DateTimeFormatter.ofPattern(pattern);
        List<String> lines = Files.readAllLines(file);
        List<double[]> expected = new ArrayList<>();
        long firstNanos = 0;
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",");
            var instant = pattern.endsWith("xxx") ? OffsetDateTime.parse(cells[0], f).toInstant()
                    : LocalDateTime.parse(cells[0], f).toInstant(ZoneOffset.UTC);
            long nanos = instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
            if (i == 1) {
                firstNanos = nanos;
            }
            expected.add(new double[] {(nanos - firstNanos) / 1e9, Integer.parseInt(cells[1]),
                    Integer.parseInt(cells[2])});
        }
        // then the reader gives the same seconds, exactly
        assertRows(expected, read(file, TraceFormat.AZURE));
        assertRows(expected, read(file, null));
    }

    @Test
    void epochNanos_agreesWithJavaTime_forTheFormsTracesUse() {
        for (String s : List.of("2023-11-16 18:15:46.6805900", "2024-05-10T00:00:00.009930Z", "2024-02-29 23:59:59",
                "2024-05-10 00:00:00.5+02:00", "1999-12-31 12:00")) {
            String iso = s.replace(' ', 'T');
            OffsetDateTime expected = iso.endsWith("Z") || iso.contains("+") ? OffsetDateTime.parse(iso)
                    : LocalDateTime.parse(iso).atOffset(ZoneOffset.UTC);
            long nanos = expected.toEpochSecond() * 1_000_000_000L + expected.getNano();
            assertEquals(nanos, TraceValues.epochNanos(s, 0, s.length()), s);
        }
        assertThrows(IllegalArgumentException.class, () -> TraceValues.epochNanos("2024-13-01 00:00", 0, 16));
    }

    @Test
    void genericCsv_readsClassSessionAndPrefix_andQuotedCells() {
        // given the generic layout with the optional columns, a quoted cell with a comma, and an extra column
        List<TraceRow> rows = readRows(fixture("generic.csv"), null);
        assertEquals(7, rows.size());
        TraceRow first = rows.get(0);
        assertEquals("chat", first.className);
        assertEquals(1000, first.prefixTokens);
        assertEquals(rows.get(2).sessionKey, first.sessionKey, "the two turns of s1 share their session");
        assertEquals(rows.get(2).prefixKey, first.prefixKey);
        assertTrue(rows.get(6).sessionKey != first.sessionKey);
        assertEquals(TraceRow.NONE, rows.get(1).sessionKey, "an empty cell is no session");
        assertNull(rows.get(3).className, "an empty class cell is no class");
        assertEquals(1536, rows.get(4).prefixTokens);
        assertEquals(3.75, rows.get(5).traceTimeS);
    }

    @Test
    void jsonLines_readsTheSameFieldsAsTheGenericCsv_ignoringOtherKeysAndBlankLines() {
        List<TraceRow> csv = readRows(fixture("generic.csv"), null);
        List<TraceRow> jsonl = readRows(fixture("generic.jsonl"), null);
        assertEquals(csv.size(), jsonl.size());
        for (int i = 0; i < csv.size(); i++) {
            assertEquals(csv.get(i).traceTimeS, jsonl.get(i).traceTimeS);
            assertEquals(csv.get(i).inputTokens, jsonl.get(i).inputTokens);
            assertEquals(csv.get(i).outputTokens, jsonl.get(i).outputTokens);
            assertEquals(csv.get(i).className, jsonl.get(i).className);
            assertEquals(csv.get(i).sessionKey, jsonl.get(i).sessionKey);
            assertEquals(csv.get(i).prefixTokens, jsonl.get(i).prefixTokens);
        }
        assertEquals(6, jsonl.get(4).line, "line numbers count the blank line");
    }

    @Test
    void columnRenames_readAnyHeader(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("mine.csv");
        Files.writeString(file, "t,prompt,completion,tenant\n0.5,100,20,gold\n1.5,200,30,silver\n");
        List<TraceRow> rows = readRows(file, Map.of(TraceField.ARRIVAL, "t", TraceField.INPUT_TOKENS, "prompt",
                TraceField.OUTPUT_TOKENS, "completion", TraceField.CLASS, "tenant"));
        assertEquals(2, rows.size());
        assertEquals("silver", rows.get(1).className);
        assertEquals(200, rows.get(1).inputTokens);
    }

    private static List<TraceRow> readRows(Path file, Map<TraceField, String> renames) {
        List<TraceRow> rows = new ArrayList<>();
        try (TraceReader reader = TraceReaders.open(file, file.getFileName().toString(),
                renames == null ? null : TraceFormat.CSV, renames == null ? Map.of() : renames)) {
            while (true) {
                TraceRow row = new TraceRow();
                if (!reader.next(row)) {
                    return rows;
                }
                rows.add(row);
            }
        }
    }

    @Test
    void scan_countsRowsAndSkipsFailedRequests_andMeasuresTheLongestPromptAndOutput() throws IOException {
        // given BurstGPT with two failed requests (0 response tokens)
        Path file = fixture("burstgpt.csv");
        TraceSummary s = TraceScanner.scan(file, "burstgpt.csv", null, Map.of(), 0, null, null, null, false);
        List<double[]> rows = expected(file, 0, 2, 3);
        assertEquals(TraceFormat.BURSTGPT, s.format());
        assertEquals(rows.size() - 2, s.rows());
        assertEquals(2, s.skippedRows());
        assertEquals(rows.stream().mapToDouble(r -> r[1]).max().orElseThrow(), s.maxInputTokens());
        assertEquals(rows.stream().mapToDouble(r -> r[2]).max().orElseThrow(), s.maxOutputTokens());
        assertEquals(rows.get(rows.size() - 1)[0], s.lastTraceS());
    }

    @Test
    void scan_withATargetRate_setsTheSpeedup_andStartSkipsEarlierRows() {
        Path file = fixture("vidur.csv");
        TraceSummary plain = TraceScanner.scan(file, "v", null, Map.of(), 0, null, null, null, false);
        TraceSummary rescaled = TraceScanner.scan(file, "v", null, Map.of(), 0, null, 40.0, null, false);
        assertEquals(40.0, rescaled.rows() / rescaled.lastArrivalS(), 1e-9, "replayed mean rate");
        assertEquals(40.0 / plain.meanRateRps(), rescaled.speedup(), 1e-9);
        TraceSummary late = TraceScanner.scan(file, "v", null, Map.of(), 5.0, 2.0, null, null, false);
        assertTrue(late.rows() < plain.rows());
        assertTrue(late.firstTraceS() >= 5.0);
        assertEquals((late.firstTraceS() - 5.0) / 2, late.arrivalS(late.firstTraceS()), 1e-12);
    }

    @Test
    void problems_nameTheFileAndLine(@TempDir Path dir) throws IOException {
        Path unsorted = dir.resolve("unsorted.csv");
        Files.writeString(unsorted, "arrival_s,input_tokens,output_tokens\n1.0,10,5\n2.0,10,5\n1.5,10,5\n");
        TraceException e = assertThrows(TraceException.class,
                () -> TraceScanner.scan(unsorted, "unsorted.csv", null, Map.of(), 0, null, null, null, false));
        assertEquals(4, e.line());
        assertEquals("unsorted.csv:4: arrival 1.5 s is earlier than the row before (2.0 s); sort the trace by "
                + "arrival time", e.toString());

        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:15:46.1,10,5\n"
                + "2023-11-16 18:15:47.1,ten,5\n");
        e = assertThrows(TraceException.class, () -> read(bad, null));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().startsWith("column ContextTokens (input_tokens): expected a token count"),
                e.getMessage());

        Path unknown = dir.resolve("unknown.csv");
        Files.writeString(unknown, "when,in,out\n1,2,3\n");
        e = assertThrows(TraceException.class, () -> read(unknown, null));
        assertTrue(e.getMessage().startsWith("cannot tell the trace layout from the header 'when,in,out'"),
                e.getMessage());
        e = assertThrows(TraceException.class, () -> read(unknown, TraceFormat.VIDUR));
        assertTrue(e.getMessage().contains("needs the columns arrived_at (arrival_s), num_prefill_tokens"),
                e.getMessage());

        Path mixed = dir.resolve("mixed.csv");
        Files.writeString(mixed, "arrival_s,input_tokens,output_tokens\n2023-11-16 18:15:46,1,1\n5,1,1\n");
        e = assertThrows(TraceException.class, () -> read(mixed, null));
        assertEquals(3, e.line());

        Path json = dir.resolve("bad.jsonl");
        Files.writeString(json, "{\"arrival_s\": 1, \"input_tokens\": 5, \"output_tokens\": 2}\n"
                + "{\"arrival_s\": 2, \"input_tokens\": 5}\n");
        e = assertThrows(TraceException.class, () -> read(json, null));
        assertEquals("bad.jsonl:2: has no 'output_tokens' (output_tokens)", e.toString());

        TraceException missing = assertThrows(TraceException.class, () -> read(dir.resolve("none.csv"), null));
        assertEquals("none.csv: trace file not found", missing.toString());
        assertFalse(Files.exists(dir.resolve("none.csv")));
    }

    @Test
    void filesThatAreNoTrace_areBadInput_namingWhatTheyAre(@TempDir Path dir) throws IOException {
        TraceException e = assertThrows(TraceException.class, () -> read(dir, null));
        assertEquals(dir.getFileName() + ": is a directory; expected a trace file (CSV or JSON Lines, optionally .gz)",
                e.toString());
        // a pipe or a device: the trace would be read twice, and the second read would find it empty
        e = assertThrows(TraceException.class, () -> TraceReaders.open(Path.of("/dev/null"), "/dev/null", null,
                Map.of()));
        assertEquals("/dev/null: is not a regular file (a pipe or a device?): a trace is read twice, once to check "
                + "it and once to replay it; save it to a file first", e.toString());

        Path notGzip = dir.resolve("plain.csv.gz");
        Files.writeString(notGzip, "arrival_s,input_tokens,output_tokens\n1,2,3\n");
        e = assertThrows(TraceException.class, () -> read(notGzip, null));
        assertTrue(e.toString().startsWith("plain.csv.gz: is not gzip-compressed data, though its name ends in .gz"),
                e.toString());
    }

    @Test
    void aBinaryTrace_isNamedAsSuch_withoutEchoingItsBytes(@TempDir Path dir) throws IOException {
        Path elf = dir.resolve("program.csv");
        Files.write(elf, new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0x1b, '[', '2', 'J', (byte) 0xff, '\n', 'x'});
        TraceException e = assertThrows(TraceException.class, () -> read(elf, null));
        assertEquals("program.csv:1: is not a text trace: its first line holds binary data; expected a CSV header "
                + "naming the columns", e.toString());
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(bytes)) {
            gz.write("arrival_s,input_tokens,output_tokens\n1,2,3\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        Path compressed = dir.resolve("compressed.csv");
        Files.write(compressed, bytes.toByteArray());
        e = assertThrows(TraceException.class, () -> read(compressed, null));
        assertEquals("compressed.csv:1: looks gzip-compressed; give it a name that ends in .gz", e.toString());
        // a cell's control characters are not sent to the terminal either
        Path escape = dir.resolve("escape.csv");
        Files.writeString(escape, "arrival_s,input_tokens,output_tokens\n1,\u001b[2J,3\n");
        e = assertThrows(TraceException.class, () -> read(escape, null));
        assertFalse(e.getMessage().contains("\u001b"), e.getMessage());
        assertTrue(e.getMessage().contains("?[2J"), e.getMessage());
    }

    @Test
    void aTruncatedGzipTrace_isBadInput_atTheLineWhereItEnds(@TempDir Path dir) throws IOException {
        StringBuilder csv = new StringBuilder("arrival_s,input_tokens,output_tokens\n");
        for (int i = 0; i < 20_000; i++) {
            csv.append(i * 0.1).append(',').append(100 + i % 997).append(',').append(10 + i % 89).append('\n');
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(bytes)) {
            gz.write(csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        Path cut = dir.resolve("cut.csv.gz");
        Files.write(cut, java.util.Arrays.copyOf(bytes.toByteArray(), bytes.size() / 2));
        TraceException e = assertThrows(TraceException.class,
                () -> TraceScanner.scan(cut, "cut.csv.gz", null, Map.of(), 0, null, null, null, false));
        assertTrue(e.line() > 1000 && e.line() < 20_000, e.toString());
        assertEquals("cannot read past line " + (e.line() - 1) + ": the compressed data ends early (a truncated or "
                + "partly copied .gz file?)", e.getMessage());

        Path header = dir.resolve("header.csv.gz");
        Files.write(header, java.util.Arrays.copyOf(bytes.toByteArray(), 15));
        e = assertThrows(TraceException.class, () -> read(header, null));
        assertEquals("header.csv.gz:1: cannot read the first line: the compressed data ends early (a truncated or "
                + "partly copied .gz file?)", e.toString());
    }

    @Test
    void aFileWithoutLineBreaks_isRefusedAtItsFirstLine_insteadOfReadIntoMemory(@TempDir Path dir)
            throws IOException {
        Path oneLine = dir.resolve("one-line.csv");
        Files.writeString(oneLine, "arrival_s,input_tokens,output_tokens\n" + "9".repeat(3 << 20));
        TraceException e = assertThrows(TraceException.class, () -> read(oneLine, null));
        assertEquals("one-line.csv:2: cannot read past line 1: the line is longer than 1048576 characters (a binary "
                + "file, or no line breaks?)", e.toString());
    }

    @Test
    void scan_rejectsUnknownClassNames() throws IOException {
        Path file = fixture("generic.csv");
        TraceException e = assertThrows(TraceException.class, () -> TraceScanner.scan(file, "generic.csv", null,
                Map.of(), 0, null, null, java.util.Set.of("chat"), false));
        assertEquals("generic.csv:3: class 'batch' is not a class of the workload (chat)", e.toString());
    }
}
