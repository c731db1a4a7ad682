package org.llmsim.scenario;

import org.llmsim.engine.SchedulerConfig;
import org.llmsim.hardware.ColdStart;
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

    /**
     * Replicas the pool is built with (numbered globally in pool order): {@code replicas}, or {@code max_replicas}
     * when the pool autoscales, of which only the provisioned ones run and cost.
     */
    public int replicas() {
        return spec.replicaSlots();
    }

    /** Replicas provisioned and warm at t = 0: {@code replicas} as written (with autoscaling, the initial count). */
    public int initialReplicas() {
        return spec.replicas();
    }

    /** Whether the number of provisioned replicas follows the load. */
    public boolean autoscales() {
        return spec.autoscale() != null;
    }

    /**
     * Seconds from requesting a replica to its first forward pass: {@code autoscale.cold_start_s}, else derived from
     * the weights ({@link ColdStart}). A crashed replica restarts in the same time unless its fault says otherwise.
     */
    public double coldStartS() {
        AutoscaleSpec a = spec.autoscale();
        return a != null && a.coldStartS() != null ? a.coldStartS() : ColdStart.seconds(hardware);
    }

    /** GPUs of the whole pool ({@link #replicas()} of them). */
    public int gpus() {
        return replicas() * hardware.gpus();
    }

    /** USD per hour for the whole pool while provisioned ({@link #replicas()} of them). */
    public double usdPerHour() {
        return gpus() * hardware.gpu().priceUsdPerHour();
    }

    /** USD per hour of one provisioned replica (all its GPUs). */
    public double usdPerReplicaHour() {
        return hardware.gpus() * hardware.gpu().priceUsdPerHour();
    }
}
