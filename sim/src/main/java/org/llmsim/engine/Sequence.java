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
    /** Whether its tokens count in the run's statistics (it arrived inside the measurement window). */
    final boolean measured;
    /** Output tokens produced so far (valid while not in a decode set). */
    int generated;
    /**
     * Tokens whose KV is in the cache (vLLM's {@code num_computed_tokens}; valid while not in a decode set): prefix
     * cache hits and computed prompt chunks while prefilling; 0 after a recompute preemption.
     */
    long numComputedTokens;

    // Prefix cache: the leading blocks of the sequence's block table that have a content identity (shared,
    // reference-counted); the blocks after them are private and only counted.
    KvBlock[] cachedBlocks;
    int numCachedBlocks;

    // Preemption
    /** When its latest output token was produced, set when it leaves the running batch (NaN before any token). */
    double lastTokenS = Double.NaN;
    /** The most KV tokens it ever held: tokens recomputed below this mark are the cost of recompute preemption. */
    long computedHighWaterTokens;
    /** KV blocks it holds in host swap space (0 unless swapped out). */
    int swappedBlocks;

    // DecodeSet bookkeeping
    boolean decoding;
    long joinStep;
    long kvAtJoin;
    int generatedAtJoin;
    long finishStep;
    Sequence newer;
    Sequence older;

    Sequence(Request request, long order, boolean measured) {
        this.request = request;
        this.order = order;
        this.measured = measured;
    }

    Sequence(Request request, long order) {
        this(request, order, true);
    }

    /**
     * Tokens the prefill of this sequence computes in all (its target {@code num_computed_tokens} before the next
     * output token): the prompt, plus the outputs produced before a recompute preemption (their KV was dropped and
     * must be rebuilt).
     */
    int prefillTokens() {
        return request.inputTokens() + generated;
    }

    /** Prompt tokens still to compute before the next output token. */
    long remainingPrefillTokens() {
        return prefillTokens() - numComputedTokens;
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
