package org.llmsim.scenario;

/**
 * A system prompt shared by the requests of a class ({@code shared_prefix}): every prompt starts with one of
 * {@code groups} prefixes (default 1) of {@code tokens} tokens, picked uniformly per request (per session for
 * multi-turn classes), followed by the request's own input of {@code input_tokens}.
 */
public record SharedPrefixSpec(Integer tokens, Integer groups) {

    public SharedPrefixSpec {
        if (groups == null) {
            groups = 1;
        }
    }

    public void validate(String path, Problems p) {
        if (p.required(path + ".tokens", tokens)) {
            p.atLeast(path + ".tokens", tokens, 1);
        }
        p.atLeast(path + ".groups", groups, 1);
    }
}
