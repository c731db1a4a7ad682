package org.llmsim.engine;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a replica forms batches ({@code scheduler.policy} in a scenario). */
public enum BatchingPolicy {
    /**
     * Iteration-level (continuous) batching as in vLLM and Orca: every forward pass runs all decoding sequences plus
     * as many waiting prompts, each computed whole, as the token budget, the batch limit and free KV blocks allow.
     */
    @JsonProperty("continuous") CONTINUOUS,
    /**
     * Continuous batching with chunked prefill (Sarathi-Serve, vLLM's {@code enable_chunked_prefill}): each pass has a
     * budget of {@code max_batched_tokens} tokens, spent first on one token per decoding sequence, then on prompt
     * chunks; a long prompt is split over several passes, so no pass is much longer than the budget.
     */
    @JsonProperty("chunked_prefill") CHUNKED_PREFILL,
    /**
     * Prefill first, as vLLM's V0 scheduler (without chunked prefill) and SGLang's: when prompts wait and fit, the
     * pass computes prompts only, up to {@code max_batched_tokens} (a longer prompt in chunks of that size), and every
     * running answer stalls for it; otherwise the pass decodes. With {@code num_scheduler_steps} n > 1 (vLLM V0's
     * multi-step scheduling) a decode pass runs n steps before the scheduler looks at the queue again.
     */
    @JsonProperty("prefill_first") PREFILL_FIRST,
    /**
     * Static batching: when the replica is idle it takes up to {@code max_batch_size} waiting requests, pads them to
     * the longest prompt, reserves KV for the longest possible output, and runs the batch until its longest output is
     * done before taking new work.
     */
    @JsonProperty("static") STATIC,
    /**
     * Dynamic batching (Triton-style): static batches, but an idle replica waits until {@code max_batch_size} requests
     * are queued or the oldest has waited {@code max_wait_s}, whichever comes first.
     */
    @JsonProperty("dynamic") DYNAMIC;

    /** Whether every pass may carry decodes and prompts together, token by token (speculation, disaggregation). */
    public boolean iterationLevel() {
        return this == CONTINUOUS || this == CHUNKED_PREFILL;
    }

    public String yamlName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
