package org.llmsim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.llmsim.request.Request;

/** The scheduler driven by hand, pass by pass, without a clock. */
class ContinuousBatchSchedulerTest {

    @Test
    void everyPass_keepsUsedBlocksEqualToBlocksHeld_andFinishesAllUnderPressure() {
        // given 12 blocks of 4 tokens (48 tokens of KV) and 6 requests that need up to 8+12-1 = 19 tokens each
        KvCacheManager kv = new KvCacheManager(12, 4);
        RecordingListener events = new RecordingListener();
        ContinuousBatchScheduler scheduler = new ContinuousBatchScheduler(
                new SchedulerConfig(BatchingPolicy.CONTINUOUS, 8, 64, 4, 100), kv, events);
        for (int i = 0; i < 6; i++) {
            scheduler.enqueue(new Sequence(new Request(i, 0, 8, 12), i));
        }
        // when passes run until nothing is left
        int passes = 0;
        BatchPlan plan;
        while ((plan = scheduler.schedule(passes)) != null) {
            assertTrue(plan.sequences() <= 8);
            scheduler.complete(plan, passes + 1);
            // then between passes every used block belongs to a running sequence
            assertEquals(scheduler.blocksHeldByRunning(), kv.usedBlocks(), "pass " + passes);
            assertTrue(kv.usedBlocks() <= kv.totalBlocks());
            passes++;
            assertTrue(passes < 1000, "no progress");
        }
        assertEquals(6, events.finished.size());
        assertFalse(events.preempted.isEmpty(), "the cache is too small for all six at once");
        assertEquals(0, kv.usedBlocks());
    }

    @Test
    void admission_stopsAtTheTokenBudget_butALongPromptRunsAloneWhenFirst() {
        KvCacheManager kv = new KvCacheManager(1000, 16);
        ContinuousBatchScheduler scheduler = new ContinuousBatchScheduler(
                new SchedulerConfig(BatchingPolicy.CONTINUOUS, 256, 1000, 16, 100), kv, EngineListener.NONE);
        scheduler.enqueue(new Sequence(new Request(1, 0, 1500, 5), 1)); // larger than the budget
        scheduler.enqueue(new Sequence(new Request(2, 0, 600, 5), 2));
        scheduler.enqueue(new Sequence(new Request(3, 0, 600, 5), 3));
        BatchPlan first = scheduler.schedule(0);
        assertNotNull(first);
        assertEquals(1, first.prefills().length, "the long prompt runs alone");
        assertEquals(1500, first.newTokens());
        scheduler.complete(first, 1);
        BatchPlan second = scheduler.schedule(1);
        // one decode token plus one 600-token prompt fit in 1000; the second 600 would not
        assertEquals(1, second.decodeTokens());
        assertEquals(1, second.prefills().length);
        assertEquals(601, second.newTokens());
    }

    @Test
    void maxBatchSize_capsSequencesPerPass() {
        KvCacheManager kv = new KvCacheManager(10_000, 16);
        ContinuousBatchScheduler scheduler = new ContinuousBatchScheduler(
                new SchedulerConfig(BatchingPolicy.CONTINUOUS, 3, 8192, 16, 100), kv, EngineListener.NONE);
        for (int i = 0; i < 5; i++) {
            scheduler.enqueue(new Sequence(new Request(i, 0, 10, 50), i));
        }
        BatchPlan plan = scheduler.schedule(0);
        assertEquals(3, plan.sequences());
        assertEquals(2, scheduler.waitingCount());
        scheduler.complete(plan, 1);
        assertEquals(3, scheduler.schedule(1).sequences());
        assertNull(new ContinuousBatchScheduler(new SchedulerConfig(BatchingPolicy.CONTINUOUS, 3, 8192, 16, 100), kv,
                EngineListener.NONE).schedule(0));
    }
}
