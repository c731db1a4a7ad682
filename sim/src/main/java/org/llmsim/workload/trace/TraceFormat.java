package org.llmsim.workload.trace;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Column layouts of the request traces planners use. Each layout names the columns that hold the three required
 * fields; the optional fields ({@code class}, {@code session_id}, {@code prefix_id}, {@code prefix_tokens}) are read
 * under their generic names in every layout, and {@code trace.columns:} renames any of them. Header names match
 * case-insensitively.
 */
public enum TraceFormat {
    /** Azure LLM inference traces 2023 and 2024: {@code TIMESTAMP,ContextTokens,GeneratedTokens}, date-times. */
    @JsonProperty("azure") AZURE("TIMESTAMP", "ContextTokens", "GeneratedTokens"),
    /**
     * BurstGPT: {@code Timestamp,Model,Request tokens,Response tokens,Total tokens,Log Type}, seconds; rows whose
     * response has 0 tokens (failed requests) are skipped and counted.
     */
    @JsonProperty("burstgpt") BURSTGPT("Timestamp", "Request tokens", "Response tokens"),
    /** Vidur's trace replay layout: {@code arrived_at,num_prefill_tokens,num_decode_tokens}, seconds. */
    @JsonProperty("vidur") VIDUR("arrived_at", "num_prefill_tokens", "num_decode_tokens"),
    /**
     * Splitwise-sim: {@code request_id,request_type,application_id,arrival_timestamp,batch_size,prompt_size,
     * token_size}, seconds; each row is one request.
     */
    @JsonProperty("splitwise") SPLITWISE("arrival_timestamp", "prompt_size", "token_size"),
    /** Generic CSV: {@code arrival_s,input_tokens,output_tokens} plus the optional fields. */
    @JsonProperty("csv") CSV("arrival_s", "input_tokens", "output_tokens"),
    /** One JSON object per line with the keys of the generic CSV layout. */
    @JsonProperty("jsonl") JSONL("arrival_s", "input_tokens", "output_tokens");

    private final String arrival;
    private final String input;
    private final String output;

    TraceFormat(String arrival, String input, String output) {
        this.arrival = arrival;
        this.input = input;
        this.output = output;
    }

    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Column name of every field in this layout, after applying {@code renames}. */
    public Map<TraceField, String> columns(Map<TraceField, String> renames) {
        Map<TraceField, String> columns = new EnumMap<>(TraceField.class);
        for (TraceField f : TraceField.values()) {
            columns.put(f, f.key());
        }
        columns.put(TraceField.ARRIVAL, arrival);
        columns.put(TraceField.INPUT_TOKENS, input);
        columns.put(TraceField.OUTPUT_TOKENS, output);
        if (renames != null) {
            columns.putAll(renames);
        }
        return columns;
    }

    /**
     * The CSV layout whose three required columns all appear in {@code headerLowerCase}, or null. The generic layout
     * is tried last, so a file with both Azure and generic names reads as Azure.
     */
    public static TraceFormat detect(Set<String> headerLowerCase) {
        for (TraceFormat f : new TraceFormat[] {AZURE, BURSTGPT, VIDUR, SPLITWISE, CSV}) {
            if (headerLowerCase.contains(f.arrival.toLowerCase(Locale.ROOT))
                    && headerLowerCase.contains(f.input.toLowerCase(Locale.ROOT))
                    && headerLowerCase.contains(f.output.toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        return null;
    }
}
