package org.llmsim.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a request picks a replica ({@code cluster.router.policy}). */
public enum RouterPolicy {
    /** Replicas in turn. */
    @JsonProperty("round_robin") ROUND_ROBIN,
    /** A uniformly random replica (its own random stream). */
    @JsonProperty("random") RANDOM,
    /** The replica with the fewest requests waiting or running; ties go to the next replica in turn. */
    @JsonProperty("least_outstanding") LEAST_OUTSTANDING;

    public String yamlName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
