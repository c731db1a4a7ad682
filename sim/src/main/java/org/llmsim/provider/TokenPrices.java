package org.llmsim.provider;

import org.llmsim.scenario.ProviderProfile;

/**
 * The token arithmetic of an API bill: uncached input at the input price, cache reads at the cached-input price,
 * cache writes at the input price times the write multiplier, output at the output price, and the batch discount
 * on all of it. For example 1,000 input and 200 output tokens at $4 and $20 per million cost
 * 1000 x 4e-6 + 200 x 20e-6 = $0.008; a batch call reading its prompt from the cache pays
 * 0.1 x 0.5 = 0.05 times the input price for it.
 *
 * @param inputUsdPerMtok       USD per million uncached prompt tokens
 * @param cachedInputUsdPerMtok USD per million prompt tokens read from the cache
 * @param outputUsdPerMtok      USD per million output tokens
 * @param cacheWriteMultiplier  multiple of the input price for prompt tokens written to the cache
 * @param batchDiscount         fraction off every price through the batch API (0 when there is none)
 */
public record TokenPrices(double inputUsdPerMtok, double cachedInputUsdPerMtok, double outputUsdPerMtok,
        double cacheWriteMultiplier, double batchDiscount) {

    /** The prices of a profile, with its cache written at {@code writeMultiplier}. */
    public static TokenPrices of(ProviderProfile p, double writeMultiplier) {
        double cached = p.cachedInputUsdPerMtok() != null ? p.cachedInputUsdPerMtok() : p.inputUsdPerMtok();
        return new TokenPrices(p.inputUsdPerMtok(), cached, p.outputUsdPerMtok(), writeMultiplier,
                p.batchDiscount() != null ? p.batchDiscount() : 0.0);
    }

    /** The bill of one call. */
    public CallCost cost(CallTokens t) {
        double factor = t.batch() ? 1 - batchDiscount : 1;
        return new CallCost(t.uncachedInput() * inputUsdPerMtok / 1e6 * factor,
                t.cachedInput() * cachedInputUsdPerMtok / 1e6 * factor,
                t.cacheWrite() * inputUsdPerMtok * cacheWriteMultiplier / 1e6 * factor,
                t.output() * outputUsdPerMtok / 1e6 * factor);
    }

    /** List price of a call without caching or batch discount: what the request costs sent as it is. */
    public double listUsd(double inputTokens, double outputTokens) {
        return inputTokens * inputUsdPerMtok / 1e6 + outputTokens * outputUsdPerMtok / 1e6;
    }
}
