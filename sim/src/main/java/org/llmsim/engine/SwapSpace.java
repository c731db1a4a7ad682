package org.llmsim.engine;

import org.llmsim.hardware.ReplicaHardware;

/**
 * Host memory that holds the KV of swapped-out sequences (vLLM's {@code swap_space}, per GPU), and the time to move
 * blocks over PCIe. Each GPU of a tensor-parallel group moves its own share of every block over its own host link, in
 * parallel, so a transfer takes
 * <pre>
 *   blocks * blockSize * kvBytesPerTokenPerGpu / (pcie bytes/s * pcie efficiency)
 * </pre>
 * The copy runs before the forward pass that needs it and delays that pass (vLLM v0 issues swaps on the same stream
 * as the model).
 */
final class SwapSpace {
    /** No host swap space: every swap attempt falls back to recompute. */
    static final SwapSpace NONE = new SwapSpace(0, 0, 0);

    private final int capacityBlocks;
    private final double blockBytesPerGpu;
    private final double secondsPerBlock;
    private int usedBlocks;

    /**
     * @param capacityBlocks   KV blocks the host space holds
     * @param blockBytesPerGpu bytes of one block on one GPU of the group
     * @param secondsPerBlock  time to move one block each way
     */
    SwapSpace(int capacityBlocks, double blockBytesPerGpu, double secondsPerBlock) {
        this.capacityBlocks = capacityBlocks;
        this.blockBytesPerGpu = blockBytesPerGpu;
        this.secondsPerBlock = secondsPerBlock;
    }

    /** The swap space of one replica: {@code swapBytesPerGpu} of host memory per GPU. */
    static SwapSpace of(ReplicaHardware hardware, int blockSize, double swapBytesPerGpu) {
        double blockBytes = blockSize * hardware.cacheBytesPerTokenPerGpu();
        double linkBytesPerS = hardware.gpu().pcieBytesPerS() * hardware.gpu().pcieEfficiencyOrOne();
        if (!(linkBytesPerS > 0) || !(blockBytes > 0)) {
            return NONE;
        }
        // every data-parallel rank swaps its own blocks to its own GPUs' host memory
        int blocks = (int) Math.min(Integer.MAX_VALUE, Math.floor(swapBytesPerGpu / blockBytes) * hardware.dp());
        return new SwapSpace(blocks, blockBytes, blockBytes / linkBytesPerS);
    }

    /** Reserves room for {@code blocks} blocks if there is enough; otherwise changes nothing. */
    boolean tryReserve(int blocks) {
        if (blocks > capacityBlocks - usedBlocks) {
            return false;
        }
        usedBlocks += blocks;
        return true;
    }

    void release(int blocks) {
        if (blocks < 0 || blocks > usedBlocks) {
            throw new IllegalStateException("releasing " + blocks + " swap blocks but " + usedBlocks + " are used");
        }
        usedBlocks -= blocks;
    }

    /** Seconds to copy {@code blocks} blocks one way. */
    double transferTimeS(int blocks) {
        return blocks * secondsPerBlock;
    }

    /** Bytes that {@code blocks} blocks occupy, summed over the GPUs of the group. */
    double bytes(int blocks, int gpus) {
        return blocks * blockBytesPerGpu * gpus;
    }

    int capacityBlocks() {
        return capacityBlocks;
    }

    int usedBlocks() {
        return usedBlocks;
    }
}
