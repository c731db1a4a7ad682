package org.llmsim.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

import org.llmsim.request.Request;

/**
 * Static batching, as in request-level servers before continuous batching: when idle, the replica takes up to
 * {@code max_batch_size} waiting requests in queue order (as many as their KV reservations allow; memory, not a token
 * budget, limits a static batch), pads their prompts to the longest one, reserves KV for the longest prompt plus the
 * largest output a request may ask for, and runs the batch until its longest output is produced.
 * Finished sequences keep computing padding until then, and no request joins a running batch: the waste that
 * continuous batching removes.
 */
final class StaticBatchScheduler implements BatchScheduler {
    private final SchedulerConfig config;
    private final KvCacheManager kv;
    private final EngineListener listener;
    private final WaitingQueue waiting;

    /** The running batch, sorted by output length; empty when idle. */
    private final List<Sequence> batch = new ArrayList<>();
    private int paddedPrompt;
    private int longestOutput;
    private int reservedBlocks;
    /** Output tokens produced by every sequence of the batch so far (0 before the prefill). */
    private int producedPerSequence;
    /** Index into {@code batch} of the first sequence not yet finished. */
    private int nextToFinish;
    /** Measured sequences of the batch not yet finished. */
    private int measuredActive;

    StaticBatchScheduler(SchedulerConfig config, KvCacheManager kv, EngineListener listener) {
        this.config = config;
        this.kv = kv;
        this.listener = listener;
        this.waiting = WaitingQueue.create(config.order());
    }

    @Override
    public void enqueue(Sequence sequence) {
        waiting.append(sequence);
    }

    /** Whether no batch is running (the next {@link #schedule} forms one from the queue). */
    boolean idle() {
        return batch.isEmpty();
    }

    @Override
    public boolean removeWaiting(Request request) {
        return Sequence.removeRequest(waiting, request);
    }

    @Override
    public BatchPlan schedule(double nowS) {
        if (batch.isEmpty() && !formBatch(nowS)) {
            return null;
        }
        int n = batch.size();
        int active = n - nextToFinish;
        if (producedPerSequence == 0) {
            return BatchPlan.prompts(n, paddedPrompt, kv.usedBlocks());
        }
        // Decode step k feeds token k; every padded sequence attends to paddedPrompt + k tokens.
        long context = (long) paddedPrompt + producedPerSequence;
        return BatchPlan.decodes(n, n * context, active, kv.usedBlocks(), measuredActive);
    }

    private boolean formBatch(double nowS) {
        int padded = 0;
        while (batch.size() < config.maxBatchSize() && !waiting.isEmpty()) {
            int prompt = Math.max(padded, waiting.peek().prefillTokens());
            long blocks = (long) (batch.size() + 1) * blocksPerSequence(prompt);
            if (blocks > kv.freeBlocks()) {
                break;
            }
            padded = prompt;
            Sequence s = waiting.poll();
            s.request.markScheduled(nowS);
            batch.add(s);
        }
        if (batch.isEmpty()) {
            return false;
        }
        batch.sort(Comparator.comparingInt((Sequence s) -> s.request.outputTokens()).thenComparingLong(s -> s.order));
        paddedPrompt = padded;
        longestOutput = batch.get(batch.size() - 1).request.outputTokens();
        reservedBlocks = batch.size() * blocksPerSequence(padded);
        kv.allocate(reservedBlocks);
        producedPerSequence = 0;
        nextToFinish = 0;
        measuredActive = 0;
        for (Sequence s : batch) {
            measuredActive += s.measured ? 1 : 0;
        }
        return true;
    }

    private int blocksPerSequence(int paddedPromptTokens) {
        return kv.blocksFor((long) paddedPromptTokens + config.outputTokenCap() - 1);
    }

    @Override
    public void complete(BatchPlan plan, double endS) {
        producedPerSequence++;
        if (producedPerSequence == 1) {
            for (Sequence s : batch) {
                s.request.markFirstToken(endS);
            }
        }
        while (nextToFinish < batch.size()
                && batch.get(nextToFinish).request.outputTokens() <= producedPerSequence) {
            Sequence s = batch.get(nextToFinish++);
            measuredActive -= s.measured ? 1 : 0;
            s.request.markFinished(endS);
            listener.onFinished(s.request, endS);
        }
        if (producedPerSequence >= longestOutput) {
            kv.free(reservedBlocks);
            batch.clear();
            reservedBlocks = 0;
            nextToFinish = 0;
            producedPerSequence = 0;
        }
    }

    @Override
    public long maxKvTokens(Request request) {
        return (long) request.inputTokens() + config.outputTokenCap() - 1;
    }

    @Override
    public int waitingCount() {
        return waiting.size();
    }

    @Override
    public int runningCount() {
        return batch.size() - nextToFinish;
    }

    @Override
    public void forEachInFlight(Consumer<Request> visitor) {
        for (int i = nextToFinish; i < batch.size(); i++) {
            visitor.accept(batch.get(i).request);
        }
        for (Sequence s : waiting) {
            visitor.accept(s.request);
        }
    }
}
