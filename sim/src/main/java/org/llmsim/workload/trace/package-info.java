/**
 * Request traces: streaming readers for the column layouts planners use (Azure LLM inference 2023/2024, BurstGPT,
 * Vidur, Splitwise-sim, generic CSV and JSON Lines). A reader holds one row at a time, so a trace of millions of rows
 * replays in constant memory.
 *
 * <p>Read first:
 * <ul>
 *   <li>{@link org.llmsim.workload.trace.TraceFormat} and {@link org.llmsim.workload.trace.TraceField} - the
 *       layouts and the fields llmsim reads from them.</li>
 *   <li>{@link org.llmsim.workload.trace.TraceReaders} - opens a file with the reader of its layout
 *       ({@code CsvTraceReader}, {@code JsonlTraceReader}).</li>
 *   <li>{@link org.llmsim.workload.trace.TraceScanner} - checks and measures a trace before a run; its
 *       {@link org.llmsim.workload.trace.TraceSummary} maps trace time to simulated time.</li>
 * </ul>
 * Problems are {@link org.llmsim.workload.trace.TraceException}s naming the file and line; a file that is no trace (a
 * directory, a pipe, binary data, a truncated {@code .gz}, no line breaks) is one too.
 *
 * <p>Depends on: kernel.
 */
package org.llmsim.workload.trace;
