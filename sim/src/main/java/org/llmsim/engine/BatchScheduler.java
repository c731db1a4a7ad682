package org.llmsim.engine;

import java.util.function.Consumer;

import org.llmsim.request.Request;

/** A batching policy of one replica: owns the waiting queue and the running sequences. */
interface BatchScheduler {

    /** Adds a newly arrived sequence to the waiting queue. */
    void enqueue(Sequence sequence);

    /**
     * Removes {@code request} from the waiting queue if it is there and was never scheduled (a client or gateway
     * gave up on it); returns whether it was removed. Linear in the queue, but the requests that give up are the
     * oldest, near its head.
     */
    boolean removeWaiting(Request request);

    /** Plans the next forward pass starting at {@code nowS}; null when there is nothing to run. */
    BatchPlan schedule(double nowS);

    /** Applies a planned pass that ended at {@code endS}: tokens produced, requests finished. */
    void complete(BatchPlan plan, double endS);

    /**
     * When {@link #schedule} returned null although requests wait: the time at which it will return a pass even if
     * nothing else happens (dynamic batching's wait deadline); NaN when only an arrival can start one.
     */
    default double wakeUpS() {
        return Double.NaN;
    }

    /** The most KV tokens the request can ever hold here; a request whose blocks exceed the cache is rejected. */
    long maxKvTokens(Request request);

    /**
     * Makes this a prefill replica of a disaggregated pool: a prompt that completes is handed to {@code handoff}
     * instead of decoding here (a request with a single output token still finishes here).
     */
    default void handOffPrefillsTo(PrefillHandoff handoff) {
        throw new UnsupportedOperationException("this batching policy does not support disaggregated prefill");
    }

    /**
     * Takes a sequence whose prompt a prefill replica computed ({@code generated} 1, its KV arriving with it); it
     * decodes from the next pass that has room for its KV.
     */
    default void acceptPrefilled(Sequence sequence) {
        throw new UnsupportedOperationException("this batching policy does not support disaggregated decode");
    }

    int waitingCount();

    int runningCount();

    /** Visits every request still waiting or running (at the end of a run). */
    void forEachInFlight(Consumer<Request> visitor);
}
