package org.llmsim.scenario;

/**
 * The traffic of a scenario: when requests arrive, how long their prompts and outputs are, what latency they need,
 * and optionally which prompt prefixes they share ({@code shared_prefix}, null when none).
 */
public record WorkloadSpec(ArrivalSpec arrival, LengthSpec inputTokens, LengthSpec outputTokens, SloSpec slo,
        SharedPrefixSpec sharedPrefix) {

    public WorkloadSpec {
        if (slo == null) {
            slo = new SloSpec(null, null, null);
        }
    }

    public void validate(String path, Problems p) {
        if (p.required(path + ".arrival", arrival)) {
            arrival.validate(path + ".arrival", p);
        }
        if (p.required(path + ".input_tokens", inputTokens)) {
            inputTokens.validate(path + ".input_tokens", p);
        }
        if (p.required(path + ".output_tokens", outputTokens)) {
            outputTokens.validate(path + ".output_tokens", p);
        }
        slo.validate(path + ".slo", p);
        if (sharedPrefix != null) {
            sharedPrefix.validate(path + ".shared_prefix", p, inputTokens);
        }
    }
}
