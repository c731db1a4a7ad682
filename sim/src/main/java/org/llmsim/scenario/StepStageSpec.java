package org.llmsim.scenario;

/**
 * A stage that only takes time and perhaps money ({@code stage: step}): voice activity detection, speech
 * recognition, authentication, post-processing, anything without a model call of its own.
 *
 * @param name          its name in outputs (required: a step is whatever you call it)
 * @param latencyS      how long it takes, seconds
 * @param usdPerRequest what it costs per request, USD (default 0)
 */
public record StepStageSpec(String name, TimeSpec latencyS, Double usdPerRequest) implements StageSpec {

    @Override
    public String kind() {
        return "step";
    }

    @Override
    public void validate(String path, Problems p) {
        p.required(path + ".name", name);
        if (p.required(path + ".latency_s", latencyS)) {
            latencyS.validate(path + ".latency_s", p);
        }
        StageSpec.price(path + ".usd_per_request", usdPerRequest, p);
    }

    @Override
    public long maxAddedTokens() {
        return 0;
    }
}
