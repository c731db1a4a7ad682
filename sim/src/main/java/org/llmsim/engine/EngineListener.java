package org.llmsim.engine;

import org.llmsim.request.Request;

/**
 * What a replica tells the outside world. Implementations must be cheap: these run on the hot path. The default
 * methods report optional detail (inter-token gaps, prefix cache lookups, the cost of preemptions) and ignore it.
 */
public interface EngineListener {

    /** The request produced its last token at {@code timeS}; its timestamps are final. */
    void onFinished(Request request, double timeS);

    /** The request can never be served by this replica and was dropped at {@code timeS}. */
    void onRejected(Request request, double timeS);

    /**
     * The request lost its place in the KV cache to make room for others: its KV was copied to host memory
     * ({@code mode} swap) or dropped, to be recomputed ({@code mode} recompute); {@code swapSpaceFull} when a swap
     * was asked for but the host swap space had no room.
     */
    void onPreempted(Request request, double timeS, PreemptionMode mode, boolean swapSpaceFull);

    /**
     * One forward pass ran from {@code startS} to {@code endS}.
     *
     * @param replica      global replica index
     * @param sequences    sequences in the batch
     * @param newTokens    tokens computed (prefill plus decode)
     * @param outputTokens output tokens produced
     * @param usedBlocks   KV blocks in use during the pass
     * @param totalBlocks  KV blocks of the replica
     */
    void onIteration(int replica, double startS, double endS, int sequences, long newTokens, int outputTokens,
            int usedBlocks, int totalBlocks);

    /**
     * The pass that ran from {@code startS} to {@code endS} drew {@code watts} on average over all the replica's
     * GPUs (its operators at the power of what bounds each); called right after {@link #onIteration}.
     */
    default void onPassPower(int replica, double startS, double endS, double watts) {
    }

    /**
     * Whether the request's tokens count in the statistics (asked once, when it reaches a replica); the engine then
     * reports {@link #onTokenGaps} and {@link #onPrefixCacheLookup} only for such requests.
     */
    default boolean measures(Request request) {
        return true;
    }

    /**
     * {@code count} output tokens of measured requests each came {@code gapS} seconds after the previous token of
     * the same request (inter-token latency; a whole pass reports its decodes at once).
     */
    default void onTokenGaps(double gapS, long count) {
    }

    /**
     * A measured request was admitted to compute {@code queriedTokens} tokens (its prompt, plus its earlier outputs
     * after a recompute preemption), of which the prefix cache held the first {@code hitTokens}; {@code firstTime}
     * when it had never been scheduled before.
     */
    default void onPrefixCacheLookup(Request request, long queriedTokens, long hitTokens, boolean firstTime) {
    }

    /**
     * A pass of replica {@code replica} spent {@code swapS} seconds copying {@code swappedBytes} bytes of KV to or
     * from host memory, and about {@code recomputeS} seconds recomputing {@code recomputeTokens} tokens whose KV a
     * recompute preemption had dropped.
     */
    default void onPreemptionCost(int replica, double swapS, double swappedBytes, double recomputeS,
            long recomputeTokens) {
    }

    /**
     * A speculative pass of replica {@code replica} started at {@code startS}: {@code decodes} sequences each emit
     * {@code acceptedTokens} tokens (the draft's accepted proposals plus one) of {@code k} proposed; the draft model
     * took {@code draftS} of the pass's {@code passS} seconds.
     */
    default void onSpeculativePass(int replica, double startS, int decodes, int acceptedTokens, int k, double draftS,
            double passS) {
    }

    /**
     * The KV of {@code request}'s prompt, {@code bytes} bytes over all GPUs, crossed from a prefill replica to a decode
     * replica in {@code transferS} seconds (waiting for a busy link included).
     */
    default void onKvTransfer(Request request, double bytes, double transferS) {
    }

    /**
     * The request was lost while being served (its replica crashed and the fault says to lose what it held); its
     * reason is set ({@link Request#failReason()}).
     */
    default void onFailed(Request request, double timeS) {
    }

    /** A listener that ignores everything. */
    EngineListener NONE = new EngineListener() {
        @Override
        public void onFinished(Request request, double timeS) {
        }

        @Override
        public void onRejected(Request request, double timeS) {
        }

        @Override
        public void onPreempted(Request request, double timeS, PreemptionMode mode, boolean swapSpaceFull) {
        }

        @Override
        public void onIteration(int replica, double startS, double endS, int sequences, long newTokens,
                int outputTokens, int usedBlocks, int totalBlocks) {
        }
    };
}
