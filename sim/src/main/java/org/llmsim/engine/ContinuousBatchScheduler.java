package org.llmsim.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.llmsim.request.Request;

/**
 * Iteration-level (continuous) batching, following vLLM's scheduler, with or without chunked prefill.
 *
 * <p>Each forward pass, under a token budget of {@code max_batched_tokens} and at most {@code max_batch_size}
 * sequences:
 * <ol>
 *   <li>Every decoding sequence gets room for one more token. Those that filled their last KV block need a new one;
 *       while there are not enough free blocks, a running sequence is preempted (see {@link Preemptor}).</li>
 *   <li>If nothing was preempted, swapped-out sequences are copied back and decode in this pass.</li>
 *   <li>Decodes take one token of the budget each.</li>
 *   <li>Chunked prefill: prompts already partly computed get their next chunk, as much of the budget as is left.</li>
 *   <li>If nothing was preempted or is waiting in swap, waiting prompts are admitted in queue order (FCFS or
 *       priority). With prefix caching the cached leading blocks of a prompt are taken, not computed. The queue head
 *       is never skipped, so a large prompt cannot starve. Continuous batching computes a prompt whole: the first
 *       prompt of a pass however long (the decodes in the pass wait for it, as they wait for a prefill step in vLLM
 *       without chunked prefill), further ones while they fit what is left of the budget. Chunked prefill gives a
 *       prompt what is left of the budget and continues it in the next passes.</li>
 * </ol>
 * The pass that computes the last chunk of a prompt produces the sequence's next token; from the next pass on it
 * decodes (see {@link DecodeSet}).
 *
 * <p>With speculative decoding every decode scores {@code k + 1} tokens of the budget and emits the accepted ones
 * ({@link SpeculativeDecoding}). In a disaggregated pool a prefill replica hands each computed prompt on instead of
 * decoding it, and a decode replica admits prompts whose KV arrived, before anything else waiting, as it does swapped
 * sequences.
 *
 * <pre>
 *   budget  | decode decode ... decode | chunk of prompt A (continued) | chunk of prompt B (new) |
 * </pre>
 *
 * <p>Prefill first (vLLM V0 without chunked prefill, SGLang): while prompts wait and fit, a pass computes prompts (or
 * chunks of the budget's size) and nothing else, and the running answers stall; otherwise it decodes. A decode pass of
 * a multi-step scheduler ({@code num_scheduler_steps} n) runs n steps, each sequence adding n tokens (fewer when its
 * answer ends), before the queue is looked at again.
 */
final class ContinuousBatchScheduler implements BatchScheduler {
    /** What {@link #continuePrefills} returns when a chunk's blocks are not free. */
    private static final int BLOCKED = Integer.MIN_VALUE;

    private final SchedulerConfig config;
    private final boolean chunkedPrefill;
    /** Prompts in passes of their own, before any decode (vLLM V0, SGLang). */
    private final boolean prefillFirst;
    /** Decode steps per decode pass (multi-step scheduling), 1 normally. */
    private final int decodeSteps;
    private final KvCacheManager kv;
    private final EngineListener listener;
    private final WaitingQueue waiting;
    private final DecodeSet decoding;
    /** Sequences with part of their prompt computed (chunked prefill only), in admission order; rarely more than one. */
    private final List<Sequence> prefilling = new ArrayList<>();
    private final Preemptor preemptor;
    private final PassBuilder pass = new PassBuilder();
    private final SpeculativeDecoding speculative;
    /**
     * Measured sequences that began (or resumed) decoding after the last pass with decodes: their next token's gap runs
     * from their own previous token, not from that pass.
     */
    private final List<Sequence> newlyDecoding = new ArrayList<>();
    /** End of the last pass with decodes; NaN before the first. Prompt-only passes since then stalled the answers. */
    private double lastDecodeEndS = Double.NaN;
    /** Sequences whose KV arrived from a prefill replica, waiting for room to decode (disaggregation). */
    private final ArrayDeque<Sequence> migrated = new ArrayDeque<>();
    /** Where computed prompts go on a prefill replica of a disaggregated pool; null otherwise. */
    private PrefillHandoff handoff;

    ContinuousBatchScheduler(SchedulerConfig config, KvCacheManager kv, EngineListener listener) {
        this(config, kv, SwapSpace.NONE, listener, SpeculativeDecoding.NONE);
    }

