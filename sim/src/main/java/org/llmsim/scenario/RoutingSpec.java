package org.llmsim.scenario;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Model tiers and how requests pick one ({@code cluster.routing}). Each tier names the pool that serves it; rules,
 * tried in order, send a request to the tier of the first rule it matches, else to {@code default_tier} (default: the
 * first tier). A {@code classifier} step, with its latency and price, runs before the rules and draws the request's
 * difficulty, which rules may test; rules on class and prompt length need no classifier. A tier may escalate a
 * fraction of its answers to another tier (a cascade: both calls are paid) and overflow to another tier when its pool
 * is saturated or refuses a call.
 *
 * <pre>
 * routing:
 *   classifier: {latency_s: 0.05, usd_per_request: 0.0002}
 *   tiers:
 *     - {name: small, pool: llama8b, escalate: {to: large, fraction: 0.1}, overflow: {to: large, max_queue: 64}}
 *     - {name: large, pool: frontier-api}
 *   rules:
 *     - {classes: [faq], tier: small}
 *     - {max_input_tokens: 2000, difficulty_below: 0.65, tier: small}
 *   default_tier: large
 * </pre>
 */
public record RoutingSpec(ClassifierSpec classifier, List<TierSpec> tiers, List<RuleSpec> rules, String defaultTier) {

    public RoutingSpec {
        if (rules == null) {
            rules = List.of();
        }
    }

    /** The tier a request goes to when no rule matches. */
    public String defaultTierName() {
        return defaultTier != null ? defaultTier : tiers.get(0).name();
    }

    /** Whether any rule tests the difficulty a classifier draws. */
    public boolean usesDifficulty() {
        return rules.stream().anyMatch(r -> r != null && r.usesDifficulty());
    }

    /** Checks the block on its own; names of pools and classes are checked by the loader, which knows them. */
    public void validate(String path, Problems p) {
        if (classifier != null) {
            classifier.validate(path + ".classifier", p);
        }
        if (!p.required(path + ".tiers", tiers)) {
            return;
        }
        if (tiers.isEmpty()) {
            p.add(path + ".tiers", "must list at least one tier");
            return;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < tiers.size(); i++) {
            TierSpec t = tiers.get(i);
            String tp = path + ".tiers[" + i + "]";
            if (t == null) {
                p.add(tp, "is empty");
                continue;
            }
            t.validate(tp, p);
            if (t.name() != null && !names.add(t.name())) {
                p.add(tp + ".name", "duplicate tier name '" + t.name() + "'");
            }
        }
        for (int i = 0; i < rules.size(); i++) {
            RuleSpec r = rules.get(i);
            if (r == null) {
                p.add(path + ".rules[" + i + "]", "is empty");
                continue;
            }
            r.validate(path + ".rules[" + i + "]", p, names);
        }
        if (defaultTier != null && !names.contains(defaultTier)) {
            p.add(path + ".default_tier", "must name a tier (" + String.join(", ", names) + "), got '" + defaultTier
                    + "'");
        }
        for (int i = 0; i < tiers.size(); i++) {
            TierSpec t = tiers.get(i);
            if (t == null) {
                continue;
            }
            String tp = path + ".tiers[" + i + "]";
            if (t.escalate() != null && t.escalate().to() != null && !names.contains(t.escalate().to())) {
                p.add(tp + ".escalate.to", "must name another tier (" + String.join(", ", names) + "), got '"
                        + t.escalate().to() + "'");
            }
            if (t.overflow() != null && t.overflow().to() != null && !names.contains(t.overflow().to())) {
                p.add(tp + ".overflow.to", "must name another tier (" + String.join(", ", names) + "), got '"
                        + t.overflow().to() + "'");
            }
        }
        checkAcyclic(path, p, "escalate", true);
        checkAcyclic(path, p, "overflow", false);
        if (usesDifficulty() && classifier == null) {
            p.add(path + ".rules", "test difficulty, which only a classifier can estimate: add routing.classifier "
                    + "(its latency_s and usd_per_request), or route on classes and input length only");
        }
    }

    /** A request must never be sent around in a circle: escalations and overflows each form chains, not cycles. */
    private void checkAcyclic(String path, Problems p, String what, boolean escalation) {
        for (int i = 0; i < tiers.size(); i++) {
            String start = tiers.get(i) == null ? null : tiers.get(i).name();
            String at = start;
            for (int steps = 0; at != null && steps <= tiers.size(); steps++) {
                String next = next(at, escalation);
                if (next != null && next.equals(start)) {
                    p.add(path + ".tiers[" + i + "]." + what + ".to", "leads back to tier '" + start + "' ("
                            + what + " chains must end)");
                    return;
                }
                at = next;
            }
        }
    }

    private String next(String tier, boolean escalation) {
        for (TierSpec t : tiers) {
            if (t != null && tier.equals(t.name())) {
                if (escalation) {
                    return t.escalate() == null ? null : t.escalate().to();
                }
                return t.overflow() == null ? null : t.overflow().to();
            }
        }
        return null;
    }

