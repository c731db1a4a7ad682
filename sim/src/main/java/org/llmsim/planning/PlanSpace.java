package org.llmsim.planning;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.llmsim.hardware.Dtype;
import org.llmsim.hardware.GpuProfile;
import org.llmsim.scenario.EngineDefaults;
import org.llmsim.scenario.PlanSpec;
import org.llmsim.scenario.PoolSpec;

/**
 * The candidate deployments of {@code llmsim plan}: every combination of GPU, weight format, tensor-parallel size,
 * batch limit and, when searched, pipeline stages, data-parallel ranks and expert parallelism, each with 1 to
 * {@code maxReplicas} replicas. The parallel axes are searched only when the options or the plan block list them
 * (empty: the pool keeps its own, and shapes do not set them). Lists come from the command line, else from the
 * scenario's {@code plan:} block, else the pool's own value. A pool that leaves its batch limit to the engine
 * gets, on each GPU, the engine's default for that GPU (vLLM's differs between an 80 GB and a 48 GB card).
 *
 * @param gpus           GPU profile ids or paths
 * @param weightDtypes   weight formats
 * @param tensorParallel tensor-parallel sizes
 * @param maxBatchSize   batch limits; empty: each GPU's engine default, from {@code engineDefaultBatch}
 * @param maxReplicas    the most replicas a deployment may have
 * @param engineDefaultBatch the pool engine's batch limit on each GPU of the space
 * @param pipelineParallel pipeline stages; empty: not searched
 * @param dataParallel   data-parallel ranks; empty: not searched
 * @param expertParallel expert parallelism off and/or on; empty: not searched
 */
public record PlanSpace(List<String> gpus, List<Dtype> weightDtypes, List<Integer> tensorParallel,
        List<Integer> maxBatchSize, int maxReplicas, Map<String, Integer> engineDefaultBatch,
        List<Integer> pipelineParallel, List<Integer> dataParallel, List<Boolean> expertParallel) {

    public PlanSpace {
        pipelineParallel = List.copyOf(pipelineParallel);
        dataParallel = List.copyOf(dataParallel);
        expertParallel = List.copyOf(expertParallel);
        gpus = List.copyOf(gpus);
        weightDtypes = List.copyOf(weightDtypes);
        tensorParallel = List.copyOf(tensorParallel);
        maxBatchSize = List.copyOf(maxBatchSize);
        engineDefaultBatch = Collections.unmodifiableMap(new LinkedHashMap<>(engineDefaultBatch));
    }

    /** A space whose batch limits are all given. */
    public PlanSpace(List<String> gpus, List<Dtype> weightDtypes, List<Integer> tensorParallel,
            List<Integer> maxBatchSize, int maxReplicas) {
        this(gpus, weightDtypes, tensorParallel, maxBatchSize, maxReplicas, Map.of());
    }

    /** A space without parallel axes beyond tensor parallelism. */
    public PlanSpace(List<String> gpus, List<Dtype> weightDtypes, List<Integer> tensorParallel,
            List<Integer> maxBatchSize, int maxReplicas, Map<String, Integer> engineDefaultBatch) {
        this(gpus, weightDtypes, tensorParallel, maxBatchSize, maxReplicas, engineDefaultBatch, List.of(), List.of(),
                List.of());
    }

    /**
     * The space for {@code pool}: each list from {@code flags} when given (non-null), else from {@code plan} when
     * the scenario has the block and the list, else the pool's value.
     *
     * @param gpuOf the profile behind each GPU id or path of the space
     */
    public static PlanSpace of(PoolSpec pool, PlanSpec plan, PlanSpec flags, Function<String, GpuProfile> gpuOf) {
        PlanSpec none = new PlanSpec(null, null, null, null, null, null);
        PlanSpec p = plan == null ? none : plan;
        PlanSpec f = flags == null ? none : flags;
        List<String> gpus = pick(f.gpus(), p.gpus(), List.of(pool.gpu()));
        Integer own = pool.scheduler().maxBatchSize();
        Map<String, Integer> defaults = new LinkedHashMap<>();
        for (String gpu : gpus) {
            defaults.put(gpu, EngineDefaults.of(pool.engine(), gpuOf.apply(gpu)).maxBatchSize());
        }
        return new PlanSpace(gpus,
                pick(f.weightDtypes(), p.weightDtypes(), List.of(pool.weightDtype())),
                pick(f.tensorParallel(), p.tensorParallel(), List.of(pool.tensorParallel())),
                pick(f.maxBatchSize(), p.maxBatchSize(), own == null ? List.of() : List.of(own)),
                f.maxReplicas() != null ? f.maxReplicas() : p.maxReplicasOrDefault(), defaults,
                pick(f.pipelineParallel(), p.pipelineParallel(), List.of()),
                pick(f.dataParallel(), p.dataParallel(), List.of()),
                pick(f.expertParallel(), p.expertParallel(), List.of()));
    }

    private static <T> List<T> pick(List<T> flag, List<T> block, List<T> own) {
        return flag != null ? flag : block != null ? block : own;
    }

    /** Every shape, GPUs varying slowest, then weight format, tensor parallelism, pipeline, data, expert, batch. */
    public List<Candidate> candidates() {
        List<Candidate> list = new ArrayList<>();
        for (String gpu : gpus) {
            for (Dtype dtype : weightDtypes) {
                for (int tp : tensorParallel) {
                    for (Integer pp : orNotSearched(pipelineParallel)) {
                        for (Integer dp : orNotSearched(dataParallel)) {
                            for (Boolean ep : orNotSearched(expertParallel)) {
                                for (int batch : maxBatchSize.isEmpty() ? List.of(engineDefaultBatch.get(gpu))
                                        : maxBatchSize) {
                                    list.add(new Candidate(gpu, dtype, tp, batch, pp, dp, ep));
                                }
                            }
                        }
                    }
                }
            }
        }
        return list;
    }

    /** The values of an axis, or one null (the pool's own) when it is not searched. */
    private static <T> List<T> orNotSearched(List<T> values) {
        return values.isEmpty() ? java.util.Collections.singletonList(null) : values;
    }
}
