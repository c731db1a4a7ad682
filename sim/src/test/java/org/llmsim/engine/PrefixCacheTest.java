package org.llmsim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.llmsim.request.Request;

/** The prefix cache on 8 blocks of 16 tokens, with exact block identities and eviction order. */
class PrefixCacheTest {
    private static final int PREFIX = 7;

    /** Block j of shared prefix 7. */
    private static BlockKey prefixBlock(int j) {
        return new BlockKey(PREFIX, -1, 0, j);
    }

    /** Block j after the 32-token prefix 7, in context {@code ctx}. */
    private static BlockKey contextBlock(long ctx, int j) {
        return new BlockKey(PREFIX, 32, ctx, j);
    }

    /** Admits a sequence whole (prefix lookup, then allocation) and completes its prefill, as a pass would. */
    private static Sequence admit(KvCacheManager kv, Request r) {
        Sequence s = new Sequence(r, r.id());
        KvCacheManager.PrefixHit hit = kv.findCachedPrefix(s);
        long chunk = s.prefillTokens() - hit.tokens();
        assertTrue(kv.allocateSlots(s, hit, chunk), "fits");
        s.numComputedTokens += chunk;
        return s;
    }

    private static void assertInvariant(KvCacheManager kv) {
        assertEquals(kv.totalBlocks(), kv.usedBlocks() + kv.freeBlocks(), "used + cached free + free = total");
        assertTrue(kv.cachedFreeBlocks() <= kv.freeBlocks());
    }

    @Test
    void sharedPrefix_isStoredOnce_hitBySecondRequest_andEvictedLeastRecentlyFreedFirst_tailBeforeHead() {
        KvCacheManager kv = new KvCacheManager(8, 16, true);
        // given A: 40-token prompt = 32-token shared prefix (2 full blocks) + 8 tokens of its own (a partial block)
        Sequence a = admit(kv, new Request(1, 0, 40, 10).withSharedPrefix(PREFIX, 32).inContext(100));
        assertEquals(3, kv.usedBlocks());
        assertTrue(kv.isCached(prefixBlock(0)) && kv.isCached(prefixBlock(1)));
        // when B (50 tokens, same prefix) arrives while A runs
        Request rb = new Request(2, 0, 50, 10).withSharedPrefix(PREFIX, 32).inContext(200);
        Sequence b = new Sequence(rb, 2);
        KvCacheManager.PrefixHit hit = kv.findCachedPrefix(b);
        // then it finds both prefix blocks, which are in use (nothing evictable is taken)
        assertEquals(2, hit.blocks());
        assertEquals(32, hit.tokens());
        assertEquals(0, hit.evictableBlocks());
        assertTrue(kv.allocateSlots(b, hit, 18));
        b.numComputedTokens += 18;
        // B holds P0, P1 (shared), its own full block 2 and a partial block: 2 new blocks, 5 in use in all
        assertEquals(5, kv.usedBlocks());
        assertTrue(kv.isCached(contextBlock(200, 2)));
        assertInvariant(kv);

        // when A finishes: the shared blocks stay in use by B, A's partial block is freed
        kv.free(a);
        assertEquals(4, kv.usedBlocks());
        assertEquals(List.of(), kv.evictionOrder());
        // when B finishes: its blocks join the free queue last block first: B2, then P1, then P0
        kv.free(b);
        assertEquals(0, kv.usedBlocks());
        assertEquals(List.of(contextBlock(200, 2), prefixBlock(1), prefixBlock(0)), kv.evictionOrder());
        assertEquals(3, kv.cachedFreeBlocks());
        assertInvariant(kv);

        // when C needs 7 blocks (5 never used + 2 evicted), the two least recently freed go, in order
        Sequence c = admit(kv, new Request(3, 0, 100, 10));
        assertEquals(7, kv.usedBlocks());
        assertEquals(List.of(prefixBlock(0)), kv.evictionOrder());
        assertFalse(kv.isCached(contextBlock(200, 2)));
        assertFalse(kv.isCached(prefixBlock(1)));
        assertEquals(2, kv.evictions());
        assertInvariant(kv);

        // then D with the same prefix finds only P0, and taking it leaves the free queue empty
        Sequence d = new Sequence(new Request(4, 0, 40, 10).withSharedPrefix(PREFIX, 32), 4);
        KvCacheManager.PrefixHit dHit = kv.findCachedPrefix(d);
        assertEquals(1, dHit.blocks());
        assertEquals(1, dHit.evictableBlocks());
        // D needs P0 (evictable) + 2 new blocks, but only 1 block is free besides P0: nothing changes
        assertFalse(kv.allocateSlots(d, dHit, 24));
        assertEquals(7, kv.usedBlocks());
        assertEquals(List.of(prefixBlock(0)), kv.evictionOrder());
        assertEquals(0, d.numComputedTokens);
        assertInvariant(kv);
        kv.free(c);
        assertInvariant(kv);
    }

