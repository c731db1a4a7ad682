package org.llmsim.engine;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What happens to a running sequence evicted for lack of KV blocks ({@code preemption} of a pool). */
public enum PreemptionMode {
    /** Its KV blocks are dropped; it waits again and recomputes its prompt and outputs so far (vLLM's default). */
    @JsonProperty("recompute") RECOMPUTE,
    /**
     * Its KV blocks are copied to host memory over PCIe and copied back when it resumes (vLLM v0's swap space); when
     * the host swap space is full it is recomputed instead.
     */
    @JsonProperty("swap") SWAP;

    public String yamlName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
