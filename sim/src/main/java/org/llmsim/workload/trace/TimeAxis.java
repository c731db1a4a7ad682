package org.llmsim.workload.trace;

/**
 * Puts a trace's arrival cells on one axis of seconds: numbers are seconds as written; date-times become seconds
 * since the first row's date-time, computed from exact nanoseconds so that 100 ns ticks survive. A trace must use
 * one kind throughout.
 */
final class TimeAxis {
    private boolean dateTimes;
    private boolean started;
    private long firstNanos;

    /** Seconds on the trace's axis of the cell {@code s[from, to)}. */
    double seconds(CharSequence s, int from, int to) {
        boolean dateTime = TraceValues.isDateTime(s, from, to);
        if (!started) {
            started = true;
            dateTimes = dateTime;
            if (dateTime) {
                firstNanos = TraceValues.epochNanos(s, from, to);
                return 0;
            }
        } else if (dateTime != dateTimes) {
            throw new IllegalArgumentException("mixes date-times and numbers of seconds; got '"
                    + s.subSequence(from, to) + "' after " + (dateTimes ? "date-times" : "numbers"));
        }
        if (dateTime) {
            return (TraceValues.epochNanos(s, from, to) - firstNanos) / 1e9;
        }
        return TraceValues.seconds(s, from, to);
    }
}