    @Test
    void nextTurnOfAConversation_hitsTheBlocksFilledWhileTheLastTurnDecoded() {
        KvCacheManager kv = new KvCacheManager(8, 16, true);
        // given turn 1 of session 5: a 20-token prompt, then 29 tokens of answer decoded into private blocks
        Sequence turn1 = admit(kv, new Request(1, 0, 20, 30).inContext(5));
        assertEquals(2, kv.usedBlocks()); // block 0 full (cached), block 1 partial
        kv.allocate(2); // decode grows the KV to 49 tokens: 4 blocks
        turn1.numComputedTokens = 49;
        // when it finishes, its full blocks 0..2 stay cached, last block first in the free queue
        kv.free(turn1);
        BlockKey b0 = new BlockKey(-1, 0, 5, 0);
        BlockKey b1 = new BlockKey(-1, 0, 5, 1);
        BlockKey b2 = new BlockKey(-1, 0, 5, 2);
        assertEquals(List.of(b2, b1, b0), kv.evictionOrder());
        assertEquals(0, kv.usedBlocks());
        // then turn 2 (prompt = turn 1's prompt and answer plus 11 new tokens) finds 48 tokens cached
        Sequence turn2 = new Sequence(new Request(2, 10, 60, 10).inContext(5), 2);
        KvCacheManager.PrefixHit hit = kv.findCachedPrefix(turn2);
        assertEquals(3, hit.blocks());
        assertEquals(3, hit.evictableBlocks());
        assertTrue(kv.allocateSlots(turn2, hit, 12));
        assertEquals(48, turn2.numComputedTokens);
        assertEquals(4, kv.usedBlocks());
        assertEquals(List.of(), kv.evictionOrder());
        assertInvariant(kv);
    }

    @Test
    void atLeastOneTokenIsComputed_evenWhenTheWholePromptIsCached() {
        KvCacheManager kv = new KvCacheManager(8, 16, true);
        kv.free(admit(kv, new Request(1, 0, 32, 5).inContext(9)));
        // a 32-token prompt that is entirely cached still computes its last block (vLLM keeps one token to compute)
        Sequence again = new Sequence(new Request(2, 0, 32, 5).inContext(9), 2);
        assertEquals(1, kv.findCachedPrefix(again).blocks());
    }

    @Test
    void withoutPrefixCaching_nothingIsKept() {
        KvCacheManager kv = new KvCacheManager(8, 16, false);
        Sequence a = admit(kv, new Request(1, 0, 40, 10).withSharedPrefix(PREFIX, 32));
        kv.free(a);
        assertEquals(0, kv.usedBlocks());
        assertEquals(0, kv.cachedFreeBlocks());
        assertEquals(0, kv.findCachedPrefix(new Sequence(new Request(2, 0, 40, 10).withSharedPrefix(PREFIX, 32), 2))
                .blocks());
    }
}
