package org.llmsim.metrics;

/**
 * The live state of one pool, read by the {@link TimeSeriesSampler} once per sampling interval (never on the hot
 * path). Figures are totals over the pool's provisioned replicas at the current instant.
 */
public interface PoolGauges {

    /** Replicas provisioned now (serving or starting). */
    int provisionedReplicas();

    /** Replicas running forward passes now (provisioned ones minus those starting or restarting). */
    default int servingReplicas() {
        return provisionedReplicas();
    }

    /** Requests waiting for a forward pass (new or preempted). */
    int waiting();

    /** Sequences in the running batches. */
    int running();

    /** Fraction of the pool's KV-cache blocks in use, in [0, 1]. */
    double kvUtilization();

    /** Spend rate of the provisioned replicas, USD per hour. */
    double usdPerHour();
}
