package org.llmsim.calibration;

import org.llmsim.scenario.PoolSpec;
import org.llmsim.scenario.Problems;

/**
 * One benchmark: a deployment, written exactly like a scenario pool ({@code gpu}, {@code model},
 * {@code tensor_parallel}, {@code replicas}, {@code weight_dtype}, {@code engine}, {@code scheduler}, ...), and the
 * load a benchmark client puts on it.
 *
 * @param deployment the pool under test
 * @param load       the benchmark client's settings
 */
public record ServeBenchmark(PoolSpec deployment, BenchmarkLoad load) {

    public void validate(String path, Problems p) {
        if (p.required(path + ".deployment", deployment)) {
            deployment.validate(path + ".deployment", p);
        }
        if (p.required(path + ".load", load)) {
            load.validate(path + ".load", p);
        }
    }

    /** The same benchmark on another GPU profile (an id or path). */
    public ServeBenchmark onGpu(String gpu) {
        return new ServeBenchmark(Deployments.with(deployment, java.util.Map.of("gpu", gpu)), load);
    }

    /** "llama-3.1-8b bf16 on 1x h100-sxm (trtllm), 500 prompts at 2 req/s". */
    public String describe() {
        PoolSpec d = deployment;
        String replicas = d.replicas() > 1 ? d.replicas() + " x " : "";
        return replicas + d.model() + " " + d.weightDtype().yamlName() + " on " + d.tensorParallel() + "x " + d.gpu()
                + " (" + d.engine().yamlName() + "), " + load.describe();
    }
}
