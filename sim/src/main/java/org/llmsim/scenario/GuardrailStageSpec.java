package org.llmsim.scenario;

/**
 * Input validation or a safety classifier in front of the model ({@code stage: guardrail}): it takes its latency and
 * price, and refuses a share {@code block_rate} of the requests, which end rejected ({@code guardrail}) without any
 * model call.
 *
 * @param name          its name in outputs (default {@code guardrail})
 * @param latencyS      how long it takes, seconds
 * @param usdPerRequest what it costs per request, USD (default 0)
 * @param blockRate     share of requests it refuses, in [0, 1] (default 0)
 */
public record GuardrailStageSpec(String name, TimeSpec latencyS, Double usdPerRequest, Double blockRate)
        implements StageSpec {

    public GuardrailStageSpec {
        if (blockRate == null) {
            blockRate = 0.0;
        }
    }

    @Override
    public String kind() {
        return "guardrail";
    }

    @Override
    public void validate(String path, Problems p) {
        if (p.required(path + ".latency_s", latencyS)) {
            latencyS.validate(path + ".latency_s", p);
        }
        StageSpec.price(path + ".usd_per_request", usdPerRequest, p);
        if (!(blockRate >= 0 && blockRate <= 1)) {
            p.add(path + ".block_rate", "must be a share in [0, 1], got " + Problems.format(blockRate));
        }
    }

    @Override
    public long maxAddedTokens() {
        return 0;
    }
}
