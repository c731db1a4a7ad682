package org.llmsim.engine;

/**
 * The paged KV cache of one replica: {@code totalBlocks} blocks of {@code blockSize} tokens. A sequence whose KV
 * holds {@code t} tokens occupies {@code ceil(t / blockSize)} blocks. Invariant: {@code used + free == total}.
 *
 * <p>Allocation is check-then-change: {@link #tryAllocate} either takes all the blocks asked for or leaves the cache
 * unchanged.
 */
public final class KvCacheManager {
    private final int totalBlocks;
    private final int blockSize;
    private int usedBlocks;

    public KvCacheManager(int totalBlocks, int blockSize) {
        if (totalBlocks < 1 || blockSize < 1) {
            throw new IllegalArgumentException("need at least one block of at least one token, got " + totalBlocks
                    + " blocks of " + blockSize);
        }
        this.totalBlocks = totalBlocks;
        this.blockSize = blockSize;
    }

    /** Blocks needed to hold the KV of {@code tokens} tokens. */
    public int blocksFor(long tokens) {
        return (int) ((tokens + blockSize - 1) / blockSize);
    }

    /** Takes {@code blocks} blocks if that many are free; otherwise changes nothing and returns false. */
    public boolean tryAllocate(int blocks) {
        if (blocks > freeBlocks()) {
            return false;
        }
        usedBlocks += blocks;
        return true;
    }

    /** Takes {@code blocks} blocks that the caller has checked are free. */
    public void allocate(int blocks) {
        if (!tryAllocate(blocks)) {
            throw new IllegalStateException("KV cache overcommitted: " + blocks + " blocks asked, " + freeBlocks()
                    + " free");
        }
    }

    public void free(int blocks) {
        if (blocks > usedBlocks || blocks < 0) {
            throw new IllegalStateException("freeing " + blocks + " KV blocks but only " + usedBlocks + " are in use");
        }
        usedBlocks -= blocks;
    }

    public int totalBlocks() {
        return totalBlocks;
    }

    public int usedBlocks() {
        return usedBlocks;
    }

    public int freeBlocks() {
        return totalBlocks - usedBlocks;
    }

    public int blockSize() {
        return blockSize;
    }

    /** Fraction of blocks in use, in [0, 1]. */
    public double utilization() {
        return (double) usedBlocks / totalBlocks;
    }
}
