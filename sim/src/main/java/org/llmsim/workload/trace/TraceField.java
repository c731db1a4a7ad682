package org.llmsim.workload.trace;

import java.util.Locale;

/**
 * What a trace column means to llmsim, whatever the column is called in a given layout. The names are the keys of a
 * scenario's {@code trace.columns:} mapping, and the column names of the generic {@code csv} and {@code jsonl}
 * layouts.
 */
public enum TraceField {
    /** Arrival time: seconds (a number) or a date-time such as {@code 2023-11-16 18:15:46.6805900}. */
    ARRIVAL("arrival_s", true),
    /** Prompt tokens. */
    INPUT_TOKENS("input_tokens", true),
    /** Output tokens. */
    OUTPUT_TOKENS("output_tokens", true),
    /** Request class (tenant) name; rows are matched to {@code workload.classes} by name. */
    CLASS("class", false),
    /** Conversation id: the rows of one session share their context for the prefix cache. */
    SESSION_ID("session_id", false),
    /** Shared-prefix id (a system prompt, a document). */
    PREFIX_ID("prefix_id", false),
    /** Leading prompt tokens that are the shared prefix {@code prefix_id}. */
    PREFIX_TOKENS("prefix_tokens", false);

    private final String key;
    private final boolean required;

    TraceField(String key, boolean required) {
        this.key = key;
        this.required = required;
    }

    /** The name in {@code trace.columns:} and in the generic layouts. */
    public String key() {
        return key;
    }

    /** Whether every trace must have this column. */
    public boolean required() {
        return required;
    }

    /** The field with {@code key}, or null. */
    public static TraceField byKey(String key) {
        for (TraceField f : values()) {
            if (f.key.equals(key.toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        return null;
    }
}
