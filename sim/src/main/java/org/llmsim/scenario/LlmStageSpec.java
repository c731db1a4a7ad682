package org.llmsim.scenario;

/**
 * A model call ({@code stage: llm}) to a tier of {@code cluster.routing} or straight to a pool; with neither, to the
 * tier the routing picks for the request (the default tier without routing). Its prompt is the request's plus what
 * earlier stages added. The pipeline's last model stage gives the answer, as long as the request's output; an earlier
 * one (a query rewrite, a plan) generates {@code output_tokens} (default: as many as the answer), which join the
 * prompt of later calls. A share {@code malformed.probability} of its answers cannot
 * be parsed and the call is made again, paying again, up to {@code malformed.max_retries} times; after that the
 * request fails ({@code malformed_output}).
 *
 * @param name         its name in outputs (default {@code llm}; two model stages need names)
 * @param tier         the tier its calls go to
 * @param pool         the pool its calls go to (instead of a tier)
 * @param outputTokens tokens an earlier (not the answering) stage generates; default: as many as the answer
 * @param malformed    retries on unparseable output
 */
public record LlmStageSpec(String name, String tier, String pool, LengthSpec outputTokens, Malformed malformed)
        implements StageSpec {

    /**
     * Unparseable answers.
     *
     * @param probability share of answers that are malformed, in [0, 1]
     * @param maxRetries  calls made again at most before the request fails (default 1)
     */
    public record Malformed(Double probability, Integer maxRetries) {
        public Malformed {
            if (maxRetries == null) {
                maxRetries = 1;
            }
        }

        void validate(String path, Problems p) {
            if (p.required(path + ".probability", probability) && !(probability >= 0 && probability <= 1)) {
                p.add(path + ".probability", "must be a probability in [0, 1], got " + Problems.format(probability));
            }
            p.atLeast(path + ".max_retries", maxRetries, 0);
        }
    }

    @Override
    public String kind() {
        return "llm";
    }

    @Override
    public boolean callsModel() {
        return true;
    }

    @Override
    public void validate(String path, Problems p) {
        StageSpec.tierOrPool(path, tier, pool, p);
        if (outputTokens != null) {
            outputTokens.validate(path + ".output_tokens", p);
        }
        if (malformed != null) {
            malformed.validate(path + ".malformed", p);
        }
    }

    @Override
    public long maxAddedTokens() {
        return outputTokens == null ? 0 : outputTokens.upperBound();
    }

    @Override
    public int maxCallOutputTokens() {
        return outputTokens == null ? 0 : outputTokens.upperBound();
    }
}
