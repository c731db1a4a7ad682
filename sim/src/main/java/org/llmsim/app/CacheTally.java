package org.llmsim.app;

import org.llmsim.metrics.RunResult;
import org.llmsim.request.Request;

/**
 * What the response caches did, in two windows:
 * <ul>
 *   <li>measured requests only (those arriving inside the measured window): lookups, hits and false positives, for
 *       the hit rates;</li>
 *   <li>the whole run (warm-up and drain included, as the bill): hits and lookup spend by cache, and the answers the
 *       models gave, against whose mean API spend a hit's saving is priced.</li>
 * </ul>
 */
final class CacheTally {
    /** One cache's counts, or those of any cache (a request's first lookup, and its hit wherever it came). */
    static final class Counts {
        // measured requests
        private long lookups;
        private long hits;
        private long falsePositives;
        // the whole run
        private long hitsInRun;
        private double usd;

        /** Lookups of measured requests. */
        long lookups() {
            return lookups;
        }

        /** Hits of measured requests (false positives included). */
        long hits() {
            return hits;
        }

        /** Hits of measured requests that answered another question (semantic caches). */
        long falsePositives() {
            return falsePositives;
        }

        /** Hits over the whole run. */
        long hitsInRun() {
            return hitsInRun;
        }

        /** Lookup spend over the whole run, USD. */
        double usd() {
            return usd;
        }
    }

    private final RunResult.Window window;
    private final Counts[] byCache;
    private final Counts anyCache = new Counts();
    private long modelAnswers;

    CacheTally(int caches, RunResult.Window window) {
        this.window = window;
        this.byCache = new Counts[caches];
        for (int i = 0; i < caches; i++) {
            byCache[i] = new Counts();
        }
    }

    /** The first lookup of {@code user}, in whichever cache applies to it first. */
    void firstLookup(Request user) {
        if (measured(user)) {
            anyCache.lookups++;
        }
    }

    /** Cache {@code i} was asked about {@code user}, for {@code usd}. */
    void lookedUp(int i, Request user, double usd) {
        byCache[i].usd += usd;
        if (measured(user)) {
            byCache[i].lookups++;
        }
    }

    /** Cache {@code i} answered {@code user}; {@code falsePositive} when with the answer to another question. */
    void hit(int i, Request user, boolean falsePositive) {
        byCache[i].hitsInRun++;
        if (measured(user)) {
            for (Counts c : new Counts[] {byCache[i], anyCache}) {
                c.hits++;
                c.falsePositives += falsePositive ? 1 : 0;
            }
        }
    }

    /** The models answered a user request (a single call or a whole pipeline). */
    void modelAnswered() {
        modelAnswers++;
    }

    Counts of(int cache) {
        return byCache[cache];
    }

    Counts anyCache() {
        return anyCache;
    }

    /** User requests the models answered over the whole run. */
    long modelAnswers() {
        return modelAnswers;
    }

    private boolean measured(Request user) {
        return window.contains(user.arrivalS());
    }
}
