package org.llmsim.scenario;

import org.llmsim.engine.SchedulerConfig;
import org.llmsim.hardware.ColdStart;
import org.llmsim.hardware.MemoryPlan;
import org.llmsim.hardware.ReplicaHardware;
import org.llmsim.pricing.PoolPricing;

/**
 * A pool after its profiles are resolved and its memory sized: everything needed to build its replicas.
 *
 * @param index     position in {@code cluster.pools}
 * @param name      pool name (default {@code pool-<index>})
 * @param spec      the pool as written, with defaults
 * @param hardware  model, GPU, tensor parallelism and data types of one replica
 * @param memory    how each GPU's memory is spent and how many KV blocks fit
 * @param scheduler resolved scheduler knobs
 * @param pricing   how its GPUs are paid for
 */
public record PoolPlan(int index, String name, PoolSpec spec, ReplicaHardware hardware, MemoryPlan memory,
        SchedulerConfig scheduler, PoolPricing pricing) {

    /** A pool on demand at its GPU profile's price. */
    public PoolPlan(int index, String name, PoolSpec spec, ReplicaHardware hardware, MemoryPlan memory,
            SchedulerConfig scheduler) {
        this(index, name, spec, hardware, memory, scheduler,
                PoolPricing.onDemand(hardware.gpu().priceUsdPerHour()));
    }

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

    /**
     * USD per hour for the whole pool with all {@link #replicas()} provisioned, as its pricing bills them (an owned
     * pool's energy by the rated-power fallback).
     */
    public double usdPerHour() {
        int r = replicas();
        return pricing.bill(new PoolPricing.Usage(1, hardware.gpus(), r, r, Math.max(0, r - pricing.committed())),
                pricing.ratedPowerKwh(gpus())).total();
    }

    /**
     * USD per hour of one more provisioned replica (all its GPUs): on demand or spot, its price per GPU-hour; reserved,
     * the on-demand price of a replica beyond the commitment; owned, its share of the pool's hourly cost.
     */
    public double usdPerReplicaHour() {
        return pricing.isOwned() ? usdPerHour() / replicas() : hardware.gpus() * pricing.usdPerGpuHour();
    }
}