    ContinuousBatchScheduler(SchedulerConfig config, KvCacheManager kv, SwapSpace swapSpace, EngineListener listener) {
        this(config, kv, swapSpace, listener, SpeculativeDecoding.NONE);
    }

    ContinuousBatchScheduler(SchedulerConfig config, KvCacheManager kv, SwapSpace swapSpace, EngineListener listener,
            SpeculativeDecoding speculative) {
        this.speculative = speculative;
        this.config = config;
        this.prefillFirst = config.policy() == BatchingPolicy.PREFILL_FIRST;
        // prefill first splits a prompt longer than the budget too (SGLang's chunked prefill); vLLM V0's budget is at
        // least the longest prompt, so its prompts stay whole
        this.chunkedPrefill = config.policy() == BatchingPolicy.CHUNKED_PREFILL || prefillFirst;
        this.decodeSteps = prefillFirst ? config.schedulerSteps() : 1;
        this.kv = kv;
        this.listener = listener;
        this.waiting = WaitingQueue.create(config.order());
        this.decoding = new DecodeSet(kv.blockSize(), config.order() == SchedulingOrder.PRIORITY);
        this.preemptor = new Preemptor(config, swapSpace, kv, listener);
    }

    @Override
    public void enqueue(Sequence sequence) {
        waiting.append(sequence);
    }

    @Override
    public boolean removeWaiting(Request request) {
        return Sequence.removeRequest(waiting, request);
    }

    @Override
    public void handOffPrefillsTo(PrefillHandoff target) {
        this.handoff = target;
    }

    @Override
    public void acceptPrefilled(Sequence sequence) {
        migrated.add(sequence);
    }

    @Override
    public BatchPlan schedule(double nowS) {
        pass.reset();
        if (prefillFirst) {
            BatchPlan prompts = schedulePromptsOnly(nowS);
            if (prompts != null) {
                return prompts;
            }
            pass.reset();
        }
        int accepted = speculative.enabled() ? speculative.drawAcceptedTokens() : decodeSteps;
        boolean preempted = reserveDecodeSlots(nowS, accepted);
        int steady = decoding.measuredSize();
        for (int i = 0; i < newlyDecoding.size(); i++) {
            Sequence s = newlyDecoding.get(i);
            if (s.decoding) { // not preempted since
                steady--;
                pass.addJoined(s);
            }
        }
        newlyDecoding.clear();
        pass.steadySince(lastDecodeEndS);
        boolean idle = decoding.isEmpty() && prefilling.isEmpty();
        if ((!preempted || idle) && preemptor.hasSwapped()) {
            preemptor.swapIn(decoding, config.maxBatchSize() - decoding.size() - prefilling.size(), pass, accepted);
        }
        if ((!preempted || idle) && !migrated.isEmpty()) {
            admitMigrated(config.maxBatchSize() - decoding.size() - prefilling.size(), accepted);
        }
        if (speculative.enabled()) {
            pass.addVerifyDecodes(decoding.size(), decoding.kvTokens(), steady, speculative.scoredTokens(), accepted);
        } else {
            pass.addDecodes(decoding.size(), decoding.nextStepAttendedTokens(), steady, decodeSteps);
        }
        if (prefillFirst) {
            return pass.isEmpty() ? null : pass.build(kv.usedBlocks());
        }
        int tokenBudget = config.maxBatchedTokens() - decoding.size() * speculative.scoredTokens();
        int budgetLeft = continuePrefills(tokenBudget);
        while (budgetLeft == BLOCKED && pass.isEmpty()) {
            // Only partly computed prompts hold the blocks and none can go on: give up the newest one.
            preemptLastPrefill(nowS);
            budgetLeft = continuePrefills(tokenBudget);
        }
        boolean blocked = budgetLeft == BLOCKED;
        idle = decoding.isEmpty() && prefilling.isEmpty();
        if ((!preempted || idle) && !blocked && !preemptor.hasSwapped()) {
            admitWaiting(nowS, budgetLeft);
        }
        if (pass.isEmpty()) {
            return null;
        }
        return pass.build(kv.usedBlocks());
    }

