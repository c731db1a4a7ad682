package org.llmsim.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The KV blocks of one replica (vLLM's {@code BlockPool}). Every block is in exactly one of four states:
 *
 * <pre>
 *   free          holds nothing reusable                                        counted
 *   cached free   a full block with content identity, referenced by nobody    free_block_queue (LRU, evictable)
 *   cached used   a full block with content identity, ref_cnt >= 1            cached_block_hash_to_block
 *   private used  a block of one sequence without identity (yet)              counted
 *
 *   used (cached + private) + cached free + free = total
 * </pre>
 *
 * New blocks come from the free blocks first and then by evicting the least recently freed cached block (the head of
 * the free block queue). vLLM keeps both kinds in one queue and so may evict a cached block while never-used blocks
 * remain; taking the plain free blocks first keeps cached prefixes longer and changes nothing else. Every change is
 * check-then-change: a method that cannot do all it is asked changes nothing.
 */
final class BlockPool {
    private final int numBlocks;
    private int numFree;
    private int numPrivateUsed;
    private int numCachedUsed;
    private final Map<BlockKey, KvBlock> cachedBlockHashToBlock = new HashMap<>();
    /** The free block queue: cached blocks with ref_cnt 0, least recently freed first. */
    private KvBlock freeHead;
    private KvBlock freeTail;
    private int numCachedFree;
    private long evictions;

    BlockPool(int numBlocks) {
        if (numBlocks < 1) {
            throw new IllegalArgumentException("need at least one KV block, got " + numBlocks);
        }
        this.numBlocks = numBlocks;
        this.numFree = numBlocks;
    }

    int numBlocks() {
        return numBlocks;
    }

    /** Blocks a new allocation may take: free plus cached free (evictable). */
    int numFreeBlocks() {
        return numFree + numCachedFree;
    }

    int numUsedBlocks() {
        return numPrivateUsed + numCachedUsed;
    }

    int numCachedFreeBlocks() {
        return numCachedFree;
    }

    /** Blocks holding a cached prefix, used or not. */
    int numCachedBlocks() {
        return cachedBlockHashToBlock.size();
    }

    long evictions() {
        return evictions;
    }

    /** Takes {@code n} private blocks if that many are free or evictable; otherwise changes nothing. */
    boolean allocatePrivate(int n) {
        if (n > numFree) {
            if (n > numFree + numCachedFree) {
                return false;
            }
            int evict = n - numFree;
            for (int i = 0; i < evict; i++) {
                evictHead();
            }
            numFree += evict;
        }
        numFree -= n;
        numPrivateUsed += n;
        return true;
    }

    /** Returns {@code n} private blocks whose content is not kept. */
    void releasePrivate(int n) {
        if (n < 0 || n > numPrivateUsed) {
            throw new IllegalStateException("releasing " + n + " KV blocks but only " + numPrivateUsed
                    + " private blocks are in use");
        }
        numPrivateUsed -= n;
        numFree += n;
    }

    /** The cached block with this identity, or null. */
    KvBlock getCachedBlock(BlockKey key) {
        return cachedBlockHashToBlock.get(key);
    }

    /** A prefix-cache hit takes a reference; a block nobody referenced leaves the free block queue. */
    void touch(KvBlock block) {
        if (block.refCnt == 0) {
            unlinkFree(block);
            numCachedUsed++;
        }
        block.refCnt++;
    }

    /**
     * Gives one private used block the identity {@code key} (vLLM's {@code cache_full_blocks}), with one reference.
     * Returns null and changes nothing if a block with that identity is already cached.
     */
    KvBlock cachePrivateBlock(BlockKey key) {
        if (numPrivateUsed == 0) {
            throw new IllegalStateException("no private block to cache");
        }
        if (cachedBlockHashToBlock.containsKey(key)) {
            return null;
        }
        KvBlock block = new KvBlock(key);
        block.refCnt = 1;
        cachedBlockHashToBlock.put(key, block);
        numPrivateUsed--;
        numCachedUsed++;
        return block;
    }

    /** Drops one reference; at zero the block joins the tail of the free block queue (it is evicted last). */
    void release(KvBlock block) {
        if (block.refCnt <= 0) {
            throw new IllegalStateException("releasing an unreferenced block " + block);
        }
        block.refCnt--;
        if (block.refCnt == 0) {
            numCachedUsed--;
            linkFreeTail(block);
        }
    }

    /**
     * Frees one private block that holds the full block {@code key}: it stays cached (at the tail of the free block
     * queue) unless that identity is cached already, in which case it is simply freed.
     */
    void releasePrivateAsCached(BlockKey key) {
        if (numPrivateUsed == 0) {
            throw new IllegalStateException("no private block to release");
        }
        numPrivateUsed--;
        if (cachedBlockHashToBlock.containsKey(key)) {
            numFree++;
            return;
        }
        KvBlock block = new KvBlock(key);
        cachedBlockHashToBlock.put(key, block);
        linkFreeTail(block);
    }

    /** Identities in the free block queue, next to be evicted first (for tests and diagnostics). */
    List<BlockKey> evictionOrder() {
        List<BlockKey> keys = new ArrayList<>(numCachedFree);
        for (KvBlock b = freeHead; b != null; b = b.nextFree) {
            keys.add(b.key);
        }
        return keys;
    }

    private void evictHead() {
        KvBlock victim = freeHead;
        unlinkFree(victim);
        cachedBlockHashToBlock.remove(victim.key);
        evictions++;
    }

    private void linkFreeTail(KvBlock block) {
        block.prevFree = freeTail;
        block.nextFree = null;
        if (freeTail != null) {
            freeTail.nextFree = block;
        } else {
            freeHead = block;
        }
        freeTail = block;
        block.inFreeQueue = true;
        numCachedFree++;
    }

    private void unlinkFree(KvBlock block) {
        if (!block.inFreeQueue) {
            throw new IllegalStateException("block not in the free queue: " + block);
        }
        if (block.prevFree != null) {
            block.prevFree.nextFree = block.nextFree;
        } else {
            freeHead = block.nextFree;
        }
        if (block.nextFree != null) {
            block.nextFree.prevFree = block.prevFree;
        } else {
            freeTail = block.prevFree;
        }
        block.prevFree = null;
        block.nextFree = null;
        block.inFreeQueue = false;
        numCachedFree--;
    }
}
