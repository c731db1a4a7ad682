package org.llmsim.engine;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a replica forms batches ({@code scheduler.policy} in a scenario). */
public enum BatchingPolicy {
    /**
     * Iteration-level (continuous) batching as in vLLM and Orca: every forward pass runs all decoding sequences plus
     * as many waiting prompts as the token budget, the batch limit and free KV blocks allow.
     */
    @JsonProperty("continuous") CONTINUOUS,
    /**
     * Static batching: when the replica is idle it takes up to {@code max_batch_size} waiting requests, pads them to
     * the longest prompt, reserves KV for the longest possible output, and runs the batch until its longest output is
     * done before taking new work.
     */
    @JsonProperty("static") STATIC;

    public String yamlName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
