package org.llmsim.workload.trace;

import java.nio.file.Path;
import java.util.Map;

import org.llmsim.kernel.RandomStreams;

/**
 * What a scan of a trace found, and how it is replayed: a row at trace time {@code t} arrives at simulated time
 * {@code (t - startS) / speedup}. Rows before {@code startS} and rows with 0 input or 0 output tokens (failed
 * requests, as BurstGPT records them) are not replayed.
 *
 * @param path            the file
 * @param name            the file as named in messages
 * @param format          the layout (detected when the scenario did not give one)
 * @param renames         column renames from the scenario
 * @param startS          trace time that becomes simulated time 0
 * @param speedup         time compression: 2 replays twice as fast (the rate doubles)
 * @param rows            rows that will be replayed (at or after {@code startS}, with tokens)
 * @param skippedRows     rows skipped for having 0 input or 0 output tokens
 * @param firstTraceS     trace time of the first replayed row
 * @param lastTraceS      trace time of the last replayed row
 * @param maxInputTokens  longest prompt
 * @param maxOutputTokens longest output
 * @param keepFrom        rows whose key hashes into {@code [keepFrom, keepTo)} are replayed ({@link #keeps})
 * @param keepTo          upper end of that range (1: every row)
 */
public record TraceSummary(Path path, String name, TraceFormat format, Map<TraceField, String> renames,
        double startS, double speedup, long rows, long skippedRows, double firstTraceS, double lastTraceS,
        int maxInputTokens, int maxOutputTokens, double keepFrom, double keepTo) {

    /** A summary of a trace replayed whole. */
    public TraceSummary(Path path, String name, TraceFormat format, Map<TraceField, String> renames, double startS,
            double speedup, long rows, long skippedRows, double firstTraceS, double lastTraceS, int maxInputTokens,
            int maxOutputTokens) {
        this(path, name, format, renames, startS, speedup, rows, skippedRows, firstTraceS, lastTraceS,
                maxInputTokens, maxOutputTokens, 0, 1);
    }

    /**
     * Whether {@code row} is replayed under the keep range: its key (session id when it has one, so a session stays
     * whole, else its line) mixed by SplitMix64 into a uniform number in [0, 1).
     */
    public boolean keeps(TraceRow row) {
        if (keepFrom <= 0 && keepTo >= 1) {
            return true;
        }
        return keeps(row.sessionKey != TraceRow.NONE ? row.sessionKey : row.line, keepFrom, keepTo);
    }

    static boolean keeps(long key, double from, double to) {
        double u = uniform(key);
        return u >= from && u < to;
    }

    /** The slice {@code [bounds[i], bounds[i + 1])} the key hashes into, or -1 when none. */
    static int slice(long key, double[] bounds) {
        double u = uniform(key);
        for (int i = 0; i + 1 < bounds.length; i++) {
            if (u >= bounds[i] && u < bounds[i + 1]) {
                return i;
            }
        }
        return -1;
    }

    private static double uniform(long key) {
        return (RandomStreams.splitMix64(key) >>> 11) * 0x1.0p-53;
    }

    /** Simulated arrival time of a row at trace time {@code traceTimeS}. */
    public double arrivalS(double traceTimeS) {
        return (traceTimeS - startS) / speedup;
    }

    /** Simulated time of the last replayed arrival. */
    public double lastArrivalS() {
        return arrivalS(lastTraceS);
    }

    /** Mean replayed rate in requests per second, from time 0 to the last arrival (NaN for a single instant). */
    public double meanRateRps() {
        double span = lastArrivalS();
        return span > 0 ? rows / span : Double.NaN;
    }

    /** Opens the file for replay. */
    public TraceReader open() {
        return TraceReaders.open(path, name, format, renames);
    }
}
