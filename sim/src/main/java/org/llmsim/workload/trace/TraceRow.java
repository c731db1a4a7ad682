package org.llmsim.workload.trace;

/**
 * One request read from a trace. Readers fill one instance over and over, so replaying a trace allocates nothing
 * per row that outlives the row.
 */
public final class TraceRow {
    /** Sentinel of {@link #sessionKey} and {@link #prefixKey} when the trace does not give them. */
    public static final long NONE = Long.MIN_VALUE;

    /**
     * Seconds on the trace's own time axis: the number as written, or for date-times the seconds since the first
     * row's date-time.
     */
    public double traceTimeS;
    public int inputTokens;
    public int outputTokens;
    /** Class name, or null. */
    public String className;
    /** Hash of the session id, or {@link #NONE}. */
    public long sessionKey = NONE;
    /** Hash of the prefix id, or {@link #NONE}. */
    public long prefixKey = NONE;
    public int prefixTokens;
    /** Line of the file the row came from (1-based), for messages. */
    public long line;

    void clear() {
        className = null;
        sessionKey = NONE;
        prefixKey = NONE;
        prefixTokens = 0;
    }
}
