package org.llmsim.engine;

import java.util.List;

/**
 * The paged KV cache of one replica: {@code totalBlocks} blocks of {@code blockSize} tokens. A sequence whose KV
 * holds {@code t} tokens occupies {@code ceil(t / blockSize)} blocks. Invariant:
 * {@code used + cached free + free == total} (see {@link BlockPool}).
 *
 * <p>Without prefix caching every block is private and only counted: {@link #tryAllocate} and {@link #free(int)} are
 * O(1). With prefix caching (vLLM's {@code enable_prefix_caching}) a sequence's full blocks get a content identity
 * ({@link BlockKey}) when computed; a new sequence whose leading blocks are cached takes them instead of computing
 * them ({@link #findCachedPrefix}, {@link #allocateSlots}), and a finished sequence's full blocks stay cached, unused
 * and evictable in least-recently-freed order, until their space is needed ({@link #free(Sequence)}). Blocks filled
 * while decoding get their identity when the sequence leaves the batch, which keeps a decode step O(1); another
 * request can use them from then on (the next turn of a conversation arrives after the answer anyway).
 *
 * <p>Allocation is check-then-change: a call that cannot take every block it needs changes nothing.
 */
public final class KvCacheManager {
    private final int blockSize;
    private final boolean prefixCaching;
    private final BlockPool pool;

    public KvCacheManager(int totalBlocks, int blockSize) {
        this(totalBlocks, blockSize, false);
    }

    public KvCacheManager(int totalBlocks, int blockSize, boolean prefixCaching) {
        if (totalBlocks < 1 || blockSize < 1) {
            throw new IllegalArgumentException("need at least one block of at least one token, got " + totalBlocks
                    + " blocks of " + blockSize);
        }
        this.blockSize = blockSize;
        this.prefixCaching = prefixCaching;
        this.pool = new BlockPool(totalBlocks);
    }

    /** Blocks needed to hold the KV of {@code tokens} tokens. */
    public int blocksFor(long tokens) {
        return (int) ((tokens + blockSize - 1) / blockSize);
    }

    /** Takes {@code blocks} private blocks if that many are free or evictable; otherwise changes nothing. */
    public boolean tryAllocate(int blocks) {
        return pool.allocatePrivate(blocks);
    }

    /** Takes {@code blocks} private blocks that the caller has checked are free. */
    public void allocate(int blocks) {
        if (!tryAllocate(blocks)) {
            throw new IllegalStateException("KV cache overcommitted: " + blocks + " blocks asked, " + freeBlocks()
                    + " free");
        }
    }

    /** Returns {@code blocks} private blocks whose content is not kept. */
    public void free(int blocks) {
        if (blocks < 0 || blocks > pool.numUsedBlocks()) {
            throw new IllegalStateException("freeing " + blocks + " KV blocks but only " + usedBlocks() + " are in use");
        }
        pool.releasePrivate(blocks);
    }

    /**
     * The leading full blocks of the sequence's prefill tokens that are cached (vLLM's {@code get_computed_blocks}),
     * at most {@code prefillTokens - 1} tokens so that at least one token is computed to produce the next output.
     * Changes nothing in the cache; pass the result to {@link #allocateSlots} to take the blocks.
     */
    PrefixHit findCachedPrefix(Sequence s) {
        if (!prefixCaching) {
            return PrefixHit.NONE;
        }
        if (s.numComputedTokens != 0 || s.numCachedBlocks != 0) {
            throw new IllegalStateException("prefix lookup for a sequence that holds KV: " + s.request.id());
        }
        ensureBlockTable(s);
        int maxBlocks = (int) ((s.prefillTokens() - 1L) / blockSize);
        int hits = 0;
        int evictable = 0;
        while (hits < maxBlocks) {
            KvBlock block = pool.getCachedBlock(BlockKey.of(s.request, hits, blockSize));
            if (block == null) {
                break;
            }
            s.cachedBlocks[hits++] = block;
            if (block.refCnt == 0) {
                evictable++;
            }
        }
        return hits == 0 ? PrefixHit.NONE : new PrefixHit(hits, evictable, (long) hits * blockSize);
    }

