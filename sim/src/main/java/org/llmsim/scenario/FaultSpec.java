package org.llmsim.scenario;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One injected fault ({@code faults[i]}), chosen by {@code kind:}. Each kind is a record of its own file; a new kind
 * is that record plus one line below. Faults of GPU replicas: {@code replica_crash} ({@link ReplicaCrashFault}) and
 * {@code degraded_gpu} ({@link DegradedGpuFault}); faults of API providers: {@code provider_outage}
 * ({@link ProviderOutageSpec}) and {@code latency_spike} ({@link LatencySpikeSpec}). The pool a fault names is
 * checked against the scenario's pools when it loads.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ReplicaCrashFault.class, name = ReplicaCrashFault.KIND),
        @JsonSubTypes.Type(value = DegradedGpuFault.class, name = DegradedGpuFault.KIND),
        @JsonSubTypes.Type(value = ProviderOutageSpec.class, name = "provider_outage"),
        @JsonSubTypes.Type(value = LatencySpikeSpec.class, name = "latency_spike")})
public interface FaultSpec {

    /** The {@code kind:} the fault is written with. */
    String kind();

    /** The pool (GPU pool or API provider) the fault strikes, by name. */
    String pool();

    /** Checks the fault's own fields (that its pool exists is checked where the pools are resolved). */
    void validate(String path, Problems problems);

    /** One line for {@code llmsim validate}. */
    String describe();

    /** Whether the fault strikes an API provider (acted out by the gateway) rather than GPU replicas. */
    default boolean strikesProvider() {
        return false;
    }

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
