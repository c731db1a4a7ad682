package org.llmsim.scenario;

/**
 * A circuit breaker in front of a pool ({@code cluster.pools[i].circuit_breaker}): after {@code failures} calls in a
 * row fail (a server error or a timeout; 429s and prompts over the context window are the client's problem and do
 * not count), the breaker opens and calls go straight to the pool's {@code fallback} (or fail) without being sent.
 * {@code cooldown_s} later it lets one probe call through (half-open): an answer closes it, a failure opens it for
 * another cooldown. Defaults: 5 failures, 30 s.
 *
 * @param failures  consecutive failures that open the breaker
 * @param cooldownS time the breaker stays open before the probe, seconds
 */
public record CircuitBreakerSpec(Integer failures, Double cooldownS) {

    public CircuitBreakerSpec {
        if (failures == null) {
            failures = 5;
        }
        if (cooldownS == null) {
            cooldownS = 30.0;
        }
    }

    public void validate(String path, Problems p) {
        p.atLeast(path + ".failures", failures, 1);
        p.positive(path + ".cooldown_s", cooldownS);
    }
}
