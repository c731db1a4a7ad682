package org.llmsim.engine;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.function.Consumer;

import org.llmsim.request.Request;

/**
 * Iteration-level (continuous) batching, following vLLM's scheduler.
 *
 * <p>Each forward pass:
 * <ol>
 *   <li>Every decoding sequence gets room for one more token. Those that filled their last KV block need a new one;
 *       when there are not enough free blocks, the newest running sequence is preempted by recompute (its blocks are
 *       freed and it goes back to the front of the waiting queue, to prefill its prompt and the outputs so far
 *       again) until the rest fit.</li>
 *   <li>If nothing was preempted, waiting prompts are admitted first-come first-served while the batch stays within
 *       {@code max_batch_size} sequences and {@code max_batched_tokens} tokens (decodes count one token each) and
 *       their KV blocks are free. The queue head is never skipped, so a large prompt cannot starve. A prompt larger
 *       than the token budget runs alone when nothing else is running.</li>
 * </ol>
 * A prefill produces the sequence's first output token at the end of the pass; from the next pass on it decodes.
 */
final class ContinuousBatchScheduler implements BatchScheduler {
    private final SchedulerConfig config;
    private final KvCacheManager kv;
    private final EngineListener listener;
    private final ArrayDeque<Sequence> waiting = new ArrayDeque<>();
    private final DecodeSet decoding;
    private Sequence[] prefillBuffer = new Sequence[16];
    private int[] prefillTokenBuffer = new int[16];

    ContinuousBatchScheduler(SchedulerConfig config, KvCacheManager kv, EngineListener listener) {
        this.config = config;
        this.kv = kv;
        this.listener = listener;
        this.decoding = new DecodeSet(kv.blockSize());
    }

    @Override
    public void enqueue(Sequence sequence) {
        waiting.addLast(sequence);
    }

    @Override
    public boolean removeWaiting(Request request) {
        return Sequence.removeRequest(waiting, request);
    }

    @Override
    public BatchPlan schedule(double nowS) {
        boolean preempted = reserveDecodeSlots(nowS);
        int decodes = decoding.size();
        long attended = decoding.nextStepAttendedTokens();
        long newTokens = decodes;
        long kvRead = attended;
        int prefills = 0;
        if (!preempted) {
            int tokenBudget = config.maxBatchedTokens() - decodes;
            int slots = config.maxBatchSize() - decodes;
            while (slots > 0 && !waiting.isEmpty()) {
                Sequence next = waiting.peekFirst();
                int tokens = next.prefillTokens();
                boolean aloneInPass = decodes == 0 && prefills == 0;
                if (tokens > tokenBudget && !aloneInPass) {
                    break;
                }
                if (!kv.tryAllocate(kv.blocksFor(tokens))) {
                    break;
                }
                waiting.pollFirst();
                next.request.markScheduled(nowS);
                addPrefill(prefills++, next, tokens);
                tokenBudget -= tokens;
                slots--;
                newTokens += tokens;
                attended += BatchPlan.causalPairs(tokens);
                kvRead += tokens;
            }
        }
        if (decodes == 0 && prefills == 0) {
            return null;
        }
        Sequence[] planned = prefills == 0 ? BatchPlan.NO_SEQUENCES : Arrays.copyOf(prefillBuffer, prefills);
        int[] plannedTokens = prefills == 0 ? BatchPlan.NO_TOKENS : Arrays.copyOf(prefillTokenBuffer, prefills);
        return new BatchPlan(decodes, planned, plannedTokens, decodes + prefills, newTokens, attended, kvRead,
                newTokens, decodes + prefills, kv.usedBlocks());
    }

    /**
     * Allocates the KV blocks the decoding sequences need for their next token, preempting the newest sequences
     * while blocks are short. Returns whether anything was preempted.
     */
    private boolean reserveDecodeSlots(double nowS) {
        int needed = decoding.blocksNeededNextStep();
        boolean preempted = false;
        while (needed > kv.freeBlocks()) {
            Sequence victim = decoding.newest();
            if (decoding.needsBlockNextStep(victim)) {
                needed--;
            }
            decoding.remove(victim);
            kv.free(kv.blocksFor(victim.kvTokens));
            victim.kvTokens = 0;
            victim.request.markPreempted();
            listener.onPreempted(victim.request, nowS);
            waiting.addFirst(victim);
            preempted = true;
        }
        kv.allocate(needed);
        return preempted;
    }

    private void addPrefill(int index, Sequence sequence, int tokens) {
        if (index == prefillBuffer.length) {
            prefillBuffer = Arrays.copyOf(prefillBuffer, index * 2);
            prefillTokenBuffer = Arrays.copyOf(prefillTokenBuffer, index * 2);
        }
        prefillBuffer[index] = sequence;
        prefillTokenBuffer[index] = tokens;
    }

    @Override
    public void complete(BatchPlan plan, double endS) {
        decoding.advance();
        Sequence done;
        while ((done = decoding.pollFinished()) != null) {
            finish(done, endS);
        }
        Sequence[] prefills = plan.prefills();
        for (int i = 0; i < prefills.length; i++) {
            Sequence s = prefills[i];
            s.kvTokens = plan.prefillTokens()[i];
            s.generated++;
            s.request.markFirstToken(endS);
            if (s.remainingOutput() == 0) {
                finish(s, endS);
            } else {
                decoding.add(s);
            }
        }
    }

    private void finish(Sequence s, double endS) {
        kv.free(kv.blocksFor(s.kvTokens));
        s.request.markFinished(endS);
        listener.onFinished(s.request, endS);
    }

    @Override
    public long maxKvTokens(Request request) {
        return (long) request.inputTokens() + request.outputTokens() - 1;
    }

    @Override
    public int waitingCount() {
        return waiting.size();
    }

    @Override
    public int runningCount() {
        return decoding.size();
    }

    @Override
    public void forEachInFlight(Consumer<Request> visitor) {
        for (Sequence s = decoding.oldest(); s != null; s = s.newer) {
            visitor.accept(s.request);
        }
        for (Sequence s : waiting) {
            visitor.accept(s.request);
        }
    }

    /** Sum of the KV blocks the running sequences hold; equals the cache's used blocks between passes. */
    int blocksHeldByRunning() {
        int blocks = 0;
        for (Sequence s = decoding.oldest(); s != null; s = s.newer) {
            blocks += kv.blocksFor(decoding.kvTokensOf(s));
        }
        return blocks;
    }
}
