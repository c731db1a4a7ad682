package org.llmsim.workload;

import org.apache.commons.math3.distribution.EnumeratedIntegerDistribution;
import org.apache.commons.math3.distribution.IntegerDistribution;
import org.apache.commons.math3.distribution.ZipfDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.llmsim.scenario.PopularitySpec;

/**
 * Draws what a request asks: an item of a catalogue by popularity rank (Zipf, sampled by rejection-inversion in
 * constant time, or an empirical table) and one of its paraphrases uniformly. The item's id is the paraphrase group;
 * item and paraphrase together give the content key. Ids are hashes of the catalogue name, so classes that name the
 * same catalogue ask the same items.
 */
public final class ContentPopularity {
    private final IntegerDistribution ranks;
    private final int paraphrases;
    private final long catalogueId;
    private final RandomGenerator rng;
    private long lastGroup;
    private long lastKey;

    public ContentPopularity(PopularitySpec spec, String catalogue, RandomGenerator rng) {
        this.rng = rng;
        this.paraphrases = spec.paraphrases();
        this.catalogueId = Ids.of("catalogue:" + catalogue);
        if (spec instanceof PopularitySpec.Zipf z) {
            this.ranks = new ZipfDistribution(rng, z.items(), z.exponent());
        } else {
            PopularitySpec.Empirical e = (PopularitySpec.Empirical) spec;
            int[] items = new int[e.weights().size()];
            double[] weights = new double[items.length];
            for (int i = 0; i < items.length; i++) {
                items[i] = i + 1;
                weights[i] = e.weights().get(i);
            }
            this.ranks = new EnumeratedIntegerDistribution(rng, items, weights);
        }
    }

    /** Draws the next request's content; read it with {@link #group()} and {@link #key()}. */
    public void draw() {
        int rank = ranks.sample();
        int wording = paraphrases > 1 ? rng.nextInt(paraphrases) : 0;
        lastGroup = groupOf(rank);
        lastKey = Ids.mix(lastGroup, wording);
    }

    /** Paraphrase group (the item) of the last draw. */
    public long group() {
        return lastGroup;
    }

    /** Content key (item and wording) of the last draw. */
    public long key() {
        return lastKey;
    }

    /** The paraphrase group of the item at popularity rank {@code rank} (1 is the most popular). */
    public long groupOf(int rank) {
        return Ids.mix(catalogueId, rank);
    }
}