    /**
     * A pass of prompts only, when prompts wait (or are half computed) and at least one chunk fits; null otherwise.
     * Swapped-out sequences go first: they come back in a decode pass, as in vLLM V0.
     */
    private BatchPlan schedulePromptsOnly(double nowS) {
        if (preemptor.hasSwapped() || (prefilling.isEmpty() && waiting.isEmpty())) {
            return null;
        }
        int budgetLeft = continuePrefills(config.maxBatchedTokens());
        if (budgetLeft != BLOCKED) {
            admitWaiting(nowS, budgetLeft);
        }
        return pass.isEmpty() ? null : pass.build(kv.usedBlocks());
    }

    /**
     * Allocates the KV blocks the decoding sequences need for their next {@code tokens} tokens, preempting while
     * blocks are short. Returns whether anything was preempted.
     */
    private boolean reserveDecodeSlots(double nowS, int tokens) {
        int needed = tokens == 1 ? decoding.blocksNeededNextStep() : decoding.blocksNeededOverNext(tokens);
        boolean preempted = false;
        while (needed > kv.freeBlocks()) {
            Sequence victim = preemptor.pickVictim(prefilling, decoding);
            boolean decoded = victim.decoding;
            if (decoded) {
                if (tokens > 1) {
                    needed -= decoding.blocksNeededBy(victim, tokens);
                } else if (decoding.needsBlockNextStep(victim)) {
                    needed--;
                }
                decoding.remove(victim);
            } else {
                prefilling.remove(victim);
            }
            preemptor.preempt(victim, decoded, nowS, pass, waiting);
            preempted = true;
        }
        kv.allocate(needed);
        return preempted;
    }

    /**
     * Lets sequences whose KV arrived from a prefill replica decode, in arrival order, while their KV (and room for
     * {@code tokens} more) fits and the batch has {@code slots} left.
     */
    private void admitMigrated(int slots, int tokens) {
        while (slots > 0 && !migrated.isEmpty()) {
            Sequence s = migrated.peek();
            long prompt = s.request.inputTokens();
            if (!kv.tryAllocate(kv.blocksFor(prompt + tokens))) {
                break;
            }
            migrated.poll();
            s.numComputedTokens = prompt;
            decoding.add(s);
            pass.addJoined(s);
            slots--;
        }
    }

    /** Gives the partly computed prompts their next chunks; returns the budget left, or BLOCKED if blocks ran out. */
    private int continuePrefills(int tokenBudget) {
        int slots = config.maxBatchSize() - decoding.size();
        for (int i = 0; i < prefilling.size(); i++) {
            if (tokenBudget <= 0 || slots == 0) {
                return tokenBudget;
            }
            Sequence s = prefilling.get(i);
            int chunk = (int) Math.min(s.remainingPrefillTokens(), tokenBudget);
            if (!kv.allocateSlots(s, KvCacheManager.PrefixHit.NONE, chunk)) {
                return BLOCKED;
            }
            pass.addPrefill(s, chunk);
            tokenBudget -= chunk;
            slots--;
        }
        return tokenBudget;
    }

    private void preemptLastPrefill(double nowS) {
        Sequence victim = prefilling.remove(prefilling.size() - 1);
        preemptor.preempt(victim, false, nowS, pass, waiting);
    }

    /** Admits waiting prompts in queue order while the budget, the batch limit and the free blocks allow. */
    private void admitWaiting(double nowS, int tokenBudget) {
        int slots = config.maxBatchSize() - decoding.size() - prefilling.size();
        while (slots > 0 && !waiting.isEmpty()) {
            Sequence next = waiting.peek();
            KvCacheManager.PrefixHit hit = kv.findCachedPrefix(next);
            long remaining = next.prefillTokens() - hit.tokens();
            long chunk;
            if (chunkedPrefill) {
                if (tokenBudget <= 0) {
                    break;
                }
                chunk = Math.min(remaining, tokenBudget);
            } else {
                // The first prompt of a pass is computed whole however long it is; the decodes wait for it.
                if (remaining > tokenBudget && pass.prefillCount() > 0) {
                    break;
                }
                chunk = remaining;
            }
            if (!kv.allocateSlots(next, hit, chunk)) {
                break;
            }
            waiting.poll();
            Request r = next.request;
            if (kv.prefixCaching()) {
                boolean first = Double.isNaN(r.scheduledS());
                if (first) {
                    r.markCachedTokens((int) hit.tokens());
                }
                if (next.measured) {
                    listener.onPrefixCacheLookup(r, next.prefillTokens(), hit.tokens(), first);
                }
            }
            r.markScheduled(nowS);
            pass.addPrefill(next, (int) chunk);
            if (chunk < remaining) {
                prefilling.add(next);
            }
            tokenBudget -= (int) chunk;
            slots--;
        }
    }

