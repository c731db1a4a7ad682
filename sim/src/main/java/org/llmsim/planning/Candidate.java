package org.llmsim.planning;

import java.util.List;

import org.llmsim.hardware.Dtype;

/**
 * One deployment shape the planner tries for a pool: GPU, weight format, tensor-parallel size and batch limit; the
 * replica count is searched.
 *
 * @param gpu            GPU profile id or path
 * @param weightDtype    weight format
 * @param tensorParallel GPUs per replica
 * @param maxBatchSize   scheduler {@code max_batch_size}
 */
public record Candidate(String gpu, Dtype weightDtype, int tensorParallel, int maxBatchSize) {

    /** The {@code --set} assignments that give pool {@code pool} this shape and {@code replicas} replicas. */
    public List<String> assignments(int pool, int replicas) {
        String p = prefix(pool);
        return with(shape(p), p + "replicas=" + replicas);
    }

    /**
     * The assignments for an autoscaled pool: {@code replicas} becomes its ceiling ({@code autoscale.max_replicas});
     * its floor and the replicas warm at the start are kept, lowered to the ceiling when above it.
     *
     * @param minReplicas     the pool's {@code autoscale.min_replicas} as written
     * @param initialReplicas the pool's {@code replicas} (warm at t = 0) as written
     */
    public List<String> autoscaledAssignments(int pool, int replicas, int minReplicas, int initialReplicas) {
        String p = prefix(pool);
        return with(shape(p), p + "autoscale.max_replicas=" + replicas,
                p + "autoscale.min_replicas=" + Math.min(minReplicas, replicas),
                p + "replicas=" + Math.min(initialReplicas, replicas));
    }

    private static String prefix(int pool) {
        return "cluster.pools[" + pool + "].";
    }

    /** The assignments of the shape itself, for the pool at {@code p}. */
    private List<String> shape(String p) {
        return List.of(p + "gpu=" + gpu, p + "weight_dtype=" + weightDtype.yamlName(),
                p + "tensor_parallel=" + tensorParallel, p + "scheduler.max_batch_size=" + maxBatchSize);
    }

    private static List<String> with(List<String> shape, String... counts) {
        List<String> all = new java.util.ArrayList<>(shape);
        all.addAll(List.of(counts));
        return List.copyOf(all);
    }

    /** "h100-sxm bf16 tp2 batch 256". */
    public String label() {
        return gpu + " " + weightDtype.yamlName() + " tp" + tensorParallel + " batch " + maxBatchSize;
    }
}
