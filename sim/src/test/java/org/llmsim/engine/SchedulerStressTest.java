package org.llmsim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.llmsim.request.Request;

/**
 * Every combination of chunking, order, preemption mode and prefix caching, driven by hand on a cache too small for
 * the load, with the invariants checked after every pass: blocks are conserved, every request finishes with all its
 * tokens, and at the end no block is referenced.
 */
class SchedulerStressTest {

    @ParameterizedTest(name = "{0} {1} {2} caching={3}")
    @CsvSource({
            "CONTINUOUS, FCFS, RECOMPUTE, false", "CONTINUOUS, FCFS, SWAP, true",
            "CONTINUOUS, PRIORITY, RECOMPUTE, true", "CONTINUOUS, PRIORITY, SWAP, false",
            "CHUNKED_PREFILL, FCFS, RECOMPUTE, true", "CHUNKED_PREFILL, FCFS, SWAP, false",
            "CHUNKED_PREFILL, PRIORITY, RECOMPUTE, false", "CHUNKED_PREFILL, PRIORITY, SWAP, true"})
    void smallCache_everyRequestFinishes_blocksAreConserved(BatchingPolicy policy, SchedulingOrder order,
            PreemptionMode mode, boolean caching) {
        // given 40 blocks of 8 tokens, and requests sharing 3 prefixes, some continuing earlier contexts
        KvCacheManager kv = new KvCacheManager(40, 8, caching);
        RecordingListener events = new RecordingListener();
        SchedulerConfig config = new SchedulerConfig(policy, 6, 64, 8, 200).withOrder(order)
                .withPreemption(mode, 0).withPrefixCaching(caching);
        SwapSpace swap = new SwapSpace(30, 1, 1e-6);
        ContinuousBatchScheduler scheduler = new ContinuousBatchScheduler(config, kv, swap, events);
        Random rng = new Random(11);
        List<Request> requests = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            int input = 20 + rng.nextInt(120);
            Request r = new Request(i, 0, input, 1 + rng.nextInt(150)).withPriority(rng.nextInt(3))
                    .withSharedPrefix(rng.nextInt(3), 16).inContext(rng.nextInt(8));
            requests.add(r);
        }
        // when they arrive over the first passes and passes run until nothing is left
        long outputs = 0;
        int pass = 0;
        int next = 0;
        BatchPlan plan;
        while (true) {
            if (next < requests.size()) {
                Request r = requests.get(next);
                scheduler.enqueue(new Sequence(r, next++));
            }
            plan = scheduler.schedule(pass);
            if (plan == null) {
                if (next < requests.size()) {
                    continue;
                }
                break;
            }
            assertTrue(plan.sequences() <= 6, "batch size");
            if (policy == BatchingPolicy.CHUNKED_PREFILL) {
                assertTrue(plan.newTokens() <= 64, "token budget");
            }
            scheduler.complete(plan, ++pass);
            outputs += plan.outputTokens();
            // then blocks are conserved, and without sharing every used block belongs to a running sequence
            assertEquals(kv.totalBlocks(), kv.usedBlocks() + kv.freeBlocks(), "pass " + pass);
            if (!caching) {
                assertEquals(scheduler.blocksHeldByRunning(), kv.usedBlocks(), "pass " + pass);
            }
            assertTrue(swap.usedBlocks() <= swap.capacityBlocks());
            assertTrue(pass < 100_000, "no progress");
        }
        assertEquals(requests.size(), events.finished.size(), "every request finishes");
        assertEquals(requests.stream().mapToLong(Request::outputTokens).sum(), outputs, "every token once");
        assertEquals(0, kv.usedBlocks(), "no block referenced at the end");
        assertEquals(0, swap.usedBlocks());
        assertTrue(!events.preempted.isEmpty(), "the cache is too small: preemptions expected");
        for (Request r : requests) {
            assertTrue(r.firstTokenS() <= r.finishS());
            assertTrue(r.scheduledS() < r.firstTokenS());
        }
        if (mode == PreemptionMode.SWAP) {
            assertTrue(events.modes.contains(PreemptionMode.SWAP), "swaps happened");
        }
    }
}
