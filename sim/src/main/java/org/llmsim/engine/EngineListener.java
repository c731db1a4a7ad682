package org.llmsim.engine;

import org.llmsim.request.Request;

/** What a replica tells the outside world. Implementations must be cheap: these run on the hot path. */
public interface EngineListener {

    /** The request produced its last token at {@code timeS}; its timestamps are final. */
    void onFinished(Request request, double timeS);

    /** The request can never be served by this replica and was dropped at {@code timeS}. */
    void onRejected(Request request, double timeS);

    /** The request lost its KV blocks to make room for others and went back to the waiting queue. */
    void onPreempted(Request request, double timeS);

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

    /** A listener that ignores everything. */
    EngineListener NONE = new EngineListener() {
        @Override
        public void onFinished(Request request, double timeS) {
        }

        @Override
        public void onRejected(Request request, double timeS) {
        }

        @Override
        public void onPreempted(Request request, double timeS) {
        }

        @Override
        public void onIteration(int replica, double startS, double endS, int sequences, long newTokens,
                int outputTokens, int usedBlocks, int totalBlocks) {
        }
    };
}
