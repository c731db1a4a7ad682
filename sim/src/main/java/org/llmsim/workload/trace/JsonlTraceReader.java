package org.llmsim.workload.trace;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Reads JSON Lines traces: one object per line with the keys of the generic layout ({@code arrival_s},
 * {@code input_tokens}, {@code output_tokens}, optionally {@code class}, {@code session_id}, {@code prefix_id},
 * {@code prefix_tokens}), renamed by {@code trace.columns}. Other keys are ignored. Objects are parsed one at a time
 * from a stream.
 */
final class JsonlTraceReader implements TraceReader {
    private static final JsonFactory JSON = new JsonFactory();

    private final JsonParser parser;
    private final String file;
    private final Map<String, TraceField> fieldByKey = new HashMap<>();
    private final Map<TraceField, String> columns;
    private final TimeAxis time = new TimeAxis();
    private static final TraceField[] REQUIRED = {TraceField.ARRIVAL, TraceField.INPUT_TOKENS,
            TraceField.OUTPUT_TOKENS};
    private final boolean[] seen = new boolean[TraceField.values().length];

    JsonlTraceReader(Reader in, String file, Map<TraceField, String> renames) {
        this.file = file;
        this.columns = TraceFormat.JSONL.columns(renames);
        for (Map.Entry<TraceField, String> e : columns.entrySet()) {
            fieldByKey.put(e.getValue().toLowerCase(Locale.ROOT), e.getKey());
        }
        try {
            this.parser = JSON.createParser(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String file() {
        return file;
    }

    @Override
    public boolean next(TraceRow row) {
        long line = 0;
        TraceField field = null;
        try {
            JsonToken token = parser.nextToken();
            if (token == null) {
                return false;
            }
            line = parser.currentTokenLocation().getLineNr();
            if (token != JsonToken.START_OBJECT) {
                throw new TraceException(file, line, "expected one JSON object per line, got " + token.asString());
            }
            row.clear();
            row.line = line;
            java.util.Arrays.fill(seen, false);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                field = fieldByKey.get(parser.currentName().toLowerCase(Locale.ROOT));
                JsonToken value = parser.nextToken();
                if (field == null || value == JsonToken.VALUE_NULL) {
                    parser.skipChildren();
                    continue;
                }
                read(field, value, row);
                seen[field.ordinal()] = true;
            }
            field = null;
            for (TraceField f : REQUIRED) {
                if (!seen[f.ordinal()]) {
                    throw new TraceException(file, line, "has no '" + columns.get(f) + "' (" + f.key() + ")");
                }
            }
            return true;
        } catch (JsonProcessingException e) {
            long at = e.getLocation() != null ? e.getLocation().getLineNr() : line;
            throw new TraceException(file, at, "malformed JSON: " + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            throw new TraceException(file, line, "'" + columns.get(field) + "' (" + field.key() + "): "
                    + e.getMessage());
        } catch (IOException e) {
            throw TraceReaders.readError(file, line, e);
        }
    }

    private void read(TraceField field, JsonToken value, TraceRow row) throws IOException {
        if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
            throw new IllegalArgumentException("expected a number or a text, got " + (value == JsonToken.START_OBJECT
                    ? "an object" : "a list"));
        }
        String text = parser.getText();
        switch (field) {
            case ARRIVAL -> row.traceTimeS = time.seconds(text, 0, text.length());
            case INPUT_TOKENS -> row.inputTokens = TraceValues.tokens(text, 0, text.length());
            case OUTPUT_TOKENS -> row.outputTokens = TraceValues.tokens(text, 0, text.length());
            case CLASS -> row.className = text;
            case SESSION_ID -> row.sessionKey = TraceValues.id(text, 0, text.length());
            case PREFIX_ID -> row.prefixKey = TraceValues.id(text, 0, text.length());
            case PREFIX_TOKENS -> row.prefixTokens = TraceValues.tokens(text, 0, text.length());
            default -> throw new IllegalStateException(field.name());
        }
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            // nothing to recover: the trace was only read
        }
    }
}
