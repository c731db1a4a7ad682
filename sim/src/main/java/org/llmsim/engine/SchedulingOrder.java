package org.llmsim.engine;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The order in which waiting requests are admitted ({@code scheduler.order}), as vLLM's {@code scheduling_policy}. */
public enum SchedulingOrder {
    /** First come, first served: arrival order; a preempted request goes back to the head of the queue. */
    @JsonProperty("fcfs") FCFS,
    /**
     * By {@link org.llmsim.request.Request#priority()}, smaller first, then by arrival. When KV blocks run out, the
     * running sequence with the lowest priority (largest value, latest arrival) is preempted.
     */
    @JsonProperty("priority") PRIORITY;

    public String yamlName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
