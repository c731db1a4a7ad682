package org.llmsim.scenario;

import org.llmsim.engine.SchedulerConfig;
import org.llmsim.hardware.MemoryPlan;
import org.llmsim.hardware.ReplicaHardware;

/**
 * A pool after its profiles are resolved and its memory sized: everything needed to build its replicas.
 *
 * @param index     position in {@code cluster.pools}
 * @param name      pool name (default {@code pool-<index>})
 * @param spec      the pool as written, with defaults
 * @param hardware  model, GPU, tensor parallelism and data types of one replica
 * @param memory    how each GPU's memory is spent and how many KV blocks fit
 * @param scheduler resolved scheduler knobs
 */
public record PoolPlan(int index, String name, PoolSpec spec, ReplicaHardware hardware, MemoryPlan memory,
        SchedulerConfig scheduler) {

    public int replicas() {
        return spec.replicas();
    }

    /** GPUs of the whole pool. */
    public int gpus() {
        return spec.replicas() * hardware.gpus();
    }

    /** USD per hour for the whole pool while provisioned. */
    public double usdPerHour() {
        return gpus() * hardware.gpu().priceUsdPerHour();
    }
}
