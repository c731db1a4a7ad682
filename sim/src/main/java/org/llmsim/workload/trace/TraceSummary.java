package org.llmsim.workload.trace;

import java.nio.file.Path;
import java.util.Map;

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
 */
public record TraceSummary(Path path, String name, TraceFormat format, Map<TraceField, String> renames,
        double startS, double speedup, long rows, long skippedRows, double firstTraceS, double lastTraceS,
        int maxInputTokens, int maxOutputTokens) {

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
