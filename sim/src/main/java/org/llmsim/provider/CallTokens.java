package org.llmsim.provider;

/**
 * How the tokens of one API call are billed: the prompt split into tokens read from the prompt cache, tokens
 * written to it and plain uncached tokens, plus the output; and whether it went through the batch API.
 *
 * @param uncachedInput prompt tokens billed at the input price
 * @param cachedInput   prompt tokens read from the cache, billed at the cached-input price
 * @param cacheWrite    prompt tokens written to the cache, billed at the input price times the write multiplier
 * @param output        output tokens
 * @param batch         sent through the batch API (every price discounted)
 */
public record CallTokens(long uncachedInput, long cachedInput, long cacheWrite, long output, boolean batch) {
    /** Nothing billed. */
    public static final CallTokens NONE = new CallTokens(0, 0, 0, 0, false);


    public CallTokens {
        if (uncachedInput < 0 || cachedInput < 0 || cacheWrite < 0 || output < 0) {
            throw new IllegalArgumentException("token counts must be >= 0: " + uncachedInput + ", " + cachedInput
                    + ", " + cacheWrite + ", " + output);
        }
    }

    /** Prompt tokens of the call. */
    public long input() {
        return uncachedInput + cachedInput + cacheWrite;
    }
}
