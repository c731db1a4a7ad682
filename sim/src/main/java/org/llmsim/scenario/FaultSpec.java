package org.llmsim.scenario;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A failure injected into a run ({@code faults[i]}), chosen by {@code kind:}. Each kind lives in its own file and is
 * registered below; the pool a fault names is checked against the scenario's pools when it loads.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ProviderOutageSpec.class, name = "provider_outage"),
        @JsonSubTypes.Type(value = LatencySpikeSpec.class, name = "latency_spike")})
public interface FaultSpec {

    /** The {@code kind:} value. */
    String kind();

    /** The pool (GPU pool or API provider) the fault strikes. */
    String pool();

    /** Checks the fault on its own (not the pool it names). */
    void validate(String path, Problems problems);

    /** One line for {@code llmsim validate}. */
    String describe();

    /** Checks what every fault over a time window has: the pool it strikes, its start and its length. */
    static void validateWindow(String path, String pool, Double startS, Double durationS, Problems p) {
        p.required(path + ".pool", pool);
        if (p.required(path + ".start_s", startS)) {
            p.nonNegative(path + ".start_s", startS);
        }
        if (p.required(path + ".duration_s", durationS)) {
            p.positive(path + ".duration_s", durationS);
        }
    }
}
