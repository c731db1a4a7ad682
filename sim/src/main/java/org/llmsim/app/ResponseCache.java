package org.llmsim.app;

import org.llmsim.request.Request;

/**
 * A cache of answers in front of the models. The gateway asks it about a user request when the lookup starts
 * ({@link #lookup}, which decides the outcome and draws what it needs from the cache's own random stream), waits
 * {@link #lookupLatencyS}, and on a miss stores the answer once the models have given it ({@link #store}).
 */
public interface ResponseCache {

    /** What a lookup found. */
    enum Outcome {
        /** Nothing usable: the request goes on to the models. */
        MISS,
        /** A stored answer to the same question. */
        HIT,
        /** A stored answer to another question, taken for this one (a semantic false positive). */
        FALSE_POSITIVE
    }

    String name();

    /** {@code exact}, {@code semantic}, ... (the {@code kind:} it was registered under). */
    String kind();

    /** Whether requests of this class use the cache. */
    boolean appliesTo(Request user);

    /** The outcome of looking {@code user} up at {@code nowS}. */
    Outcome lookup(Request user, double nowS);

    /** How long the lookup takes (embedding included), seconds; drawn per lookup. */
    double lookupLatencyS();

    /** What one lookup of {@code user} costs (embedding its prompt), USD. */
    double lookupUsd(Request user);

    /** Keeps the answer the models gave {@code user}, at {@code nowS}. */
    void store(Request user, double nowS);

    /** Answers held now. */
    long entries();
}
