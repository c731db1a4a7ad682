package org.llmsim.engine;

/**
 * The scheduler knobs of one replica, named as in vLLM.
 *
 * @param policy           how batches are formed
 * @param maxBatchSize     most sequences in one forward pass ({@code max_num_seqs})
 * @param maxBatchedTokens most new tokens in one forward pass ({@code max_num_batched_tokens}); a single prompt
 *                         longer than this still runs, alone, when it is first in line
 * @param blockSize        tokens per KV block
 * @param outputTokenCap   the largest output a request may ask for ({@code max_tokens}); static batching reserves KV
 *                         for it
 */
public record SchedulerConfig(BatchingPolicy policy, int maxBatchSize, int maxBatchedTokens, int blockSize,
        int outputTokenCap) {

    public SchedulerConfig {
        if (maxBatchSize < 1 || maxBatchedTokens < 1 || blockSize < 1 || outputTokenCap < 1) {
            throw new IllegalArgumentException("scheduler limits must be >= 1: " + maxBatchSize + ", "
                    + maxBatchedTokens + ", " + blockSize + ", " + outputTokenCap);
        }
    }
}