    @Override
    public void complete(BatchPlan plan, double endS) {
        // a prefill-first pass of prompts only leaves the running answers where they were
        if (plan.decodeTokens() > 0) {
            lastDecodeEndS = endS;
            if (plan.acceptedTokens() == 1) {
                decoding.advance();
            } else {
                decoding.advance(plan.acceptedTokens());
            }
            Sequence done;
            while ((done = decoding.pollFinished()) != null) {
                finish(done, endS);
            }
        }
        for (Sequence s : plan.preemption().swappedIn()) {
            tokenAfterGap(s, endS);
        }
        for (Sequence s : plan.joined()) {
            tokenAfterGap(s, endS);
        }
        Sequence[] prefills = plan.prefills();
        for (int i = 0; i < prefills.length; i++) {
            Sequence s = prefills[i];
            s.numComputedTokens += plan.prefillTokens()[i];
            if (s.numComputedTokens < s.prefillTokens()) {
                continue; // more chunks to come
            }
            if (chunkedPrefill) {
                prefilling.remove(s);
            }
            if (handoff != null && s.generated == 0 && s.request.outputTokens() > 1) {
                // a prefill replica: the KV goes to a decode replica, which delivers the first token with it
                kv.free(s);
                s.numComputedTokens = 0;
                handoff.prefilled(s.request, endS);
                continue;
            }
            if (s.generated == 0) {
                s.request.markFirstToken(endS);
            } else {
                tokenAfterGap(s, endS); // resumed after a recompute preemption
            }
            s.generated++;
            if (s.remainingOutput() == 0) {
                finish(s, endS);
            } else {
                decoding.add(s);
                if (s.measured) {
                    s.lastTokenS = endS;
                    newlyDecoding.add(s);
                }
            }
        }
    }

    /** A token of a sequence that resumed after a preemption: its gap since its previous token. */
    private void tokenAfterGap(Sequence s, double endS) {
        if (s.measured) {
            listener.onTokenGaps(endS - s.lastTokenS, 1);
        }
    }

    private void finish(Sequence s, double endS) {
        // a sequence that finished inside a speculative pass holds blocks past its last token: they are freed, but
        // only its real tokens (the prompt and every output but the last) can be kept as cached content
        kv.free(s, (long) s.request.inputTokens() + s.request.outputTokens() - 1);
        s.request.markFinished(endS);
        listener.onFinished(s.request, endS);
    }

    /**
     * Its prompt and output but the last token, plus the slots of a speculative pass's proposals or of a multi-step
     * pass's steps past its end.
     */
    @Override
    public long maxKvTokens(Request request) {
        return (long) request.inputTokens() + request.outputTokens() - 1 + speculative.k() + decodeSteps - 1;
    }

    @Override
    public int waitingCount() {
        return waiting.size() + preemptor.swappedCount() + migrated.size();
    }

    @Override
    public int runningCount() {
        return decoding.size() + prefilling.size();
    }

    @Override
    public void forEachInFlight(Consumer<Request> visitor) {
        for (Sequence s = decoding.oldest(); s != null; s = s.newer) {
            visitor.accept(s.request);
        }
        for (Sequence s : prefilling) {
            visitor.accept(s.request);
        }
        preemptor.forEachSwapped(s -> visitor.accept(s.request));
        for (Sequence s : migrated) {
            visitor.accept(s.request);
        }
        for (Sequence s : waiting) {
            visitor.accept(s.request);
        }
    }

    /** Sum of the KV blocks the running sequences hold: the cache's used blocks between passes, without prefix caching. */
    int blocksHeldByRunning() {
        int blocks = 0;
        for (Sequence s = decoding.oldest(); s != null; s = s.newer) {
            blocks += kv.blocksFor(decoding.kvTokensOf(s));
        }
        for (Sequence s : prefilling) {
            blocks += kv.blocksFor(s.numComputedTokens);
        }
        return blocks;
    }
}
