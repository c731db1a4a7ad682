package org.llmsim.engine;

/**
 * A KV block with a content identity, as kept by the prefix cache (vLLM's {@code KVCacheBlock}): referenced by
 * {@code refCnt} running sequences, and linked into the free block queue while no sequence references it. Blocks
 * without identity (partly filled blocks, blocks of sequences still decoding) are only counted, so that a decode step
 * costs O(1) however many sequences cross a block boundary in it.
 */
final class KvBlock {
    final BlockKey key;
    int refCnt;
    KvBlock prevFree;
    KvBlock nextFree;
    boolean inFreeQueue;

    KvBlock(BlockKey key) {
        this.key = key;
    }

    @Override
    public String toString() {
        return key + " ref_cnt=" + refCnt;
    }
}
