package org.llmsim.engine;

/**
 * Where a replica is in its life. A fixed pool's replicas serve from start to end; an autoscaled pool starts and
 * drains them; a crash sends one back through a restart.
 *
 * <pre>
 *   STOPPED --provision--> COLD --ready--> SERVING --drain--> DRAINING --empty--> STOPPED
 *                                            |  ^
 *                                      crash v  | ready (after restart_s)
 *                                           CRASHED
 * </pre>
 *
 * Every state but {@link #STOPPED} is provisioned (paid). {@link #COLD} and {@link #CRASHED} replicas load the model:
 * they hold requests routed to them when nothing in their pool serves, and run no pass until ready.
 */
public enum ReplicaState {
    /** Not provisioned: costs nothing, takes no requests. */
    STOPPED,
    /** Provisioned and loading the model (cold start). */
    COLD,
    /** Running forward passes and taking new requests. */
    SERVING,
    /** Taking no new requests; finishes those it holds, then stops. */
    DRAINING,
    /** Crashed: its KV and requests are gone; restarting (provisioned, loading the model again). */
    CRASHED;

    /** Whether the replica is paid for. */
    public boolean provisioned() {
        return this != STOPPED;
    }

    /** Whether the replica runs forward passes. */
    public boolean runsPasses() {
        return this == SERVING || this == DRAINING;
    }
}
