package org.llmsim.scenario;

import java.util.EnumMap;
import java.util.Map;

import org.llmsim.workload.trace.TraceField;
import org.llmsim.workload.trace.TraceFormat;

/**
 * A request trace to replay ({@code workload.trace} or {@code workload.classes[i].trace}).
 *
 * @param path    the file, relative to the scenario file; {@code .gz} files are read compressed
 * @param format  the column layout: azure, burstgpt, vidur, splitwise, csv or jsonl (default: JSON Lines for
 *                {@code .jsonl} files, otherwise detected from the CSV header)
 * @param speedup time compression: 2 replays the trace twice as fast (default 1)
 * @param rateRps rescale time so that the replayed mean rate is this many requests per second (instead of speedup)
 * @param startS  trace time that becomes simulated time 0 (seconds on the trace's axis; for date-time traces,
 *                seconds after the first row); earlier rows are skipped (default 0)
 * @param columns column names that replace the layout's, keyed by arrival_s, input_tokens, output_tokens, class,
 *                session_id, prefix_id, prefix_tokens
 * @param keep    replay only part of the rows: those whose key (the session id when the trace has one, so sessions
 *                stay whole, else the row's line) hashes into {@code [from, to)}; a deterministic sample of about
 *                {@code to - from} of the trace on the trace's own time axis ({@code speedup} and {@code rate_rps}
 *                describe the whole trace). A fleet splits a trace among its domains this way. Default: every row
 */
public record TraceSpec(String path, TraceFormat format, Double speedup, Double rateRps, Double startS,
        Map<String, String> columns, Keep keep) {

    /**
     * The part of a trace's rows to replay: keys hashing into {@code [from, to)}, with {@code 0 <= from < to <= 1}.
     *
     * @param from lower end, inclusive (default 0)
     * @param to   upper end, exclusive (default 1)
     */
    public record Keep(Double from, Double to) {
        public Keep {
            if (from == null) {
                from = 0.0;
            }
            if (to == null) {
                to = 1.0;
            }
        }
    }

    public TraceSpec {
        if (startS == null) {
            startS = 0.0;
        }
    }

    /** A trace replayed whole. */
    public TraceSpec(String path, TraceFormat format, Double speedup, Double rateRps, Double startS,
            Map<String, String> columns) {
        this(path, format, speedup, rateRps, startS, columns, null);
    }

    /** {@code columns} keyed by field (valid after {@link #validate}). */
    public Map<TraceField, String> renames() {
        Map<TraceField, String> renames = new EnumMap<>(TraceField.class);
        if (columns != null) {
            columns.forEach((k, v) -> renames.put(TraceField.byKey(k), v));
        }
        return renames;
    }

    public void validate(String path, Problems p) {
        p.required(path + ".path", this.path);
        p.positive(path + ".speedup", speedup);
        p.positive(path + ".rate_rps", rateRps);
        if (speedup != null && rateRps != null) {
            p.add(path + ".rate_rps", "give speedup or rate_rps, not both");
        }
        p.nonNegative(path + ".start_s", startS);
        if (keep != null && !(keep.from() >= 0 && keep.from() < keep.to() && keep.to() <= 1)) {
            p.add(path + ".keep", "needs 0 <= from < to <= 1, got from " + Problems.format(keep.from()) + ", to "
                    + Problems.format(keep.to()));
        }
        if (columns != null) {
            for (Map.Entry<String, String> e : columns.entrySet()) {
                if (TraceField.byKey(e.getKey()) == null) {
                    p.add(path + ".columns." + e.getKey(), "unknown field; allowed: arrival_s, input_tokens, "
                            + "output_tokens, class, session_id, prefix_id, prefix_tokens");
                } else if (e.getValue() == null || e.getValue().isBlank()) {
                    p.add(path + ".columns." + e.getKey(), "must name a column");
                }
            }
        }
    }
}
