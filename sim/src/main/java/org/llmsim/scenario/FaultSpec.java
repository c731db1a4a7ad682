package org.llmsim.scenario;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One injected fault ({@code faults[i]}), chosen by {@code kind:}. Each kind is a record of its own file; a new kind
 * is that record plus one line below. Faults of GPU replicas: {@code replica_crash} ({@link ReplicaCrashFault}) and
 * {@code degraded_gpu} ({@link DegradedGpuFault}).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ReplicaCrashFault.class, name = ReplicaCrashFault.KIND),
        @JsonSubTypes.Type(value = DegradedGpuFault.class, name = DegradedGpuFault.KIND)})
public interface FaultSpec {

    /** The {@code kind:} the fault is written with. */
    String kind();

    /** The pool (GPU or provider) the fault strikes, by name. */
    String pool();

    /** Checks the fault's own fields (that its pool exists is checked where the pools are resolved). */
    void validate(String path, Problems problems);

    /** One line for {@code llmsim validate}. */
    String describe();
}
