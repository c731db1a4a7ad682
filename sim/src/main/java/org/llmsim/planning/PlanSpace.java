package org.llmsim.planning;

import java.util.ArrayList;
import java.util.List;

import org.llmsim.hardware.Dtype;
import org.llmsim.scenario.PlanSpec;
import org.llmsim.scenario.PoolSpec;

/**
 * The candidate deployments of {@code llmsim plan}: every combination of GPU, weight format, tensor-parallel size and
 * batch limit, each with 1 to {@code maxReplicas} replicas. Lists come from the command line, else from the
 * scenario's {@code plan:} block, else the pool's own value.
 *
 * @param gpus           GPU profile ids or paths
 * @param weightDtypes   weight formats
 * @param tensorParallel tensor-parallel sizes
 * @param maxBatchSize   batch limits
 * @param maxReplicas    the most replicas a deployment may have
 */
public record PlanSpace(List<String> gpus, List<Dtype> weightDtypes, List<Integer> tensorParallel,
        List<Integer> maxBatchSize, int maxReplicas) {

    public PlanSpace {
        gpus = List.copyOf(gpus);
        weightDtypes = List.copyOf(weightDtypes);
        tensorParallel = List.copyOf(tensorParallel);
        maxBatchSize = List.copyOf(maxBatchSize);
    }

    /**
     * The space for {@code pool}: each list from {@code flags} when given (non-null), else from {@code plan} when
     * the scenario has the block and the list, else the pool's value.
     */
    public static PlanSpace of(PoolSpec pool, PlanSpec plan, PlanSpec flags) {
        PlanSpec none = new PlanSpec(null, null, null, null, null, null);
        PlanSpec p = plan == null ? none : plan;
        PlanSpec f = flags == null ? none : flags;
        return new PlanSpace(
                pick(f.gpus(), p.gpus(), List.of(pool.gpu())),
                pick(f.weightDtypes(), p.weightDtypes(), List.of(pool.weightDtype())),
                pick(f.tensorParallel(), p.tensorParallel(), List.of(pool.tensorParallel())),
                pick(f.maxBatchSize(), p.maxBatchSize(), List.of(pool.scheduler().maxBatchSize())),
                f.maxReplicas() != null ? f.maxReplicas() : p.maxReplicasOrDefault());
    }

    private static <T> List<T> pick(List<T> flag, List<T> block, List<T> own) {
        return flag != null ? flag : block != null ? block : own;
    }

    /** Every shape, GPUs varying slowest. */
    public List<Candidate> candidates() {
        List<Candidate> list = new ArrayList<>();
        for (String gpu : gpus) {
            for (Dtype dtype : weightDtypes) {
                for (int tp : tensorParallel) {
                    for (int batch : maxBatchSize) {
                        list.add(new Candidate(gpu, dtype, tp, batch));
                    }
                }
            }
        }
        return list;
    }
}
