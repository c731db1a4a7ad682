package org.llmsim.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.llmsim.request.Request;
import org.llmsim.scenario.RoutingSpec;

/**
 * Picks a request's first tier: the tier of the first rule whose every condition holds (classes, prompt length,
 * the classifier's difficulty draw), else the default tier. The classifier only runs for requests whose tier depends
 * on it: one that a rule on class and length alone settles first skips it.
 */
final class TierSelector {
    private record Rule(boolean[] classes, int minInput, int maxInput, double difficultyBelow,
            double difficultyAtLeast, Tier tier) {

        boolean matches(Request r, double difficulty) {
            return matchesMetadata(r) && !(difficulty >= difficultyBelow) && !(difficulty < difficultyAtLeast);
        }

        /** Class and prompt length: what is known without a classifier. */
        boolean matchesMetadata(Request r) {
            return (classes == null || classes[r.classIndex()]) && r.inputTokens() >= minInput
                    && r.inputTokens() <= maxInput;
        }

        boolean usesDifficulty() {
            return difficultyBelow != Double.POSITIVE_INFINITY || difficultyAtLeast != Double.NEGATIVE_INFINITY;
        }
    }

    private final List<Rule> rules = new ArrayList<>();
    private final Tier defaultTier;

    TierSelector(RoutingSpec spec, Map<String, Tier> tiers, List<String> classNames) {
        for (RoutingSpec.RuleSpec r : spec.rules()) {
            boolean[] classes = null;
            if (r.classes() != null) {
                classes = new boolean[classNames.size()];
                for (int i = 0; i < classes.length; i++) {
                    classes[i] = r.classes().contains(classNames.get(i));
                }
            }
            rules.add(new Rule(classes, r.minInputTokens() == null ? 0 : r.minInputTokens(),
                    r.maxInputTokens() == null ? Integer.MAX_VALUE : r.maxInputTokens(),
                    r.difficultyBelow() == null ? Double.POSITIVE_INFINITY : r.difficultyBelow(),
                    r.difficultyAtLeast() == null ? Double.NEGATIVE_INFINITY : r.difficultyAtLeast(),
                    tiers.get(r.tier())));
        }
        this.defaultTier = tiers.get(spec.defaultTierName());
    }

    /** A selector that sends everything to {@code only}. */
    TierSelector(Tier only) {
        this.defaultTier = only;
    }

    /**
     * The tier for {@code r} when it is decided without the classifier: a rule on class and length matches before
     * any rule that tests difficulty could; null when the classifier must run.
     */
    Tier selectWithoutDifficulty(Request r) {
        for (Rule rule : rules) {
            if (rule.matchesMetadata(r)) {
                return rule.usesDifficulty() ? null : rule.tier;
            }
        }
        return defaultTier;
    }

    /** The tier for {@code r}; {@code difficulty} is the classifier's draw in [0, 1), NaN without a classifier. */
    Tier select(Request r, double difficulty) {
        for (Rule rule : rules) {
            if (rule.matches(r, difficulty)) {
                return rule.tier;
            }
        }
        return defaultTier;
    }
}
