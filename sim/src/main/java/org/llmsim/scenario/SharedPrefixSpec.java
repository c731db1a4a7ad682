package org.llmsim.scenario;

/**
 * Shared prompt prefixes ({@code workload.shared_prefix}): every request starts with one of {@code groups} prefixes
 * of {@code tokens} tokens (a system prompt, few-shot examples, an agent's tool definitions), chosen uniformly at
 * random. {@code input_tokens} is the whole prompt, prefix included, so every prompt must be longer than the prefix:
 * validation rejects an input distribution whose shortest prompt is not.
 */
public record SharedPrefixSpec(Integer tokens, Integer groups) {

    public SharedPrefixSpec {
        if (groups == null) {
            groups = 1;
        }
    }

    public void validate(String path, Problems p, LengthSpec inputTokens) {
        if (p.required(path + ".tokens", tokens)) {
            p.atLeast(path + ".tokens", tokens, 1);
        }
        p.atLeast(path + ".groups", groups, 1);
        Integer shortest = LengthSpec.shortest(inputTokens);
        if (tokens != null && shortest != null && shortest <= tokens) {
            p.add(path + ".tokens", "must be less than the shortest prompt (input_tokens can be " + shortest
                    + " tokens), got " + tokens + "; input_tokens counts the whole prompt, prefix included: raise its "
                    + "min (or value) to at least " + (tokens + 1));
        }
    }
}
