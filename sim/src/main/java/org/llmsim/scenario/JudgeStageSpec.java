package org.llmsim.scenario;

/**
 * A judge model grading a sampled share of the answers ({@code stage: judge}): for a share {@code sample} of the
 * requests it makes one model call whose prompt is the request's prompt, what earlier stages added and the answer,
 * and whose output is {@code output_tokens} (a score, a verdict). The answer waits for the verdict (a gate on what
 * the user sees); requests not sampled skip the stage.
 *
 * @param name         its name in outputs (default {@code judge})
 * @param tier         the tier its calls go to
 * @param pool         the pool its calls go to (instead of a tier)
 * @param sample       share of requests judged, in (0, 1]
 * @param outputTokens tokens of the verdict
 */
public record JudgeStageSpec(String name, String tier, String pool, Double sample, LengthSpec outputTokens)
        implements StageSpec {

    @Override
    public String kind() {
        return "judge";
    }

    @Override
    public boolean callsModel() {
        return true;
    }

    @Override
    public void validate(String path, Problems p) {
        StageSpec.tierOrPool(path, tier, pool, p);
        if (p.required(path + ".sample", sample)) {
            p.fraction(path + ".sample", sample);
        }
        if (p.required(path + ".output_tokens", outputTokens)) {
            outputTokens.validate(path + ".output_tokens", p);
        }
    }

    @Override
    public long maxAddedTokens() {
        return 0;
    }

    @Override
    public int maxCallOutputTokens() {
        return outputTokens.upperBound();
    }
}
