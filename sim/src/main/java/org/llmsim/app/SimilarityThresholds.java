package org.llmsim.app;

/**
 * What a semantic cache's cosine-similarity threshold buys: the share of paraphrased repeats it catches and the
 * share of new questions it wrongly matches. No public evaluation gives this curve for a standard embedding model,
 * so it is an assumption, anchored on practitioners' figures: 0.95 is the usual default, with false positives under
 * 1% and most paraphrases caught; 0.97 is "strict"; below 0.90 wrong matches climb into the percents. Interpolated
 * linearly between the points; scenarios with their own evaluation set {@code paraphrase_hit_rate} and
 * {@code false_positive_rate} instead.
 */
final class SimilarityThresholds {
    /** threshold, paraphrase hit rate, false-positive rate. */
    private static final double[][] CURVE = {
            {0.80, 0.97, 0.100},
            {0.85, 0.94, 0.050},
            {0.90, 0.88, 0.020},
            {0.95, 0.75, 0.008},
            {0.97, 0.60, 0.003},
            {0.99, 0.30, 0.0005},
    };

    private SimilarityThresholds() {
    }

    /** Share of paraphrases of a stored question matched at {@code threshold}. */
    static double paraphraseHitRate(double threshold) {
        return interpolate(threshold, 1);
    }

    /** Share of lookups of an unstored question that match a wrong answer at {@code threshold}. */
    static double falsePositiveRate(double threshold) {
        return interpolate(threshold, 2);
    }

    private static double interpolate(double t, int column) {
        if (t <= CURVE[0][0]) {
            return CURVE[0][column];
        }
        for (int i = 1; i < CURVE.length; i++) {
            if (t <= CURVE[i][0]) {
                double f = (t - CURVE[i - 1][0]) / (CURVE[i][0] - CURVE[i - 1][0]);
                return CURVE[i - 1][column] + f * (CURVE[i][column] - CURVE[i - 1][column]);
            }
        }
        return CURVE[CURVE.length - 1][column];
    }
}
