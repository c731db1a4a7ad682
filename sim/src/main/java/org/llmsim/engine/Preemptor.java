package org.llmsim.engine;

import java.util.List;
import java.util.function.Consumer;

/**
 * Evicts running sequences when KV blocks run out (vLLM's {@code _preempt_request}) and resumes swapped ones.
 *
 * <p>The victim: under FCFS order the newest running sequence, a sequence still prefilling (it has produced nothing
 * yet) before a decoding one; under priority order the running sequence served last by
 * {@link WaitingQueue#PRIORITY_ORDER} (largest priority value, then latest arrival), as vLLM does.
 *
 * <p>By recompute, the victim's blocks are released (with prefix caching its full blocks stay cached and may be hit
 * when it is admitted again) and it returns to the waiting queue, to prefill its prompt and its outputs so far again.
 * By swap, its blocks are copied to host swap space and it waits in a swapped queue that is served before new
 * prompts; it resumes decoding where it stopped once its blocks fit again, after they are copied back. A sequence
 * still prefilling, or one whose blocks do not fit in the swap space, is recomputed.
 */
final class Preemptor {
    private final PreemptionMode mode;
    private final SchedulingOrder order;
    private final SwapSpace swapSpace;
    private final KvCacheManager kv;
    private final EngineListener listener;
    private final WaitingQueue swapped;

    Preemptor(SchedulerConfig config, SwapSpace swapSpace, KvCacheManager kv, EngineListener listener) {
        this.mode = config.preemption();
        this.order = config.order();
        this.swapSpace = swapSpace;
        this.kv = kv;
        this.listener = listener;
        this.swapped = WaitingQueue.create(order);
    }

    /** The sequence to evict, or null when nothing runs. */
    Sequence pickVictim(List<Sequence> prefilling, DecodeSet decoding) {
        if (order == SchedulingOrder.FCFS) {
            return !prefilling.isEmpty() ? prefilling.get(prefilling.size() - 1) : decoding.newest();
        }
        Sequence victim = decoding.isEmpty() ? null : decoding.lowestPriority();
        for (Sequence s : prefilling) {
            if (victim == null || WaitingQueue.PRIORITY_ORDER.compare(s, victim) >= 0) {
                victim = s;
            }
        }
        return victim;
    }

    /**
     * Evicts {@code victim}, which the caller has taken out of the running batch; {@code decoded} tells whether it
     * was decoding (its latest token came at {@code nowS}) rather than prefilling.
     */
    void preempt(Sequence victim, boolean decoded, double nowS, PassBuilder pass, WaitingQueue waiting) {
        if (decoded) {
            victim.lastTokenS = nowS;
        }
        victim.computedHighWaterTokens = Math.max(victim.computedHighWaterTokens, victim.numComputedTokens);
        victim.request.markPreempted();
        int blocks = kv.blocksFor(victim.numComputedTokens);
        boolean wantsSwap = mode == PreemptionMode.SWAP && decoded;
        if (wantsSwap && swapSpace.tryReserve(blocks)) {
            kv.free(victim);
            victim.swappedBlocks = blocks;
            swapped.append(victim);
            pass.addSwapOut(blocks);
            victim.request.markSwapped();
            listener.onPreempted(victim.request, nowS, PreemptionMode.SWAP, false);
            return;
        }
        kv.free(victim);
        victim.numComputedTokens = 0;
        waiting.prepend(victim);
        listener.onPreempted(victim.request, nowS, PreemptionMode.RECOMPUTE, wantsSwap);
    }

    /**
     * Resumes swapped sequences, in order, while their blocks (and {@code tokens} more tokens: 1, or the tokens a
     * speculative pass emits) fit and the batch has {@code slots} left: their KV is copied back before the pass and
     * they decode in it. Returns how many resumed.
     */
    int swapIn(DecodeSet decoding, int slots, PassBuilder pass, int tokens) {
        int resumed = 0;
        while (resumed < slots && !swapped.isEmpty()) {
            Sequence s = swapped.peek();
            if (!kv.tryAllocate(kv.blocksFor(s.numComputedTokens + tokens))) {
                break;
            }
            swapped.poll();
            swapSpace.release(s.swappedBlocks);
            pass.addSwapIn(s, s.swappedBlocks);
            s.swappedBlocks = 0;
            decoding.add(s);
            resumed++;
        }
        return resumed;
    }

    boolean hasSwapped() {
        return !swapped.isEmpty();
    }

    int swappedCount() {
        return swapped.size();
    }

    void forEachSwapped(Consumer<Sequence> visitor) {
        swapped.forEach(visitor);
    }
}
