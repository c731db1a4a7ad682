package org.llmsim.scenario;

import java.util.List;


/**
 * A response cache in front of the models ({@code cluster.caches[i]}); caches are asked in list order and a hit
 * returns the stored answer after the cache's latency, with no model work. {@code kind} picks the implementation
 * (named in {@link PluggableKinds#cacheKinds()}): {@code exact} matches the request's content key (same item, same
 * wording); {@code semantic} matches its paraphrase group (same item, any wording) through embeddings.
 *
 * @param kind                 {@code exact} or {@code semantic}
 * @param name                 name in outputs (default: the kind)
 * @param capacityEntries      answers held at most; the least recently used goes first (default: unbounded)
 * @param ttlS                 an answer expires this long after it was stored (default: never)
 * @param lookupLatencyS       time of a lookup, seconds (default 0)
 * @param classes              request classes that use the cache (default: all)
 * @param similarityThreshold  semantic: the cosine similarity a match needs (default 0.95); it sets the share of
 *                             paraphrases caught and of false matches, unless these are given
 * @param paraphraseHitRate    semantic: share of lookups whose item is stored under another wording that match
 * @param falsePositiveRate    semantic: share of lookups whose item is not stored that match a wrong answer
 * @param embeddingLatencyS    semantic: time to embed the prompt before the lookup, seconds (default 0)
 * @param embeddingUsdPerMtok  semantic: price of embedding, USD per million prompt tokens (default 0)
 */
public record CacheSpec(String kind, String name, Long capacityEntries, Double ttlS, TimeSpec lookupLatencyS,
        List<String> classes, Double similarityThreshold, Double paraphraseHitRate, Double falsePositiveRate,
        TimeSpec embeddingLatencyS, Double embeddingUsdPerMtok) {

    public CacheSpec {
        if (name == null) {
            name = kind;
        }
        if (lookupLatencyS == null) {
            lookupLatencyS = new TimeSpec.Fixed(0.0);
        }
        if ("semantic".equals(kind)) {
            if (similarityThreshold == null) {
                similarityThreshold = 0.95;
            }
            if (embeddingLatencyS == null) {
                embeddingLatencyS = new TimeSpec.Fixed(0.0);
            }
            if (embeddingUsdPerMtok == null) {
                embeddingUsdPerMtok = 0.0;
            }
        }
    }

    public boolean semanticMatch() {
        return "semantic".equals(kind);
    }

    public void validate(String path, Problems p) {
        if (!p.required(path + ".kind", kind)) {
            return;
        }
        if (!PluggableKinds.cacheKinds().contains(kind)) {
            p.add(path + ".kind", "must be one of " + String.join(", ", PluggableKinds.cacheKinds()) + ", got '" + kind
                    + "'");
            return;
        }
        p.atLeast(path + ".capacity_entries", capacityEntries, 1);
        p.positive(path + ".ttl_s", ttlS);
        lookupLatencyS.validate(path + ".lookup_latency_s", p);
        if (classes != null && classes.isEmpty()) {
            p.add(path + ".classes", "must list at least one class (leave it out for every class)");
        }
        if (!semanticMatch()) {
            String[] semanticOnly = {"similarity_threshold", "paraphrase_hit_rate", "false_positive_rate",
                    "embedding_latency_s", "embedding_usd_per_mtok"};
            Object[] values = {similarityThreshold, paraphraseHitRate, falsePositiveRate, embeddingLatencyS,
                    embeddingUsdPerMtok};
            for (int i = 0; i < semanticOnly.length; i++) {
                if (values[i] != null) {
                    p.add(path + "." + semanticOnly[i], "applies to kind: semantic only (an exact cache matches the "
                            + "content key)");
                }
            }
            return;
        }
        if (!(similarityThreshold > 0 && similarityThreshold < 1)) {
            p.add(path + ".similarity_threshold", "must be a cosine similarity in (0, 1), e.g. 0.95, got "
                    + Problems.format(similarityThreshold));
        }
        probability(path + ".paraphrase_hit_rate", paraphraseHitRate, p);
        probability(path + ".false_positive_rate", falsePositiveRate, p);
        embeddingLatencyS.validate(path + ".embedding_latency_s", p);
        p.nonNegative(path + ".embedding_usd_per_mtok", embeddingUsdPerMtok);
    }

    private static void probability(String path, Double v, Problems p) {
        if (v != null && !(v >= 0 && v <= 1)) {
            p.add(path, "must be a probability in [0, 1], got " + Problems.format(v));
        }
    }
}
