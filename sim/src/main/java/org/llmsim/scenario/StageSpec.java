package org.llmsim.scenario;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One stage of a request pipeline ({@code workload.classes[i].pipeline[j]}), chosen by {@code stage:}. Stages run one
 * after the other; each has a latency and a cost, and the ones that call a model ({@code llm}, {@code agent},
 * {@code judge}) send backend calls through the tiers and pools of the cluster, so retries, fallbacks and breakers
 * apply to them. Each kind lives in its own file.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "stage")
@JsonSubTypes({
        @JsonSubTypes.Type(value = StepStageSpec.class, name = "step"),
        @JsonSubTypes.Type(value = GuardrailStageSpec.class, name = "guardrail"),
        @JsonSubTypes.Type(value = RetrieveStageSpec.class, name = "retrieve"),
        @JsonSubTypes.Type(value = LlmStageSpec.class, name = "llm"),
        @JsonSubTypes.Type(value = ToolStageSpec.class, name = "tool"),
        @JsonSubTypes.Type(value = AgentStageSpec.class, name = "agent"),
        @JsonSubTypes.Type(value = JudgeStageSpec.class, name = "judge"),
        @JsonSubTypes.Type(value = TtsStageSpec.class, name = "tts")})
public sealed interface StageSpec permits StepStageSpec, GuardrailStageSpec, RetrieveStageSpec, LlmStageSpec,
        ToolStageSpec, AgentStageSpec, JudgeStageSpec, TtsStageSpec {

    /** The name as written, or null. */
    String name();

    /** The {@code stage:} value. */
    String kind();

    /** The name in outputs: as written, else the kind. */
    default String label() {
        return name() != null ? name() : kind();
    }

    /** Checks the stage on its own (tier and pool names are checked against the cluster when the scenario loads). */
    void validate(String path, Problems problems);

    /** Most prompt tokens the stage can add to the calls of later stages (retrieved chunks, tool results, outputs). */
    long maxAddedTokens();

    /** Longest output any model call of the stage can ask for, besides the request's own answer (0 if none). */
    default int maxCallOutputTokens() {
        return 0;
    }

    /** Whether the stage calls a model (and so names a tier or pool, or takes the routed tier). */
    default boolean callsModel() {
        return false;
    }

    /** The tier its model calls go to, or null. */
    default String tier() {
        return null;
    }

    /** The pool its model calls go to, or null. */
    default String pool() {
        return null;
    }

    /** Checks that a model stage names a tier or a pool, not both. */
    static void tierOrPool(String path, String tier, String pool, Problems p) {
        if (tier != null && pool != null) {
            p.add(path + ".pool", "give tier or pool, not both (tier '" + tier + "', pool '" + pool + "')");
        }
    }

    /** Checks an optional price. */
    static void price(String path, Double usd, Problems p) {
        p.nonNegative(path, usd);
    }
}
