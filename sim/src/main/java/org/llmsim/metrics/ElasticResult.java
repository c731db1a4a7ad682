package org.llmsim.metrics;

import java.io.Serializable;
import java.util.List;

/**
 * How a run's fleet changed: autoscaling decisions, cold starts, drains, crashes and restarts, per pool, with every
 * change as a {@link ReplicaEvent}. {@link #NONE} when no pool autoscales and no replica fault is injected.
 *
 * @param pools  per GPU pool that autoscales or has replica faults, in scenario order
 * @param events every change, in time order
 */
public record ElasticResult(List<PoolElastic> pools, List<ReplicaEvent> events) implements Section {
    public static final ElasticResult NONE = new ElasticResult(List.of(), List.of());
    /** A fleet's: per pool name the domains' pools as one, every domain's events ({@link FleetElastic}). */
    public static final SectionType<ElasticResult> TYPE = new SectionType<>("elastic", ElasticResult.class, NONE,
            FleetElastic::merge);

    /** The autoscaling and fault figures of {@code r} ({@link #NONE} for a fixed, healthy fleet). */
    public static ElasticResult of(RunResult r) {
        return TYPE.of(r);
    }

    @Override
    public SectionType<ElasticResult> type() {
        return TYPE;
    }

    /** Whether any pool autoscales. */
    public boolean autoscaled() {
        return pools.stream().anyMatch(PoolElastic::autoscaled);
    }

    /** Whether any replica fault was injected. */
    public boolean faulted() {
        return pools.stream().anyMatch(PoolElastic::faulted);
    }

    /**
     * One pool over the whole run.
     *
     * @param name            pool name
     * @param autoscaled      whether it autoscales
     * @param minReplicas     its floor ({@code min_replicas}; the fixed count without autoscaling)
     * @param maxReplicas     its ceiling ({@code max_replicas}; the fixed count without autoscaling)
     * @param metric          the autoscaling signal, or null
     * @param target          its per-replica target (NaN without autoscaling)
     * @param coldStartS      seconds from requesting a replica to its first pass
     * @param scaleUps        decisions that added replicas (from zero included)
     * @param scaleDowns      decisions that removed replicas (to zero included)
     * @param coldStarts      replicas started (cold starts paid), restarts after crashes not included
     * @param replicasMean    provisioned replicas, time-weighted mean over the simulated span
     * @param replicasMin     fewest provisioned at any time
     * @param replicasMax     most provisioned at any time
     * @param gpuHours        provisioned GPU-hours (cold starts, idle and draining time included)
     * @param gpuUsd          their cost
     * @param faulted         whether a replica fault is injected on the pool
     * @param crashes         replica crashes
     * @param requestsRetried requests a crash sent again through the router
     * @param requestsFailed  requests a crash lost
     * @param degraded        replicas with a degraded GPU at some time
     * @param initialReplicas replicas provisioned and warm at t = 0
     */
    public record PoolElastic(String name, boolean autoscaled, int minReplicas, int maxReplicas, String metric,
            double target, double coldStartS, long scaleUps, long scaleDowns, long coldStarts, double replicasMean,
            int replicasMin, int replicasMax, double gpuHours, double gpuUsd, boolean faulted, long crashes,
            long requestsRetried, long requestsFailed, int degraded, int initialReplicas) implements Serializable {
    }

    /**
     * One change of a pool's replicas.
     *
     * @param timeS       when
     * @param pool        the pool
     * @param event       {@link ReplicaEvent#SCALE_UP}, {@link ReplicaEvent#SCALE_DOWN}, ... (see the constants)
     * @param replica     global index of the replica concerned, or -1 for a decision about the pool
     * @param target      replicas the pool wants after the event (provisioned and not draining)
     * @param provisioned replicas provisioned (paid) after the event
     * @param serving     replicas running passes after the event
     * @param metric      the autoscaling signal of a scale decision, or null
     * @param value       the signal's value per replica (NaN when none)
     * @param reason      why, in words
     */
    public record ReplicaEvent(double timeS, String pool, String event, int replica, int target, int provisioned,
            int serving, String metric, double value, String reason) implements Serializable {
        /** The autoscaler asked for more replicas. */
        public static final String SCALE_UP = "scale_up";
        /** The autoscaler asked for fewer replicas. */
        public static final String SCALE_DOWN = "scale_down";
        /** An idle pool went to zero replicas. */
        public static final String SCALE_TO_ZERO = "scale_to_zero";
        /** A request reached a pool at zero, which started a replica. */
        public static final String SCALE_FROM_ZERO = "scale_from_zero";
        /** A replica finished its cold start and serves. */
        public static final String READY = "ready";
        /** A drained replica stopped (no longer paid). */
        public static final String STOPPED = "stopped";
        /** A replica crashed. */
        public static final String CRASH = "crash";
        /** A crashed replica restarted and serves again. */
        public static final String RECOVERED = "recovered";
    }
}
