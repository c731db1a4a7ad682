package org.llmsim.app;

import org.llmsim.request.Journey;
import org.llmsim.request.Request;

/**
 * A user request in the application layer, between its admission and its final outcome: what the gateway and its
 * parts carry it with. Each group of fields has one writer, named below.
 */
final class InFlight {
    final Request user;
    final Journey journey;
    /** Whether the user request arrived inside the measured window (its spend is booked as measured). */
    final boolean measured;
    /** Where the request is in its class's pipeline, or null for a single model call. */
    final Pipeline.Run run;

    /** Sizes of the next model call: the request's own, or what a pipeline stage asks (the gateway). */
    int callInput;
    int callOutput;

    /** The tier of the current call and whether the call is an escalation ({@link TierRouting}). */
    Tier tier;
    boolean escalation;

    /**
     * The current call (null between attempts), the pool it went to, the pool's client settings, the attempt's
     * number there and whether it is the breaker's probe ({@link ResilientCaller}).
     */
    Request call;
    Backend backend;
    PoolGuard guard;
    int attempt;
    boolean probe;

    /** @param pipeline the class's pipeline, or null */
    InFlight(Request user, boolean measured, Pipeline pipeline) {
        this.user = user;
        this.journey = Journey.start(user);
        this.measured = measured;
        this.run = pipeline == null ? null : new Pipeline.Run(pipeline, user, journey);
        this.callInput = user.inputTokens();
        this.callOutput = user.outputTokens();
    }
}
