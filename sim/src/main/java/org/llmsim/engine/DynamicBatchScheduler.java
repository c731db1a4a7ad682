package org.llmsim.engine;

import java.util.ArrayDeque;
import java.util.function.Consumer;

import org.llmsim.request.Request;
import org.llmsim.request.RequestStatus;

/**
 * Dynamic batching, as in Triton's dynamic batcher: static batches (see {@link StaticBatchScheduler}), but an idle
 * replica starts the next batch only once {@code max_batch_size} requests wait or the oldest waiting request has
 * waited {@code max_wait_s}. A larger batch amortizes the weight reads of each pass over more requests; the price is
 * up to {@code max_wait_s} of extra queueing at low load.
 *
 * <pre>
 *   arrivals   x     x  x          x x x x (max_batch_size)
 *   batches    |-- max_wait_s --|run ...   |run ...
 * </pre>
 */
final class DynamicBatchScheduler implements BatchScheduler {
    private final StaticBatchScheduler batches;
    private final int maxBatchSize;
    private final double maxWaitS;
    /** Waiting sequences by arrival; entries scheduled or given up are dropped lazily when they reach the head. */
    private final ArrayDeque<Sequence> byArrival = new ArrayDeque<>();

    DynamicBatchScheduler(SchedulerConfig config, KvCacheManager kv, EngineListener listener) {
        this.batches = new StaticBatchScheduler(config, kv, listener);
        this.maxBatchSize = config.maxBatchSize();
        this.maxWaitS = config.maxWaitS();
    }

    @Override
    public void enqueue(Sequence sequence) {
        batches.enqueue(sequence);
        byArrival.addLast(sequence);
    }

    @Override
    public boolean removeWaiting(Request request) {
        return batches.removeWaiting(request); // its entry in byArrival is dropped when it reaches the head
    }

    @Override
    public BatchPlan schedule(double nowS) {
        if (batches.idle() && !(batches.waitingCount() >= maxBatchSize || nowS >= oldestDeadlineS())) {
            return null;
        }
        return batches.schedule(nowS);
    }

    /** When the oldest waiting request has waited {@code max_wait_s}; infinity when none waits. */
    private double oldestDeadlineS() {
        while (!byArrival.isEmpty() && !stillWaiting(byArrival.peekFirst().request)) {
            byArrival.pollFirst();
        }
        return byArrival.isEmpty() ? Double.POSITIVE_INFINITY : byArrival.peekFirst().request.arrivalS() + maxWaitS;
    }

    private static boolean stillWaiting(Request r) {
        return Double.isNaN(r.scheduledS()) && r.status() == RequestStatus.IN_FLIGHT;
    }

    @Override
    public double wakeUpS() {
        if (!batches.idle()) {
            return Double.NaN;
        }
        double deadline = oldestDeadlineS();
        return Double.isInfinite(deadline) ? Double.NaN : deadline;
    }

    @Override
    public void complete(BatchPlan plan, double endS) {
        batches.complete(plan, endS);
    }

    @Override
    public long maxKvTokens(Request request) {
        return batches.maxKvTokens(request);
    }

    @Override
    public int waitingCount() {
        return batches.waitingCount();
    }

    @Override
    public int runningCount() {
        return batches.runningCount();
    }

    @Override
    public void forEachInFlight(Consumer<Request> visitor) {
        batches.forEachInFlight(visitor);
    }
}
