package org.llmsim.planning;

import java.util.List;

import org.llmsim.hardware.Dtype;

/**
 * One deployment shape the planner tries for a pool: GPU, weight format, tensor-parallel size and batch limit, and,
 * when the plan searches them, pipeline stages, data-parallel ranks and expert parallelism; the replica count is
 * searched. A null parallel field is not searched: the pool keeps what it writes, and the shape does not set it
 * (so a plan without those axes writes the same scenarios as before they existed).
 *
 * @param gpu              GPU profile id or path
 * @param weightDtype      weight format
 * @param tensorParallel   tensor-parallel GPUs per stage
 * @param maxBatchSize     scheduler {@code max_batch_size} (per data-parallel rank)
 * @param pipelineParallel pipeline stages, or null (the pool's own)
 * @param dataParallel     data-parallel ranks, or null (the pool's own)
 * @param expertParallel   expert parallelism, or null (the pool's own)
 */
public record Candidate(String gpu, Dtype weightDtype, int tensorParallel, int maxBatchSize, Integer pipelineParallel,
        Integer dataParallel, Boolean expertParallel) {

    /** A shape over GPU, weight format, tensor parallelism and batch limit only. */
    public Candidate(String gpu, Dtype weightDtype, int tensorParallel, int maxBatchSize) {
        this(gpu, weightDtype, tensorParallel, maxBatchSize, null, null, null);
    }

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
        List<String> all = new java.util.ArrayList<>(List.of(p + "gpu=" + gpu,
                p + "weight_dtype=" + weightDtype.yamlName(), p + "tensor_parallel=" + tensorParallel,
                p + "scheduler.max_batch_size=" + maxBatchSize));
        if (pipelineParallel != null) {
            all.add(p + "pipeline_parallel=" + pipelineParallel);
        }
        if (dataParallel != null) {
            all.add(p + "data_parallel=" + dataParallel);
        }
        if (expertParallel != null) {
            all.add(p + "expert_parallel=" + expertParallel);
        }
        return all;
    }

    private static List<String> with(List<String> shape, String... counts) {
        List<String> all = new java.util.ArrayList<>(shape);
        all.addAll(List.of(counts));
        return List.copyOf(all);
    }

    /** "h100-sxm bf16 tp2 batch 256"; searched parallel axes add "pp2", "dp4", "ep" (or "no-ep" for MoE pools). */
    public String label() {
        return gpu + " " + weightDtype.yamlName() + " tp" + tensorParallel
                + (pipelineParallel == null ? "" : " pp" + pipelineParallel)
                + (dataParallel == null ? "" : " dp" + dataParallel)
                + (expertParallel == null ? "" : expertParallel ? " ep" : " no-ep")
                + " batch " + maxBatchSize;
    }
}
