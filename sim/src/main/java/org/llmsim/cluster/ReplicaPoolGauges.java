package org.llmsim.cluster;

import java.util.List;

import org.llmsim.engine.Replica;
import org.llmsim.metrics.PoolGauges;

/**
 * The gauges of one pool's replicas, summed on demand over those provisioned: O(replicas) per read, which happens
 * once per sampling interval.
 */
public final class ReplicaPoolGauges implements PoolGauges {
    private final List<Replica> replicas;
    private final double usdPerReplicaHour;

    /**
     * @param replicas          the pool's replicas
     * @param usdPerReplicaHour price of one replica (all its GPUs) per hour
     */
    public ReplicaPoolGauges(List<Replica> replicas, double usdPerReplicaHour) {
        this.replicas = List.copyOf(replicas);
        this.usdPerReplicaHour = usdPerReplicaHour;
    }

    @Override
    public int provisionedReplicas() {
        int n = 0;
        for (Replica r : replicas) {
            n += r.state().provisioned() ? 1 : 0;
        }
        return n;
    }

    @Override
    public int servingReplicas() {
        int n = 0;
        for (Replica r : replicas) {
            n += r.state().runsPasses() ? 1 : 0;
        }
        return n;
    }

    @Override
    public int waiting() {
        int n = 0;
        for (Replica r : replicas) {
            n += r.waitingCount();
        }
        return n;
    }

    @Override
    public int running() {
        int n = 0;
        for (Replica r : replicas) {
            n += r.runningCount();
        }
        return n;
    }

    @Override
    public double kvUtilization() {
        double usedBlocks = 0;
        long totalBlocks = 0;
        for (Replica r : replicas) {
            if (r.state().provisioned()) {
                usedBlocks += r.kvUtilization() * r.kvBlocks();
                totalBlocks += r.kvBlocks();
            }
        }
        return totalBlocks == 0 ? 0 : usedBlocks / totalBlocks;
    }

    @Override
    public double usdPerHour() {
        return provisionedReplicas() * usdPerReplicaHour;
    }
}
