package org.llmsim.scenario;

import org.llmsim.scenario.ProviderProfile;

/**
 * A provider pool after its profile is resolved: an external API that serves calls at the profile's prices and
 * latency, under the account's rate limits.
 *
 * @param index                position in {@code cluster.pools}
 * @param name                 pool name (default {@code pool-<index>})
 * @param spec                 the pool as written
 * @param profile              the provider's profile
 * @param promptCaching        whether calls mark their prefix and conversation as cacheable
 * @param cacheTtlS            lifetime of a cache entry after its last use, seconds
 * @param cacheWriteMultiplier multiple of the input price for tokens written to the cache
 * @param rateLimit            the account's limits, or null for none
 */
public record ProviderPlan(int index, String name, PoolSpec spec, ProviderProfile profile, boolean promptCaching,
        double cacheTtlS, double cacheWriteMultiplier, RateLimitSpec rateLimit) {

    /** Whether calls go through the batch API. */
    public boolean batch() {
        return spec.batch();
    }
}