    /**
     * Gives the sequence room for {@code newTokens} more tokens (vLLM's {@code allocate_slots}): takes the blocks of
     * {@code hit} (found for it just before; their tokens count as computed), then private blocks up to
     * {@code numComputedTokens + newTokens} tokens; with prefix caching, the blocks that these tokens fill completely
     * get their content identity at once, so a request admitted right after can share them. Returns false and changes
     * nothing if the blocks are not free.
     */
    boolean allocateSlots(Sequence s, PrefixHit hit, long newTokens) {
        long computed = s.numComputedTokens + hit.tokens();
        int held = blocksFor(s.numComputedTokens);
        int newBlocks = blocksFor(computed + newTokens) - held - hit.blocks();
        if (newBlocks + hit.evictableBlocks() > pool.numFreeBlocks()) {
            return false;
        }
        for (int i = 0; i < hit.blocks(); i++) {
            pool.touch(s.cachedBlocks[i]);
        }
        s.numCachedBlocks += hit.blocks();
        s.numComputedTokens = computed;
        pool.allocatePrivate(newBlocks);
        if (prefixCaching) {
            int full = (int) ((computed + newTokens) / blockSize);
            ensureBlockTable(s);
            while (s.numCachedBlocks < full) {
                KvBlock block = pool.cachePrivateBlock(BlockKey.of(s.request, s.numCachedBlocks, blockSize));
                if (block == null) {
                    break; // computed concurrently by another sequence; this copy stays private
                }
                s.cachedBlocks[s.numCachedBlocks++] = block;
            }
        }
        return true;
    }

    /**
     * Releases every block of the sequence, which holds {@code s.numComputedTokens} tokens of KV. With prefix caching
     * its full blocks stay cached, last block first into the free block queue so that a shared prefix outlives the
     * tail that follows it; its partly filled block is freed. Leaves {@code numComputedTokens} to the caller.
     */
    void free(Sequence s) {
        free(s, s.numComputedTokens);
    }

    /**
     * As {@link #free(Sequence)}, for a sequence whose last {@code numComputedTokens - contentTokens} slots hold no
     * real tokens (the rejected proposals of a speculative pass it finished in): only blocks full of real tokens are
     * kept as cached content.
     */
    void free(Sequence s, long contentTokens) {
        int held = blocksFor(s.numComputedTokens);
        int cached = s.numCachedBlocks;
        if (!prefixCaching) {
            pool.releasePrivate(held - cached);
            return;
        }
        int full = (int) (Math.min(s.numComputedTokens, contentTokens) / blockSize);
        for (int j = held - 1; j >= cached; j--) {
            if (j < full) {
                pool.releasePrivateAsCached(BlockKey.of(s.request, j, blockSize));
            } else {
                pool.releasePrivate(1);
            }
        }
        for (int j = cached - 1; j >= 0; j--) {
            pool.release(s.cachedBlocks[j]);
            s.cachedBlocks[j] = null;
        }
        s.numCachedBlocks = 0;
    }

    private void ensureBlockTable(Sequence s) {
        if (s.cachedBlocks == null) {
            s.cachedBlocks = new KvBlock[blocksFor((long) s.request.inputTokens() + s.request.outputTokens())];
        }
    }

    public int totalBlocks() {
        return pool.numBlocks();
    }

    /** Blocks referenced by running sequences (private or shared). */
    public int usedBlocks() {
        return pool.numUsedBlocks();
    }

    /** Blocks an allocation may take: never used plus cached but unreferenced (evictable). */
    public int freeBlocks() {
        return pool.numFreeBlocks();
    }

    /** Cached blocks no sequence references (part of {@link #freeBlocks()}). */
    public int cachedFreeBlocks() {
        return pool.numCachedFreeBlocks();
    }

    public int blockSize() {
        return blockSize;
    }

    public boolean prefixCaching() {
        return prefixCaching;
    }

    /** Cached blocks evicted to make room so far. */
    public long evictions() {
        return pool.evictions();
    }

    /** Identities of the cached free blocks, next to be evicted first. */
    List<BlockKey> evictionOrder() {
        return pool.evictionOrder();
    }

    /** Whether a block with this identity is cached (used or not). */
    boolean isCached(BlockKey key) {
        return pool.getCachedBlock(key) != null;
    }

    /** Fraction of blocks in use, in [0, 1]. */
    public double utilization() {
        return (double) pool.numUsedBlocks() / pool.numBlocks();
    }

    /**
     * Leading blocks of a prompt found in the prefix cache.
     *
     * @param blocks          cached leading blocks
     * @param evictableBlocks how many of them no sequence references (taking them uses up free capacity)
     * @param tokens          tokens they hold
     */
    record PrefixHit(int blocks, int evictableBlocks, long tokens) {
        static final PrefixHit NONE = new PrefixHit(0, 0, 0);
    }
}
