package org.llmsim.workload.trace;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Reads a trace once, in constant memory, before a run: checks every row (sorted by time, token counts, known
 * class names, prefix no longer than the prompt) and measures what the run needs up front (rows, time span, the
 * longest prompt and output, the rate for rescaling). Errors name the file and line.
 */
public final class TraceScanner {
    private TraceScanner() {
    }

    /**
     * Scans a trace.
     *
     * @param format        the layout, or null to detect it
     * @param renames       column renames (may be empty)
     * @param startS        trace time that becomes simulated time 0; earlier rows are dropped
     * @param speedup       time compression, or null
     * @param rateRps       target mean rate that sets the speedup instead, or null
     * @param classNames    the workload's class names that rows may name, or null to ignore the class column
     * @param classRequired whether every row must name a class (no class shares the trace by share)
     * @throws TraceException naming the file and line of the first problem
     */
    public static TraceSummary scan(Path path, String name, TraceFormat format, Map<TraceField, String> renames,
            double startS, Double speedup, Double rateRps, Set<String> classNames, boolean classRequired) {
        return scan(path, name, format, renames, startS, speedup, rateRps, classNames, classRequired, 0, 1);
    }

    /**
     * Scans a trace of which only the rows {@link TraceSummary#keeps} are replayed: every row is checked, the time
     * axis ({@code rate_rps}) is the whole trace's, and the counts, span and longest lengths are the kept rows'.
     *
     * @param keepFrom lower end of the keep range, in [0, 1)
     * @param keepTo   upper end, in (keepFrom, 1]
     */
    public static TraceSummary scan(Path path, String name, TraceFormat format, Map<TraceField, String> renames,
            double startS, Double speedup, Double rateRps, Set<String> classNames, boolean classRequired,
            double keepFrom, double keepTo) {
        long all = 0;
        double lastOfAll = Double.NEGATIVE_INFINITY;
        long rows = 0;
        long skipped = 0;
        double first = Double.NaN;
        double last = Double.NEGATIVE_INFINITY;
        int maxInput = 0;
        int maxOutput = 0;
        TraceFormat resolved;
        TraceRow row = new TraceRow();
        try (TraceReader reader = TraceReaders.open(path, name, format, renames)) {
            resolved = TraceReaders.formatOf(reader);
            double previous = Double.NEGATIVE_INFINITY;
            while (reader.next(row)) {
                if (row.traceTimeS < previous) {
                    throw new TraceException(name, row.line, "arrival " + row.traceTimeS + " s is earlier than the "
                            + "row before (" + previous + " s); sort the trace by arrival time");
                }
                previous = row.traceTimeS;
                if (row.traceTimeS < startS) {
                    continue;
                }
                if (row.inputTokens == 0 || row.outputTokens == 0) {
                    skipped++;
                    continue;
                }
                if (row.prefixTokens > row.inputTokens) {
                    throw new TraceException(name, row.line, "prefix_tokens " + row.prefixTokens
                            + " is longer than the prompt (" + row.inputTokens + " tokens)");
                }
                checkClass(name, row, classNames, classRequired);
                all++;
                lastOfAll = row.traceTimeS;
                if (!TraceSummary.keeps(row.sessionKey != TraceRow.NONE ? row.sessionKey : row.line, keepFrom,
                        keepTo)) {
                    continue;
                }
                if (rows == 0) {
                    first = row.traceTimeS;
                }
                last = row.traceTimeS;
                rows++;
                maxInput = Math.max(maxInput, row.inputTokens);
                maxOutput = Math.max(maxOutput, row.outputTokens);
            }
        }
        if (all == 0) {
            throw new TraceException(name, 0, "has no request to replay" + (skipped > 0 ? " (" + skipped
                    + " rows have 0 tokens)" : "") + (startS > 0 ? " at or after start_s " + startS : ""));
        }
        if (rows == 0) {
            throw new TraceException(name, 0, "keeps none of its " + all + " requests in [" + keepFrom + ", "
                    + keepTo + "); widen the keep range");
        }
        double effectiveSpeedup = speedup != null ? speedup : 1.0;
        if (rateRps != null) {
            double spanS = lastOfAll - startS;
            if (!(spanS > 0)) {
                throw new TraceException(name, 0, "every row arrives at the same instant; rate_rps cannot rescale "
                        + "it (use speedup)");
            }
            effectiveSpeedup = rateRps / (all / spanS);
        }
        return new TraceSummary(path, name, resolved, renames == null ? Map.of() : Map.copyOf(renames), startS,
                effectiveSpeedup, rows, skipped, first, last, maxInput, maxOutput, keepFrom, keepTo);
    }

    private static void checkClass(String name, TraceRow row, Set<String> classNames, boolean classRequired) {
        if (classNames == null) {
            return;
        }
        if (row.className == null) {
            if (classRequired) {
                throw new TraceException(name, row.line, "has no class, and no class of the workload takes a share "
                        + "of the trace; name one of " + String.join(", ", classNames));
            }
        } else if (!classNames.contains(row.className)) {
            throw new TraceException(name, row.line, "class '" + row.className + "' is not a class of the workload ("
                    + String.join(", ", classNames) + ")");
        }
    }
}
