package org.llmsim.scenario;

/**
 * Tool calls between model calls ({@code stage: tool}): a search API, a database, code execution. {@code parallel}
 * calls run at once as branches; the stage ends when the slowest ends or is cut at {@code timeout_s} (counted; the
 * request goes on without that result). Each answered call adds {@code output_tokens} to the prompt of later model
 * calls and costs {@code usd_per_call}.
 *
 * @param name         its name in outputs (default {@code tool})
 * @param latencyS     time of one call, seconds
 * @param timeoutS     a call is given up after this long, seconds (default: never)
 * @param parallel     calls made at once (default 1)
 * @param outputTokens tokens each answered call adds to later prompts (default 0)
 * @param usdPerCall   price of one call, USD (default 0)
 */
public record ToolStageSpec(String name, TimeSpec latencyS, Double timeoutS, Integer parallel,
        LengthSpec outputTokens, Double usdPerCall) implements StageSpec {

    @Override
    public String kind() {
        return "tool";
    }

    /** The calls this stage makes. */
    public ToolCallSpec calls() {
        return new ToolCallSpec(latencyS, timeoutS, parallel, outputTokens, usdPerCall);
    }

    @Override
    public void validate(String path, Problems p) {
        calls().validate(path, p);
    }

    @Override
    public long maxAddedTokens() {
        return calls().maxAddedTokens();
    }
}
