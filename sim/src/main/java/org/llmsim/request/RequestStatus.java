package org.llmsim.request;

/** Where a request ended up. Every arrived request ends in exactly one of the final states. */
public enum RequestStatus {
    /** Still queued or running. */
    IN_FLIGHT,
    /** All output tokens were produced. */
    COMPLETED,
    /** Refused without being served (it can never fit the replica's KV cache or the model's context window). */
    REJECTED,
    /**
     * Failed: lost while being served (its replica crashed and the fault says to lose, not retry, what it held), or
     * sent to a model and never answered (a provider's error, a timeout, an open circuit breaker, malformed output)
     * after every retry and fallback configured for it.
     */
    FAILED,
    /** Still queued or running when the simulation stopped at its horizon. */
    UNFINISHED;

    private final String csvName = name().toLowerCase(java.util.Locale.ROOT);

    /** The lower-case name used in requests.csv. */
    public String csvName() {
        return csvName;
    }
}
