package org.llmsim.scenario;

import org.llmsim.hardware.GpuProfile;
import org.llmsim.hardware.ModelProfile;

/**
 * Checks of a GPU pool's parallel layout that need its GPU and model profiles: expert parallelism on a mixture of
 * experts only, data parallelism of a mixture of experts with expert parallelism only (vLLM's other way, one
 * tensor-parallel MoE group over every rank's GPUs, is not modelled), at least one expert per GPU, and a network
 * wherever the replica leaves one NVLink domain.
 */
final class ParallelChecks {
    private ParallelChecks() {
    }

    /** Adds a problem for each check that fails; whether all passed. */
    static boolean check(String path, PoolSpec pool, GpuProfile gpu, ModelProfile model, Problems problems) {
        int before = problems.count();
        int tp = pool.tensorParallel();
        int pp = pool.pipelineParallel();
        int dp = pool.dataParallel();
        boolean ep = pool.expertParallel();
        if (ep && !model.isMixtureOfExperts()) {
            problems.add(path + ".expert_parallel", "needs a mixture-of-experts model, and " + model.id()
                    + " is dense (no experts); remove expert_parallel or set it to false");
        }
        if (!ep && dp > 1 && model.isMixtureOfExperts()) {
            problems.add(path + ".data_parallel", "of a mixture of experts (" + model.id() + ") needs "
                    + "expert_parallel: true (experts spread over all data_parallel x tensor_parallel GPUs), got "
                    + "data_parallel " + dp + " without it");
        }
        if (ep && model.isMixtureOfExperts() && dp * tp > model.experts()) {
            problems.add(path + ".expert_parallel", "spreads " + model.id() + "'s " + model.experts() + " experts over "
                    + "data_parallel x tensor_parallel = " + dp * tp + " GPUs, more than one expert each; use at most "
                    + model.experts() + " GPUs per stage");
        }
        int domain = gpu.nvlinkDomainGpusOrDefault();
        int gpus = dp * pp * tp;
        if (gpus > domain && !gpu.hasNetwork()) {
            String field = dp > 1 ? ".data_parallel" : ".pipeline_parallel";
            problems.add(path + field, (dp > 1 ? dp + " ranks of " : "") + pp + " stages of " + tp
                    + " GPUs span more than one NVLink domain of " + domain + " GPUs (nvlink_domain_gpus), and "
                    + gpu.id() + " gives no network_gbps for the links between nodes; add network_gbps to the GPU "
                    + "profile or use at most " + domain + " GPUs per replica");
        }
        return problems.count() == before;
    }
}
