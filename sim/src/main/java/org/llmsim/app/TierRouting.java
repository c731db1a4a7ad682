package org.llmsim.app;

import java.util.List;

import org.apache.commons.math3.random.RandomGenerator;
import org.llmsim.workload.TimeSampler;

/**
 * Picks the tier of each model call and hands the call to the {@link ResilientCaller}:
 *
 * <pre>
 *   classifier (latency, price; draws the difficulty), unless class and length settle the tier --> rules pick one
 *   a saturated tier spills over to its overflow tier; a tier whose own pool refused the call overflows too
 *   a share of a tier's answers fails the quality check: after the check latency, escalate to a stronger tier
 * </pre>
 *
 * Draws come from the routing's streams (classifier latency and difficulty, each tier's check latency, the
 * escalation draws); what happened at each tier is counted in a {@link TierTally}.
 */
final class TierRouting {
    /** The classifier step: its latency, its price and the difficulty it estimates. */
    record Classifier(TimeSampler latency, double usdPerRequest, RandomGenerator difficulty) {
    }

    /**
     * How requests are routed: the routing's tiers in order, the rules, the classifier (null: none) and the stream of
     * the escalation draws.
     */
    record Plan(List<Tier> tiers, TierSelector selector, Classifier classifier, RandomGenerator escalation) {
        Plan {
            tiers = List.copyOf(tiers);
        }
    }

    private final Plan plan;
    private final TierTally tally;
    private final LayerClock clock;
    private final Billing billing;
    private final ResilientCaller caller;

    TierRouting(Plan plan, TierTally tally, LayerClock clock, Billing billing, ResilientCaller caller) {
        this.plan = plan;
        this.tally = tally;
        this.clock = clock;
        this.billing = billing;
        this.caller = caller;
    }

    /** The classifier (when there is one) and the rules pick the first tier of a user request's call. */
    void route(InFlight j) {
        Classifier classifier = plan.classifier();
        if (classifier == null) {
            firstCall(j, plan.selector().select(j.user, Double.NaN));
            return;
        }
        Tier settled = plan.selector().selectWithoutDifficulty(j.user);
        if (settled != null) {
            firstCall(j, settled);
            return;
        }
        double difficulty = classifier.difficulty().nextDouble();
        clock.after(classifier.latency().sampleS(), () -> {
            Tier tier = plan.selector().select(j.user, difficulty);
            billing.classifier(j, tier, classifier.usdPerRequest());
            firstCall(j, tier);
        });
    }

    /** A pipeline stage's model call to {@code tier}, or to the tier the rules pick without a classifier (null). */
    void stageCall(InFlight j, Tier tier) {
        j.escalation = false;
        firstCall(j, tier != null ? tier : plan.selector().select(j.user, Double.NaN));
    }

    private void firstCall(InFlight j, Tier tier) {
        tally.routed(tier, j.user);
        send(j, tier);
    }

    /** Sends a call for the journey's user to {@code tier}, or on to its overflow tier when it is saturated. */
    private void send(InFlight j, Tier tier) {
        Tier t = tier;
        while (t.saturated()) {
            tally.overflowed(t, t.overflowTo(), j.user);
            t = t.overflowTo();
        }
        j.tier = t;
        caller.attempt(j, t.backend, 1);
    }

    /**
     * The journey's call answered: returns whether the answer fails its tier's quality check (one draw per answer of
     * a tier that escalates), in which case a call goes to the stronger tier after the check's latency.
     */
    boolean escalates(InFlight j) {
        Tier tier = j.tier;
        Tier.Escalation e = tier.escalation();
        if (e == null || !(plan.escalation().nextDouble() < e.fraction())) {
            return false;
        }
        tally.escalated(tier, e.to(), j.user);
        j.escalation = true;
        j.call = null; // the answered call is over
        clock.after(e.checkLatency().sampleS(), () -> send(j, e.to()));
        return true;
    }

    /** The journey's tier gave its user request the answer. */
    void answered(InFlight j) {
        tally.answered(j.tier, j.user);
    }

    /**
     * The pool of the journey's tier refused the call and had nowhere else to send it: returns whether the tier
     * overflows, in which case the call goes to the overflow tier.
     */
    boolean overflowAfterRefusal(InFlight j) {
        Tier tier = j.tier;
        if (tier.overflowTo() == null || j.backend != tier.backend) {
            return false;
        }
        tally.overflowed(tier, tier.overflowTo(), j.user);
        send(j, tier.overflowTo());
        return true;
    }

    /** The routing's tiers, in order. */
    List<Tier> tiers() {
        return plan.tiers();
    }

    TierTally tally() {
        return tally;
    }
}
