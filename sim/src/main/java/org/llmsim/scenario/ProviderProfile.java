package org.llmsim.scenario;

import java.util.List;


/**
 * An external model API, as written in {@code gpu-profiles/providers/<id>.yaml}: list prices per million tokens,
 * the prompt cache's write premium and lifetime, the batch API's discount and completion times, the account's rate
 * limits and the latency a client sees. Every figure cites its source and the date of the price.
 *
 * @param id                     profile id, the file name without {@code .yaml}
 * @param name                   human name ("Claude Sonnet 4.5 (Anthropic API)")
 * @param vendor                 who runs the API (anthropic, openai, google, together, ...)
 * @param model                  the model's API name
 * @param inputUsdPerMtok        price of uncached prompt tokens, USD per million
 * @param cachedInputUsdPerMtok  price of prompt tokens read from the provider's prompt cache, USD per million; null
 *                               where the provider has no prompt cache
 * @param outputUsdPerMtok       price of output tokens, USD per million
 * @param cacheWriteMultiplier   prompt tokens written to the cache cost this multiple of the input price (1.25 for
 *                               a 5-minute cache at Anthropic; 1 where writes cost nothing extra); default 1
 * @param cacheTtlS              a cache entry lives this long after its last use, seconds
 * @param minCacheableTokens     prompts (or prefixes) shorter than this are never cached; default 1024
 * @param batchDiscount          the batch API's discount on every token price, a fraction (0.5 is half price);
 *                               null where there is no batch API
 * @param batchCompletionS       time from submission until a batch request's answer is ready, seconds
 * @param batchWindowS           the provider's completion window for batch requests (the answer is never later),
 *                               seconds; default 86,400
 * @param contextWindowTokens    prompt plus output tokens the model accepts
 * @param rateLimit              the account's limits (requests and tokens per minute, prompt plus output tokens);
 *                               a call over them is refused with HTTP 429; null: unlimited
 * @param latency                what a streaming client sees
 * @param priceAsOf              date and origin of the prices
 * @param sources                where each figure comes from
 * @param timeoutBilling         what a call the client gives up on before its first token is billed:
 *                               {@value #BILL_INPUT} (default: the prompt was processed, nothing streamed yet),
 *                               {@value #BILL_FULL} (the provider finishes the answer anyway and bills it) or
 *                               {@value #BILL_NONE}
 */
public record ProviderProfile(String id, String name, String vendor, String model, Double inputUsdPerMtok,
        Double cachedInputUsdPerMtok, Double outputUsdPerMtok, Double cacheWriteMultiplier, Double cacheTtlS,
        Integer minCacheableTokens, Double batchDiscount, TimeSpec batchCompletionS, Double batchWindowS,
        Integer contextWindowTokens, RateLimitSpec rateLimit, ProviderLatency latency, String priceAsOf,
        List<String> sources, String timeoutBilling) {
    /** A timed-out call pays for its prompt. */
    public static final String BILL_INPUT = "input";
    /** A timed-out call pays for its prompt and its whole answer. */
    public static final String BILL_FULL = "full";
    /** A timed-out call pays nothing. */
    public static final String BILL_NONE = "none";

    public ProviderProfile {
        if (cacheWriteMultiplier == null) {
            cacheWriteMultiplier = 1.0;
        }
        if (minCacheableTokens == null) {
            minCacheableTokens = 1024;
        }
        if (batchWindowS == null) {
            batchWindowS = 86_400.0;
        }
        if (timeoutBilling == null) {
            timeoutBilling = BILL_INPUT;
        }
    }

    /** Whether the provider caches prompts (it has a cached-input price). */
    public boolean hasPromptCache() {
        return cachedInputUsdPerMtok != null;
    }

    /** Whether the provider has a batch API. */
    public boolean hasBatch() {
        return batchDiscount != null;
    }

    /** This profile under another id (a profile named by path takes its file name). */
    public ProviderProfile withId(String newId) {
        return new ProviderProfile(newId, name, vendor, model, inputUsdPerMtok, cachedInputUsdPerMtok,
                outputUsdPerMtok, cacheWriteMultiplier, cacheTtlS, minCacheableTokens, batchDiscount, batchCompletionS,
                batchWindowS, contextWindowTokens, rateLimit, latency, priceAsOf, sources, timeoutBilling);
    }

    /**
     * A client's view of the API's latency for one streaming call: a network round trip, the provider's time to
     * first token (queueing and prefill on its side, measured for short prompts), prefill of the uncached prompt at
     * {@code prefill_tokens_per_s} (optional; long prompts take longer), then output at {@code output_tokens_per_s}.
     * Each call draws its own round trip, time to first token and output speed.
     *
     * @param networkRttS        client-to-API round trip, seconds
     * @param ttftS              time from the request reaching the API to its first token, seconds
     * @param outputTokensPerS   streaming speed after the first token, tokens per second
     * @param prefillTokensPerS  prompt tokens the provider processes per second beyond those the TTFT figure
     *                           includes; null: prompt length does not change the TTFT
     */
    public record ProviderLatency(TimeSpec networkRttS, TimeSpec ttftS, TimeSpec outputTokensPerS,
            Double prefillTokensPerS) {
    }
}
