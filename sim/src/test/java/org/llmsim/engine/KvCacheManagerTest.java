package org.llmsim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KvCacheManagerTest {
    @Test
    void blocksFor_roundsUpToWholeBlocks() {
        KvCacheManager kv = new KvCacheManager(8, 16);
        assertEquals(0, kv.blocksFor(0));
        assertEquals(1, kv.blocksFor(1));
        assertEquals(1, kv.blocksFor(16));
        assertEquals(2, kv.blocksFor(17));
    }

    @Test
    void tryAllocate_whenPoolExhausted_returnsFalseAndPoolUnchanged() {
        // given 8 blocks of 16 tokens with 6 in use
        KvCacheManager kv = new KvCacheManager(8, 16);
        assertTrue(kv.tryAllocate(6));
        // when 3 more are asked for
        boolean ok = kv.tryAllocate(3);
        // then nothing changes
        assertFalse(ok);
        assertEquals(6, kv.usedBlocks());
        assertEquals(2, kv.freeBlocks());
        assertEquals(kv.totalBlocks(), kv.usedBlocks() + kv.freeBlocks());
    }

    @Test
    void free_returnsBlocksAndRejectsOverFreeing() {
        KvCacheManager kv = new KvCacheManager(8, 16);
        kv.allocate(5);
        kv.free(3);
        assertEquals(2, kv.usedBlocks());
        assertEquals(0.25, kv.utilization());
        assertThrows(IllegalStateException.class, () -> kv.free(3));
        assertThrows(IllegalStateException.class, () -> kv.allocate(7));
    }
}
