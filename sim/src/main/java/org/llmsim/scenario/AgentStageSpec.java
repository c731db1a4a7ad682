package org.llmsim.scenario;

/**
 * An agent loop ({@code stage: agent}): a task needs {@code steps} model calls (a draw per request); after every
 * call but the last, the agent runs its {@code tool} calls and the next call's prompt holds everything so far (the
 * outputs of earlier steps and the tool results: the context grows step by step, and a prompt past the model's
 * context window is refused, {@code context_window}). Intermediate steps generate {@code step_output_tokens}; the last
 * gives the request's answer. The loop stops early at {@code max_steps} calls or once the task's spend (its API calls
 * and tool calls) reaches {@code max_spend_usd}; a stopped task still returns what it has, and is counted.
 *
 * @param name             its name in outputs (default {@code agent})
 * @param tier             the tier its calls go to
 * @param pool             the pool its calls go to (instead of a tier)
 * @param steps            model calls the task needs
 * @param maxSteps         step cap: model calls at most (default: none)
 * @param maxSpendUsd      spend cap per task, USD (default: none)
 * @param stepOutputTokens tokens an intermediate step generates (a plan, a tool call)
 * @param tool             the tool calls after each intermediate step (default: none)
 */
public record AgentStageSpec(String name, String tier, String pool, LengthSpec steps, Integer maxSteps,
        Double maxSpendUsd, LengthSpec stepOutputTokens, ToolCallSpec tool) implements StageSpec {

    @Override
    public String kind() {
        return "agent";
    }

    @Override
    public boolean callsModel() {
        return true;
    }

    @Override
    public void validate(String path, Problems p) {
        StageSpec.tierOrPool(path, tier, pool, p);
        if (p.required(path + ".steps", steps)) {
            steps.validate(path + ".steps", p);
        }
        p.atLeast(path + ".max_steps", maxSteps, 1);
        p.positive(path + ".max_spend_usd", maxSpendUsd);
        if (p.required(path + ".step_output_tokens", stepOutputTokens)) {
            stepOutputTokens.validate(path + ".step_output_tokens", p);
        }
        if (tool != null) {
            tool.validate(path + ".tool", p);
        }
    }

    /** Most calls a task makes: its longest task, cut at the step cap. */
    public int maxCalls() {
        int longest = steps.upperBound();
        return maxSteps == null ? longest : Math.min(longest, maxSteps);
    }

    @Override
    public long maxAddedTokens() {
        long perStep = stepOutputTokens.upperBound() + (tool == null ? 0 : tool.maxAddedTokens());
        return perStep * Math.max(0, maxCalls() - 1);
    }

    @Override
    public int maxCallOutputTokens() {
        return stepOutputTokens.upperBound();
    }
}
