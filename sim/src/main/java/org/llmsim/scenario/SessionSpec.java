package org.llmsim.scenario;

/**
 * Multi-turn conversations ({@code sessions}): each arrival of the class starts a session of {@code turns} requests
 * (a number or a distribution). Turn k is sent {@code think_time_s} after turn k-1's answer is complete, and its
 * prompt is the whole conversation so far (earlier prompts and answers) plus a new input, so the turns of a session
 * share their context for the prefix cache. The first turn's prompt is a draw of {@code input_tokens} (which counts
 * the shared prefix); each later turn adds a draw of {@code input_tokens} minus the prefix. With
 * {@code think_time_s} as the time of a tool call, this is also an agent loop. A session ends early when a turn is
 * rejected, when arrivals stop at {@code duration_s}, or when the next prompt plus its answer would exceed
 * {@code max_context_tokens}.
 */
public record SessionSpec(LengthSpec turns, TimeSpec thinkTimeS, Integer maxContextTokens) {

    public void validate(String path, Problems p) {
        if (p.required(path + ".turns", turns)) {
            turns.validate(path + ".turns", p);
        }
        if (p.required(path + ".think_time_s", thinkTimeS)) {
            thinkTimeS.validate(path + ".think_time_s", p);
        }
        p.atLeast(path + ".max_context_tokens", maxContextTokens, 2);
    }
}
