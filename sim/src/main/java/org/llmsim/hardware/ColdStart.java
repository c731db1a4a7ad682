package org.llmsim.hardware;

/**
 * How long a new replica takes from being requested to serving its first request when no {@code cold_start_s} is
 * given: a fixed engine start plus the replica's weights read from storage.
 *
 * <pre>
 *   cold start = ENGINE_START_S + (target + draft weight bytes) / LOAD_BYTES_PER_S
 * </pre>
 *
 * Both figures come from one published breakdown of a vLLM cold start of Llama-3.1-8B-Instruct on an L40S with the
 * model and compilation caches on a volume (Tensorfuse, "Reducing GPU Cold Start Time when using vLLM", September
 * 2025): weight loading 18 s for 16 GB, then Dynamo 10 s, graph compilation 13 s, CUDA graph capture 7 s, engine
 * init and imports 34 s. Without those caches the same start took 294 s (61 s of it downloading the weights); set
 * {@code cold_start_s} for such a setup, or for a node that must be provisioned first. The weights are read by the
 * replica as a whole (one volume per node), so tensor parallelism does not shorten the read.
 */
public final class ColdStart {
    /** Engine start besides reading the weights: 10 + 13 + 7 + 34 s (Tensorfuse, cached compile artefacts). */
    public static final double ENGINE_START_S = 64.0;
    /** Weights read into GPU memory from a cached volume: 16.06 GB in 18 s (Tensorfuse, Llama-3.1-8B, bf16). */
    public static final double LOAD_BYTES_PER_S = 16.06e9 / 18.0;

    private ColdStart() {
    }

    /** Seconds from requesting a replica of {@code hardware} to its first forward pass. */
    public static double seconds(ReplicaHardware hardware) {
        double bytes = hardware.weightBytes();
        ReplicaHardware draft = hardware.draftHardware();
        if (draft != null) {
            bytes += draft.weightBytes();
        }
        return ENGINE_START_S + bytes / LOAD_BYTES_PER_S;
    }
}
