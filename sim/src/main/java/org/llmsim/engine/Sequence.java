package org.llmsim.engine;

import java.util.Iterator;

import org.llmsim.request.Request;

/**
 * The engine's state for one request (vLLM's "request" inside the scheduler): how many output tokens it has produced
 * and how many tokens of KV it holds. While it decodes, {@link DecodeSet} derives both from its step counter instead
 * of updating them every iteration.
 */
final class Sequence {
    final Request request;
    /** Admission order on this replica; breaks ties deterministically. */
    final long order;
    /** Output tokens produced so far (valid while not in a decode set). */
    int generated;
    /** Tokens whose KV is in the cache (valid while not in a decode set); 0 after a recompute preemption. */
    long kvTokens;

    // DecodeSet bookkeeping
    boolean decoding;
    long joinStep;
    long kvAtJoin;
    int generatedAtJoin;
    long finishStep;
    Sequence newer;
    Sequence older;

    Sequence(Request request, long order) {
        this.request = request;
        this.order = order;
    }

    /**
     * Tokens the next prefill of this sequence computes: the prompt, plus the outputs produced before a recompute
     * preemption (their KV was dropped and must be rebuilt).
     */
    int prefillTokens() {
        return request.inputTokens() + generated;
    }

    /** Removes the sequence of {@code request} from {@code queue}; returns whether it was there. */
    static boolean removeRequest(Iterable<Sequence> queue, Request request) {
        for (Iterator<Sequence> it = queue.iterator(); it.hasNext(); ) {
            if (it.next().request == request) {
                it.remove();
                return true;
            }
        }
        return false;
    }

    int remainingOutput() {
        return request.outputTokens() - generated;
    }
}
