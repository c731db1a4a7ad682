package org.llmsim.scenario;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Rules of a request pipeline ({@code pipeline} of a class) that span its stages: unique names, a stage that gives
 * the answer, text to speech and judges after it, a budget only with a pipeline. Tier and pool names are checked
 * with the rest of the cluster ({@link ApplicationLayerCheck}).
 */
public final class PipelineCheck {
    /** {@code budget_metric} values: the budget bounds the end-to-end latency or the time to first token. */
    public static final List<String> BUDGET_METRICS = List.of("e2e", "ttft");

    private PipelineCheck() {
    }

    /**
     * The stage that gives the request's answer: the last {@code llm} or {@code agent} stage, or -1 when there is
     * none.
     */
    public static int answerIndex(List<StageSpec> pipeline) {
        for (int i = pipeline.size() - 1; i >= 0; i--) {
            StageSpec s = pipeline.get(i);
            if (s instanceof LlmStageSpec || s instanceof AgentStageSpec) {
                return i;
            }
        }
        return -1;
    }

    static void validate(String path, List<StageSpec> pipeline, Double budgetS, String budgetMetric, Problems p) {
        if (pipeline == null) {
            if (budgetS != null) {
                p.add(path + ".budget_s", "applies to a class with a pipeline; for a single model call use "
                        + "slo.e2e_s");
            }
            if (budgetMetric != null) {
                p.add(path + ".budget_metric", "applies to a class with a pipeline");
            }
            return;
        }
        String at = path + ".pipeline";
        if (pipeline.isEmpty()) {
            p.add(at, "must list at least one stage (leave it out for a single model call)");
            return;
        }
        int before = p.count();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < pipeline.size(); i++) {
            StageSpec s = pipeline.get(i);
            if (s == null) {
                p.add(at + "[" + i + "]", "is empty");
                continue;
            }
            s.validate(at + "[" + i + "]", p);
            if (!names.add(s.label())) {
                p.add(at + "[" + i + "].name", "duplicate stage name '" + s.label() + "': give each stage of a kind "
                        + "that repeats a name of its own");
            }
        }
        if (p.count() > before) {
            return;
        }
        int answer = answerIndex(pipeline);
        if (answer < 0) {
            p.add(at, "needs a stage that gives the answer: an llm or agent stage");
        } else if (pipeline.get(answer) instanceof LlmStageSpec llm && llm.outputTokens() != null) {
            p.add(at + "[" + answer + "].output_tokens", "the last model stage gives the answer, as long as the "
                    + "request's output_tokens; remove output_tokens here");
        }
        int tts = 0;
        for (int i = 0; i < pipeline.size(); i++) {
            StageSpec s = pipeline.get(i);
            if (s instanceof TtsStageSpec) {
                tts++;
                if (i < answer) {
                    p.add(at + "[" + i + "]", "text to speech speaks the answer: put it after the stage that gives "
                            + "it (" + pipeline.get(answer).label() + ")");
                }
            }
            if (s instanceof JudgeStageSpec && answer >= 0 && i < answer) {
                p.add(at + "[" + i + "]", "a judge grades the answer: put it after the stage that gives it ("
                        + pipeline.get(answer).label() + ")");
            }
        }
        if (tts > 1) {
            p.add(at, "has " + tts + " tts stages; one speaks the answer");
        }
        p.positive(path + ".budget_s", budgetS);
        if (budgetMetric != null && !BUDGET_METRICS.contains(budgetMetric)) {
            p.add(path + ".budget_metric", "must be one of e2e, ttft, got '" + budgetMetric + "'");
        }
        if (budgetMetric != null && budgetS == null) {
            p.add(path + ".budget_metric", "needs budget_s");
        }
    }

    /**
     * Most prompt tokens a model call of the pipeline can have, given the request's longest prompt and answer: the
     * prompt, everything every stage can add, and an answer (a judge reads it).
     */
    static long maxCallInputTokens(List<StageSpec> pipeline, long maxInput, int maxOutput) {
        long total = maxInput + maxOutput;
        for (StageSpec s : pipeline) {
            total += s.maxAddedTokens();
            if (s instanceof LlmStageSpec llm && llm.outputTokens() == null) {
                total += maxOutput;
            }
        }
        return total;
    }

    /** Longest output a model call of the pipeline can ask for. */
    static int maxCallOutputTokens(List<StageSpec> pipeline, int maxOutput) {
        int most = maxOutput;
        for (StageSpec s : pipeline) {
            most = Math.max(most, s.maxCallOutputTokens());
        }
        return most;
    }
}
