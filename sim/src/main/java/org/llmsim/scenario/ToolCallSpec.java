package org.llmsim.scenario;

/**
 * Tool calls made together ({@code tool} of an agent): {@code parallel} calls at once, each taking a draw of
 * {@code latency_s} cut at {@code timeout_s} (a call that times out returns nothing and is counted), each adding
 * {@code output_tokens} to the next prompt and costing {@code usd_per_call}. The calls end when the slowest does.
 *
 * @param latencyS     time of one call, seconds
 * @param timeoutS     a call is given up after this long, seconds (default: never)
 * @param parallel     calls made at once (default 1)
 * @param outputTokens tokens each answered call adds to the next prompt (default 0)
 * @param usdPerCall   price of one call, USD (default 0)
 */
public record ToolCallSpec(TimeSpec latencyS, Double timeoutS, Integer parallel, LengthSpec outputTokens,
        Double usdPerCall) {

    public ToolCallSpec {
        if (parallel == null) {
            parallel = 1;
        }
    }

    public void validate(String path, Problems p) {
        if (p.required(path + ".latency_s", latencyS)) {
            latencyS.validate(path + ".latency_s", p);
        }
        p.positive(path + ".timeout_s", timeoutS);
        if (!(parallel >= 1 && parallel <= 64)) {
            p.add(path + ".parallel", "must be in [1, 64] (calls made at once), got " + parallel);
        }
        if (outputTokens != null) {
            outputTokens.validate(path + ".output_tokens", p);
        }
        StageSpec.price(path + ".usd_per_call", usdPerCall, p);
    }

    /** Most tokens the calls add together. */
    public long maxAddedTokens() {
        return outputTokens == null ? 0 : (long) parallel * outputTokens.upperBound();
    }
}
