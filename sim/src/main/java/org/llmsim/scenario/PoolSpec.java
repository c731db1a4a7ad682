package org.llmsim.scenario;

import org.llmsim.hardware.Dtype;

/**
 * A pool of identical replicas ({@code cluster.pools[i]}): a model on {@code tensor_parallel} GPUs per replica.
 * {@code gpu} and {@code model} are profile ids (files in {@code gpu-profiles/gpus/} and {@code gpu-profiles/models/})
 * or paths to profile files, relative to the scenario file.
 */
public record PoolSpec(String name, String gpu, String model, Integer replicas, Integer tensorParallel,
        Dtype weightDtype, Dtype kvDtype, SchedulerSpec scheduler) {

    public PoolSpec {
        if (replicas == null) {
            replicas = 1;
        }
        if (tensorParallel == null) {
            tensorParallel = 1;
        }
        if (weightDtype == null) {
            weightDtype = Dtype.BF16;
        }
        if (kvDtype == null) {
            kvDtype = Dtype.BF16;
        }
        if (scheduler == null) {
            scheduler = SchedulerSpec.defaults();
        }
    }

    public void validate(String path, Problems p) {
        p.required(path + ".gpu", gpu);
        p.required(path + ".model", model);
        p.atLeast(path + ".replicas", replicas, 1);
        p.atLeast(path + ".tensor_parallel", tensorParallel, 1);
        if (kvDtype == Dtype.INT4 || kvDtype == Dtype.INT8) {
            p.add(path + ".kv_dtype", "must be one of bf16, fp16, fp8, got " + kvDtype.yamlName());
        }
        scheduler.validate(path + ".scheduler", p);
    }
}
