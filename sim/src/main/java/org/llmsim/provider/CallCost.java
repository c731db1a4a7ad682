package org.llmsim.provider;

/**
 * The bill of one API call by kind of token, USD (batch discount applied).
 *
 * @param inputUsd       uncached prompt tokens
 * @param cachedInputUsd prompt tokens read from the cache
 * @param cacheWriteUsd  prompt tokens written to the cache (the write premium included)
 * @param outputUsd      output tokens
 */
public record CallCost(double inputUsd, double cachedInputUsd, double cacheWriteUsd, double outputUsd) {
    public static final CallCost ZERO = new CallCost(0, 0, 0, 0);

    public double totalUsd() {
        return inputUsd + cachedInputUsd + cacheWriteUsd + outputUsd;
    }
}