    /**
     * The classifier step: its latency and price per request. It estimates each request's difficulty, a uniform
     * draw in [0, 1) that rules compare with {@code difficulty_below} and {@code difficulty_at_least}.
     */
    public record ClassifierSpec(TimeSpec latencyS, Double usdPerRequest) {
        public ClassifierSpec {
            if (latencyS == null) {
                latencyS = new TimeSpec.Fixed(0.0);
            }
            if (usdPerRequest == null) {
                usdPerRequest = 0.0;
            }
        }

        public void validate(String path, Problems p) {
            latencyS.validate(path + ".latency_s", p);
            p.nonNegative(path + ".usd_per_request", usdPerRequest);
        }
    }

    /**
     * One model tier.
     *
     * @param name     tier name in outputs
     * @param pool     the pool (GPU or provider) that serves it
     * @param escalate what share of its answers fail a quality check and go on to a stronger tier
     * @param overflow where calls go when the pool is saturated or refuses them
     */
    public record TierSpec(String name, String pool, EscalationSpec escalate, OverflowSpec overflow) {
        public void validate(String path, Problems p) {
            p.required(path + ".name", name);
            p.required(path + ".pool", pool);
            if (escalate != null) {
                escalate.validate(path + ".escalate", p);
                if (name != null && name.equals(escalate.to())) {
                    p.add(path + ".escalate.to", "must name another tier, got its own name '" + name + "'");
                }
            }
            if (overflow != null) {
                overflow.validate(path + ".overflow", p);
                if (name != null && name.equals(overflow.to())) {
                    p.add(path + ".overflow.to", "must name another tier, got its own name '" + name + "'");
                }
            }
        }
    }

    /**
     * A cascade step: after a tier answers, a {@code fraction} of its answers (drawn per request) fail the quality
     * check (low confidence, malformed output, refusal) and the request goes to tier {@code to}, {@code
     * check_latency_s} after the answer finished. The user keeps only the stronger tier's answer.
     */
    public record EscalationSpec(String to, Double fraction, TimeSpec checkLatencyS) {
        public EscalationSpec {
            if (checkLatencyS == null) {
                checkLatencyS = new TimeSpec.Fixed(0.0);
            }
        }

        public void validate(String path, Problems p) {
            p.required(path + ".to", to);
            if (p.required(path + ".fraction", fraction)) {
                if (fraction > 1 && fraction <= 100) {
                    p.add(path + ".fraction", "must be a fraction in [0, 1], got " + Problems.format(fraction)
                            + " (did you mean " + Problems.format(fraction / 100) + "?)");
                } else if (!(fraction >= 0 && fraction <= 1)) {
                    p.add(path + ".fraction", "must be a fraction in [0, 1], got " + Problems.format(fraction));
                }
            }
            checkLatencyS.validate(path + ".check_latency_s", p);
        }
    }

    /**
     * Spill-over: a call goes to tier {@code to} instead when the tier's pool has {@code max_queue} or more calls
     * waiting for their first forward pass (all replicas together; not set: never for load), and always when the
     * pool refuses the call (a provider's 429, a prompt longer than the context window).
     */
    public record OverflowSpec(String to, Integer maxQueue) {
        public void validate(String path, Problems p) {
            p.required(path + ".to", to);
            p.atLeast(path + ".max_queue", maxQueue, 0);
        }
    }

    /**
     * A routing rule: every condition it sets must hold (classes by name, prompt length in tokens, the classifier's
     * difficulty draw in [0, 1)); the first rule that matches picks the tier.
     */
    public record RuleSpec(List<String> classes, Integer minInputTokens, Integer maxInputTokens, Double difficultyBelow,
            Double difficultyAtLeast, String tier) {

        public boolean usesDifficulty() {
            return difficultyBelow != null || difficultyAtLeast != null;
        }

        public void validate(String path, Problems p, Set<String> tierNames) {
            if (p.required(path + ".tier", tier) && !tierNames.contains(tier)) {
                p.add(path + ".tier", "must name a tier (" + String.join(", ", tierNames) + "), got '" + tier + "'");
            }
            p.atLeast(path + ".min_input_tokens", minInputTokens, 0);
            p.atLeast(path + ".max_input_tokens", maxInputTokens, 1);
            if (minInputTokens != null && maxInputTokens != null && maxInputTokens < minInputTokens) {
                p.add(path + ".max_input_tokens", "must be >= min_input_tokens (" + minInputTokens + "), got "
                        + maxInputTokens);
            }
            unitInterval(path + ".difficulty_below", difficultyBelow, p);
            unitInterval(path + ".difficulty_at_least", difficultyAtLeast, p);
            if (classes != null && classes.isEmpty()) {
                p.add(path + ".classes", "must list at least one class (leave it out to match every class)");
            }
        }

        private static void unitInterval(String path, Double v, Problems p) {
            if (v != null && !(v >= 0 && v <= 1)) {
                p.add(path, "must be in [0, 1] (difficulty is a uniform draw), got " + Problems.format(v));
            }
        }
    }
}
