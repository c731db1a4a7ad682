package org.llmsim.app;

import org.apache.commons.math3.random.RandomGenerator;
import org.llmsim.request.Request;
import org.llmsim.workload.TimeSampler;

/**
 * Semantic response cache ({@code kind: semantic}): the prompt is embedded and matched against stored questions by
 * cosine similarity. The workload says which requests ask the same thing (the paraphrase group) and in which words
 * (the content key); the similarity threshold says how often a match is found:
 *
 * <ul>
 *   <li>the same words are stored: similarity 1, always a hit;</li>
 *   <li>the question is stored in other words: a hit with probability {@code paraphrase_hit_rate};</li>
 *   <li>otherwise (and for a paraphrase that was not matched): with probability {@code false_positive_rate} the
 *       nearest stored question passes the threshold anyway and its answer, to another question, is returned.</li>
 * </ul>
 *
 * One entry per question (paraphrase group), held under LRU and TTL like the exact cache; each lookup pays the
 * embedding's latency and price.
 */
final class SemanticCache extends StoredAnswers {
    private final TimeSampler embedding;
    private final TimeSampler lookup;
    private final double usdPerToken;
    private final double paraphraseHitRate;
    private final double falsePositiveRate;
    private final RandomGenerator rng;

    SemanticCache(String name, long capacity, double ttlS, TimeSampler embedding, TimeSampler lookup,
            double usdPerMtok, double paraphraseHitRate, double falsePositiveRate, RandomGenerator rng,
            ClassFilter classes) {
        super(name, capacity, ttlS, classes);
        this.embedding = embedding;
        this.lookup = lookup;
        this.usdPerToken = usdPerMtok / 1e6;
        this.paraphraseHitRate = paraphraseHitRate;
        this.falsePositiveRate = falsePositiveRate;
        this.rng = rng;
    }

    @Override
    public String kind() {
        return "semantic";
    }

    @Override
    public Outcome lookup(Request user, double nowS) {
        // Two draws per lookup whatever the outcome, so one request's luck does not shift the next one's.
        double paraphraseDraw = rng.nextDouble();
        double falseDraw = rng.nextDouble();
        if (user.paraphraseGroup() >= 0) {
            long wording = answers.get(user.paraphraseGroup(), nowS);
            if (wording != LruTtlStore.ABSENT && (wording == user.contentKey() || paraphraseDraw < paraphraseHitRate)) {
                return Outcome.HIT;
            }
        }
        return !answers.isEmpty() && falseDraw < falsePositiveRate ? Outcome.FALSE_POSITIVE : Outcome.MISS;
    }

    @Override
    public double lookupLatencyS() {
        return embedding.sampleS() + lookup.sampleS();
    }

    @Override
    public double lookupUsd(Request user) {
        return user.inputTokens() * usdPerToken;
    }

    @Override
    public void store(Request user, double nowS) {
        if (user.paraphraseGroup() >= 0 && answers.get(user.paraphraseGroup(), nowS) == LruTtlStore.ABSENT) {
            answers.put(user.paraphraseGroup(), user.contentKey(), nowS);
        }
    }
}
