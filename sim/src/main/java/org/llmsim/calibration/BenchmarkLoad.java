package org.llmsim.calibration;

import org.llmsim.scenario.LengthSpec;
import org.llmsim.scenario.Problems;

/**
 * The client side of a benchmark, as {@code vllm bench serve} drives a server: {@code num_prompts} requests sent at
 * {@code request_rate_rps} (Poisson, or gamma-distributed gaps with shape {@code burstiness}; all at once when the
 * rate is left out, vLLM's default {@code inf}), at most {@code max_concurrency} in flight (a closed loop when the
 * rate is infinite), with prompt and output lengths drawn from {@code input_tokens} and {@code output_tokens}.
 *
 * @param numPrompts       requests to send
 * @param requestRateRps   mean requests per second; null means infinite (all sent at time 0)
 * @param burstiness       shape of the gamma distribution of gaps; 1 is Poisson (default), below 1 burstier
 * @param maxConcurrency   most requests in flight; null for no limit
 * @param inputTokens      prompt lengths
 * @param outputTokens     output lengths (the benchmark ignores end-of-sequence, so every request generates them all)
 * @param seed             seed of the lengths and the arrival gaps (default 0, as vLLM's)
 */
public record BenchmarkLoad(Integer numPrompts, Double requestRateRps, Double burstiness, Integer maxConcurrency,
        LengthSpec inputTokens, LengthSpec outputTokens, Long seed) {

    public BenchmarkLoad {
        if (burstiness == null) {
            burstiness = 1.0;
        }
        if (seed == null) {
            seed = 0L;
        }
    }

    /** Whether all requests are sent at time 0 (subject to {@code max_concurrency}). */
    public boolean infiniteRate() {
        return requestRateRps == null || Double.isInfinite(requestRateRps);
    }

    public void validate(String path, Problems p) {
        if (p.required(path + ".num_prompts", numPrompts)) {
            p.atLeast(path + ".num_prompts", numPrompts, 1);
        }
        if (requestRateRps != null && !Double.isInfinite(requestRateRps)) {
            p.positive(path + ".request_rate_rps", requestRateRps);
        }
        p.positive(path + ".burstiness", burstiness);
        p.atLeast(path + ".max_concurrency", maxConcurrency, 1);
        if (p.required(path + ".input_tokens", inputTokens)) {
            inputTokens.validate(path + ".input_tokens", p);
        }
        if (p.required(path + ".output_tokens", outputTokens)) {
            outputTokens.validate(path + ".output_tokens", p);
        }
    }

    /** A short description: "500 prompts at 2 req/s", "1000 prompts at once, concurrency 8". */
    public String describe() {
        String rate = infiniteRate() ? "at once" : "at " + Problems.format(requestRateRps) + " req/s";
        String limit = maxConcurrency == null ? "" : ", concurrency " + maxConcurrency;
        return numPrompts + " prompts " + rate + limit;
    }

    /** The same load under another seed. */
    public BenchmarkLoad withSeed(long value) {
        return new BenchmarkLoad(numPrompts, requestRateRps, burstiness, maxConcurrency, inputTokens, outputTokens,
                value);
    }
}
