package org.llmsim.app;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.llmsim.metrics.RunResult;
import org.llmsim.request.Request;

/**
 * What the measured requests did at each tier of the routing: routed there first, answered there, escalated out and
 * in, overflowed out and in. Only requests arriving inside the measured window count. A pool a pipeline stage calls
 * directly acts as a tier of its own that no rule picks; it is not one of the routing's tiers and is not counted.
 */
final class TierTally {
    /** One tier's counts, measured requests only. */
    static final class Counts {
        private long routed;
        private long answered;
        private long escalatedOut;
        private long escalatedIn;
        private long overflowOut;
        private long overflowIn;

        long routed() {
            return routed;
        }

        long answered() {
            return answered;
        }

        long escalatedOut() {
            return escalatedOut;
        }

        long escalatedIn() {
            return escalatedIn;
        }

        long overflowOut() {
            return overflowOut;
        }

        long overflowIn() {
            return overflowIn;
        }
    }

    private final RunResult.Window window;
    // by identity: a stage's own tier may share a name with one of the routing's
    private final Map<Tier, Counts> byTier = new IdentityHashMap<>();

    TierTally(List<Tier> tiers, RunResult.Window window) {
        this.window = window;
        for (Tier t : tiers) {
            byTier.put(t, new Counts());
        }
    }

    /** A model call of {@code user} was routed to {@code tier} first (before any overflow). */
    void routed(Tier tier, Request user) {
        Counts c = counted(tier, user);
        if (c != null) {
            c.routed++;
        }
    }

    /** {@code tier} gave {@code user} its answer. */
    void answered(Tier tier, Request user) {
        Counts c = counted(tier, user);
        if (c != null) {
            c.answered++;
        }
    }

    /** The answer of {@code from} failed the check: {@code user}'s call goes on to {@code to}. */
    void escalated(Tier from, Tier to, Request user) {
        Counts out = counted(from, user);
        Counts in = counted(to, user);
        if (out != null) {
            out.escalatedOut++;
        }
        if (in != null) {
            in.escalatedIn++;
        }
    }

    /** {@code from} was saturated or refused: {@code user}'s call goes on to {@code to}. */
    void overflowed(Tier from, Tier to, Request user) {
        Counts out = counted(from, user);
        Counts in = counted(to, user);
        if (out != null) {
            out.overflowOut++;
        }
        if (in != null) {
            in.overflowIn++;
        }
    }

    /** The counts of one of the routing's tiers. */
    Counts of(Tier tier) {
        return byTier.get(tier);
    }

    /** The counts to add {@code user} to at {@code tier}, or null when it is not measured or not tallied. */
    private Counts counted(Tier tier, Request user) {
        return window.contains(user.arrivalS()) ? byTier.get(tier) : null;
    }
}
