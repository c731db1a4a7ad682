package org.llmsim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.llmsim.request.Request;

/** Chunked prefill driven by hand, pass by pass. */
class ChunkedPrefillSchedulerTest {

    private static SchedulerConfig chunked(int budget) {
        return new SchedulerConfig(BatchingPolicy.CHUNKED_PREFILL, 8, budget, 16, 100);
    }

    @Test
    void longPrompt_isSplitIntoChunksUnderTheBudget_decodesRunEveryPass_firstTokenAfterTheLastChunk() {
        KvCacheManager kv = new KvCacheManager(1000, 16);
        ContinuousBatchScheduler scheduler = new ContinuousBatchScheduler(chunked(512), kv, EngineListener.NONE);
        // given A decoding
        Request a = new Request(1, 0, 100, 50);
        scheduler.enqueue(new Sequence(a, 1));
        BatchPlan first = scheduler.schedule(0);
        assertEquals(100, first.newTokens());
        scheduler.complete(first, 1);
        // when a 2,000-token prompt B arrives
        Request b = new Request(2, 1, 2000, 5);
        scheduler.enqueue(new Sequence(b, 2));
        // then it is computed in chunks of 511 (512 minus A's decode token): 511, 511, 511, 467
        List<Long> prefillTokens = new ArrayList<>();
        double t = 1;
        for (int pass = 0; pass < 4; pass++) {
            BatchPlan plan = scheduler.schedule(t);
            assertEquals(1, plan.decodeTokens(), "A decodes in every pass");
            assertTrue(plan.newTokens() <= 512, "budget");
            prefillTokens.add(plan.newTokens() - plan.decodeTokens());
            assertEquals(pass < 3 ? 1 : 2, plan.outputTokens(), "B's first token only with its last chunk");
            scheduler.complete(plan, ++t);
            assertEquals(pass < 3, Double.isNaN(b.firstTokenS()));
        }
        assertEquals(List.of(511L, 511L, 511L, 467L), prefillTokens);
        assertEquals(5.0, b.firstTokenS());
        assertEquals(1.0, b.scheduledS());
        // and the chunks' attention covers B's whole causal prefill: sum of c k + c (c+1)/2 = 2000 * 2001 / 2
        assertEquals(2, scheduler.runningCount());
    }

    @Test
    void chunkAttention_addsUpToTheWholeCausalPrefill() {
        KvCacheManager kv = new KvCacheManager(1000, 16);
        ContinuousBatchScheduler scheduler = new ContinuousBatchScheduler(chunked(300), kv, EngineListener.NONE);
        scheduler.enqueue(new Sequence(new Request(1, 0, 1000, 2), 1));
        long attended = 0;
        long read = 0;
        for (int pass = 0; pass < 4; pass++) {
            BatchPlan plan = scheduler.schedule(pass);
            attended += plan.attendedTokens();
            read += plan.kvReadTokens();
            scheduler.complete(plan, pass + 1);
        }
        assertEquals(BatchPlan.causalPairs(1000), attended);
        // each chunk reads the KV computed before it and its own: 300 + 600 + 900 + 1000
        assertEquals(2800, read);
    }

    @Test
    void continuousBatching_computesThePromptWhole_inOnePass() {
        KvCacheManager kv = new KvCacheManager(1000, 16);
        ContinuousBatchScheduler scheduler = new ContinuousBatchScheduler(
                new SchedulerConfig(BatchingPolicy.CONTINUOUS, 8, 512, 16, 100), kv, EngineListener.NONE);
        scheduler.enqueue(new Sequence(new Request(1, 0, 2000, 2), 1));
        BatchPlan plan = scheduler.schedule(0);
        assertEquals(2000, plan.newTokens());
        assertEquals(1, plan.outputTokens());
    }

    @Test
    void blocksShort_aHalfComputedPromptIsPreemptedBeforeADecodingSequence() {
        // given 10 blocks of 16 tokens, a budget of 48 tokens, A (16-token prompt, long answer) and B (140 tokens)
        KvCacheManager kv = new KvCacheManager(10, 16);
        RecordingListener events = new RecordingListener();
        ContinuousBatchScheduler scheduler = new ContinuousBatchScheduler(
                new SchedulerConfig(BatchingPolicy.CHUNKED_PREFILL, 8, 48, 16, 100), kv, events);
        Request a = new Request(1, 0, 16, 100);
        Request b = new Request(2, 0, 140, 2);
        scheduler.enqueue(new Sequence(a, 1));
        scheduler.enqueue(new Sequence(b, 2));
        // when passes run: B's chunks fill the cache before its prompt is done, while A's answer keeps growing
        int passes = 0;
        BatchPlan plan;
        while ((plan = scheduler.schedule(passes)) != null) {
            assertTrue(plan.newTokens() <= 48);
            scheduler.complete(plan, ++passes);
            assertEquals(kv.totalBlocks(), kv.usedBlocks() + kv.freeBlocks());
            assertEquals(scheduler.blocksHeldByRunning(), kv.usedBlocks(), "pass " + passes);
            assertTrue(passes < 1000, "no progress");
        }
        // then B (prefilling, produced nothing yet) is the victim, never A, and both finish
        assertEquals(2, events.finished.size());
        assertTrue(events.preempted.size() >= 1);
        assertTrue(events.preempted.stream().allMatch(r -> r == b), "only the prompt still prefilling is preempted");
        assertTrue(events.modes.stream().allMatch(m -> m == PreemptionMode.RECOMPUTE));
        assertEquals(0, a.preemptions());
        assertEquals(0, kv.usedBlocks());
    }
}
