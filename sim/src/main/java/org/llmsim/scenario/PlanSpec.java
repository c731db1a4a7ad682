package org.llmsim.scenario;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.llmsim.hardware.Dtype;

/**
 * The search space of {@code llmsim plan} ({@code plan:}): candidate values for the planned pool, each list optional
 * (left out: the pool's own value is the only candidate). {@code llmsim run} ignores the block.
 *
 * @param gpus            GPU profile ids (or paths) to try
 * @param weightDtypes    weight formats to try (bf16, fp16, fp8, int8, int4, fp4, mxfp4)
 * @param tensorParallel  tensor-parallel group sizes to try (1..8)
 * @param maxBatchSize    scheduler {@code max_batch_size} values to try
 * @param maxReplicas     the most replicas a deployment may have (default 32)
 * @param targetRps       the arrival rate to plan for, requests per second (the command's {@code --target-rps} wins)
 * @param pipelineParallel pipeline stages per replica to try
 * @param dataParallel    data-parallel ranks per replica to try
 * @param expertParallel  expert parallelism off and/or on (mixtures of experts; needed when data_parallel > 1)
 */
public record PlanSpec(List<String> gpus, List<Dtype> weightDtypes, List<Integer> tensorParallel,
        List<Integer> maxBatchSize, Integer maxReplicas, Double targetRps, List<Integer> pipelineParallel,
        List<Integer> dataParallel, List<Boolean> expertParallel) {

    /** A space over GPU, weight format, tensor parallelism and batch limit only. */
    public PlanSpec(List<String> gpus, List<Dtype> weightDtypes, List<Integer> tensorParallel,
            List<Integer> maxBatchSize, Integer maxReplicas, Double targetRps) {
        this(gpus, weightDtypes, tensorParallel, maxBatchSize, maxReplicas, targetRps, null, null, null);
    }

    /** The most pipeline stages or data-parallel ranks a planned replica may have. */
    public static final int MAX_PARALLEL = 64;

    /** Replicas a planned deployment may have when {@code max_replicas} is left out. */
    public static final int DEFAULT_MAX_REPLICAS = 32;

    /** {@code max_replicas}, or its default. */
    public int maxReplicasOrDefault() {
        return maxReplicas != null ? maxReplicas : DEFAULT_MAX_REPLICAS;
    }

    public void validate(String path, Problems p) {
        list(path + ".gpus", gpus, p);
        list(path + ".weight_dtypes", weightDtypes, p);
        if (list(path + ".tensor_parallel", tensorParallel, p)) {
            for (int i = 0; i < tensorParallel.size(); i++) {
                Integer tp = tensorParallel.get(i);
                if (tp == null || tp < 1 || tp > ScenarioLoader.MAX_TENSOR_PARALLEL) {
                    p.add(path + ".tensor_parallel[" + i + "]", "must be between 1 and "
                            + ScenarioLoader.MAX_TENSOR_PARALLEL + ", got " + tp);
                }
            }
        }
        if (list(path + ".max_batch_size", maxBatchSize, p)) {
            for (int i = 0; i < maxBatchSize.size(); i++) {
                p.atLeast(path + ".max_batch_size[" + i + "]", maxBatchSize.get(i), 1);
            }
        }
        sizes(path + ".pipeline_parallel", pipelineParallel, p);
        sizes(path + ".data_parallel", dataParallel, p);
        list(path + ".expert_parallel", expertParallel, p);
        p.atLeast(path + ".max_replicas", maxReplicas, 1);
        p.positive(path + ".target_rps", targetRps);
    }

    /** Pipeline stages or data-parallel ranks: each between 1 and {@link #MAX_PARALLEL}. */
    private static void sizes(String path, List<Integer> values, Problems p) {
        if (list(path, values, p)) {
            for (int i = 0; i < values.size(); i++) {
                Integer v = values.get(i);
                if (v < 1 || v > MAX_PARALLEL) {
                    p.add(path + "[" + i + "]", "must be between 1 and " + MAX_PARALLEL + ", got " + v);
                }
            }
        }
    }

    /** A list, when given, is non-empty, without empty entries or repeats; returns whether it is given and valid. */
    private static boolean list(String path, List<?> values, Problems p) {
        if (values == null) {
            return false;
        }
        if (values.isEmpty()) {
            p.add(path, "must list at least one value (or be left out: the pool's own value)");
            return false;
        }
        Set<Object> seen = new HashSet<>();
        for (int i = 0; i < values.size(); i++) {
            Object v = values.get(i);
            if (v == null) {
                p.add(path + "[" + i + "]", "is empty");
                return false;
            }
            if (!seen.add(v)) {
                p.add(path + "[" + i + "]", "repeats " + (v instanceof Dtype d ? d.yamlName() : v));
                return false;
            }
        }
        return true;
    }
}
