package org.llmsim.scenario;

/**
 * Ingress rate limits ({@code rate_limit}) as token buckets, the way API gateways and providers enforce requests
 * and tokens per minute. A bucket holds up to its burst (default: one minute's worth) and refills continuously at the
 * limit; a request that finds either bucket short is rejected ({@code rate_limit_requests} or
 * {@code rate_limit_tokens}) and takes nothing from either. Tokens count the prompt plus the output.
 */
public record RateLimitSpec(Double requestsPerMin, Double tokensPerMin, Double burstRequests, Double burstTokens) {

    /** Bucket size for requests (default: one minute's worth). */
    public double requestBurst() {
        return burstRequests != null ? burstRequests : requestsPerMin;
    }

    /** Bucket size for tokens (default: one minute's worth). */
    public double tokenBurst() {
        return burstTokens != null ? burstTokens : tokensPerMin;
    }

    public void validate(String path, Problems p) {
        if (requestsPerMin == null && tokensPerMin == null) {
            p.add(path, "give requests_per_min, tokens_per_min or both");
        }
        p.positive(path + ".requests_per_min", requestsPerMin);
        p.positive(path + ".tokens_per_min", tokensPerMin);
        if (burstRequests != null) {
            p.atLeast(path + ".burst_requests", burstRequests, 1);
            if (requestsPerMin == null) {
                p.add(path + ".burst_requests", "only goes with requests_per_min");
            }
        }
        if (burstTokens != null) {
            p.atLeast(path + ".burst_tokens", burstTokens, 1);
            if (tokensPerMin == null) {
                p.add(path + ".burst_tokens", "only goes with tokens_per_min");
            }
        }
    }
}
