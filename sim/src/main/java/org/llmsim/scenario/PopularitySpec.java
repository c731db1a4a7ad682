package org.llmsim.scenario;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What requests ask, for response caches ({@code popularity}), chosen by {@code dist:}. Each request asks one item
 * of a catalogue, drawn by popularity, in one of {@code paraphrases} wordings (default 1) drawn uniformly: the item
 * is the request's paraphrase group (what a semantic cache matches), the item and wording its content key (what an
 * exact-match cache matches). Requests with the same content key have the same prompt, so the same lengths.
 * Classes naming the same {@code catalogue} (default: the class name) ask from the same items.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "dist")
@JsonSubTypes({
        @JsonSubTypes.Type(value = PopularitySpec.Zipf.class, name = "zipf"),
        @JsonSubTypes.Type(value = PopularitySpec.Empirical.class, name = "empirical")})
public sealed interface PopularitySpec {

    Integer paraphrases();

    String catalogue();

    void validate(String path, Problems problems);

    /** Items {@code 1..items} with probability proportional to {@code 1 / rank^exponent} (default exponent 1). */
    record Zipf(Integer items, Double exponent, Integer paraphrases, String catalogue) implements PopularitySpec {
        public Zipf {
            if (exponent == null) {
                exponent = 1.0;
            }
            if (paraphrases == null) {
                paraphrases = 1;
            }
        }

        @Override
        public void validate(String path, Problems p) {
            if (p.required(path + ".items", items)) {
                p.atLeast(path + ".items", items, 1);
            }
            p.positive(path + ".exponent", exponent);
            p.atLeast(path + ".paraphrases", paraphrases, 1);
        }
    }

    /** Items {@code 1..n} with probabilities proportional to {@code weights} (most popular first, by convention). */
    record Empirical(List<Double> weights, Integer paraphrases, String catalogue) implements PopularitySpec {
        public Empirical {
            if (paraphrases == null) {
                paraphrases = 1;
            }
        }

        @Override
        public void validate(String path, Problems p) {
            p.atLeast(path + ".paraphrases", paraphrases, 1);
            if (p.required(path + ".weights", weights)) {
                p.weights(path + ".weights", weights);
            }
        }
    }
}
