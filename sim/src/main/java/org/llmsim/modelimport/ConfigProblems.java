package org.llmsim.modelimport;

import java.util.List;

/** A config that cannot be imported: every problem, each naming its field. */
public final class ConfigProblems extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** One problem: the config's field (dotted, as in {@code text_config.head_dim}) and what is wrong. */
    public record Problem(String field, String message) {
    }

    private final transient List<Problem> problems;

    public ConfigProblems(List<Problem> problems) {
        super(problems.isEmpty() ? "" : problems.get(0).field() + ": " + problems.get(0).message());
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
