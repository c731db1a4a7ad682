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
        Integer shortest = shortest(inputTokens);
        if (tokens != null && shortest != null && shortest <= tokens) {
            p.add(path + ".tokens", "must be less than the shortest prompt (input_tokens can be " + shortest
                    + " tokens), got " + tokens + "; input_tokens counts the whole prompt, prefix included: raise its "
                    + "min (or value) to at least " + (tokens + 1));
        }
    }

    /** The smallest prompt the distribution can produce, or null when unknown. */
    private static Integer shortest(LengthSpec spec) {
        if (spec instanceof LengthSpec.Fixed f) {
            return f.value();
        }
        if (spec instanceof LengthSpec.Uniform u) {
            return u.min();
        }
        if (spec instanceof LengthSpec.Lognormal l) {
            return l.lowerBound();
        }
        if (spec instanceof LengthSpec.Empirical e && e.values() != null) {
            return e.values().stream().filter(v -> v != null).min(Integer::compare).orElse(null);
        }
        return null;
    }
}
