package org.llmsim.workload.trace;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import org.llmsim.kernel.StopRequest;

/**
 * Reads a trace once, in constant memory, before a run: checks every row (sorted by time, token counts, known
 * class names, prefix no longer than the prompt) and measures what the run needs up front (rows, time span, the
 * longest prompt and output, the rate for rescaling). Errors name the file and line.
 */
public final class TraceScanner {
    /**
     * Scans remembered by file (path, size and modification time) and settings, so that the variants of one scenario
     * (sweep points, search steps, a fleet's domains) read a long trace once. Bounded; least recently used first out.
     */
    private static final Map<Key, TraceSummary> CACHE = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Key, TraceSummary> eldest) {
                    return size() > 256;
                }
            });

    /** What a scan depends on: the file as it is now, and every setting. */
    private record Key(Path path, long sizeBytes, long modifiedNs, TraceFormat format,
            Map<TraceField, String> renames, double startS, Double speedup, Double rateRps, Set<String> classNames,
            boolean classRequired, double keepFrom, double keepTo) {
        /** The key of a scan, or null when the file cannot be read (the scan reports it). */
        static Key of(Path path, TraceFormat format, Map<TraceField, String> renames, double startS, Double speedup,
                Double rateRps, Set<String> classNames, boolean classRequired, double keepFrom, double keepTo) {
            try {
                java.nio.file.attribute.BasicFileAttributes a = java.nio.file.Files.readAttributes(path,
                        java.nio.file.attribute.BasicFileAttributes.class);
                return new Key(path.toAbsolutePath().normalize(), a.size(),
                        a.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS), format,
                        renames == null ? Map.of() : Map.copyOf(renames), startS, speedup, rateRps,
                        classNames == null ? null : Set.copyOf(classNames), classRequired, keepFrom, keepTo);
            } catch (java.io.IOException e) {
                return null;
            }
        }
    }

    private TraceScanner() {
    }

    /** Forgets every remembered scan (tests compare remembered scans with fresh ones). */
    static void forget() {
        CACHE.clear();
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
        Key key = Key.of(path, format, renames, startS, speedup, rateRps, classNames, classRequired, keepFrom, keepTo);
        TraceSummary cached = key == null ? null : CACHE.get(key);
        if (cached != null && cached.name().equals(name)) {
            return cached;
        }
        Slices scanned = scanSlices(path, name, format, renames, startS, speedup, rateRps, classNames,
                classRequired, new double[] {keepFrom, keepTo});
        TraceSummary summary = scanned.summaries()[0];
        if (summary == null) {
            throw new TraceException(name, 0, "keeps none of its " + scanned.requests() + " requests in [" + keepFrom
                    + ", " + keepTo + "); widen the keep range");
        }
        if (key != null) {
            CACHE.put(key, summary);
        }
        return summary;
    }

    /**
     * Scans a trace once for the keep ranges {@code [bounds[i], bounds[i + 1])} of a fleet's domains and remembers
     * each range's summary, so that loading the domains reads the file once instead of once per domain. A problem
     * is left for the domains' own scans to report.
     */
    public static void prescan(Path path, String name, TraceFormat format, Map<TraceField, String> renames,
            double startS, Double speedup, Double rateRps, Set<String> classNames, boolean classRequired,
            double[] bounds) {
        TraceSummary[] slices;
        try {
            slices = scanSlices(path, name, format, renames, startS, speedup, rateRps, classNames, classRequired,
                    bounds).summaries();
        } catch (TraceException e) {
            return; // the domains' own scans name the problem
        }
        for (int i = 0; i < slices.length; i++) {
            Key key = Key.of(path, format, renames, startS, speedup, rateRps, classNames, classRequired, bounds[i],
                    bounds[i + 1]);
            if (slices[i] != null && key != null) {
                CACHE.put(key, slices[i]);
            }
        }
    }

    /**
     * Reads the trace once, checking every row, and summarises the rows of each keep range
     * {@code [bounds[i], bounds[i + 1])} on the whole trace's time axis.
     *
     * @return a summary per range (null for a range that keeps no row), and the requests of the whole trace
     * @throws TraceException naming the file and line of the first problem, or a trace with nothing to replay
     */
    private static Slices scanSlices(Path path, String name, TraceFormat format,
            Map<TraceField, String> renames, double startS, Double speedup, Double rateRps, Set<String> classNames,
            boolean classRequired, double[] bounds) {
        int n = bounds.length - 1;
        long all = 0;
        double lastOfAll = Double.NEGATIVE_INFINITY;
        long skipped = 0;
        long[] rows = new long[n];
        double[] first = new double[n];
        double[] last = new double[n];
        int[] maxInput = new int[n];
        int[] maxOutput = new int[n];
        java.util.Arrays.fill(first, Double.NaN);
        java.util.Arrays.fill(last, Double.NEGATIVE_INFINITY);
        TraceFormat resolved;
        TraceRow row = new TraceRow();
        try (TraceReader reader = TraceReaders.open(path, name, format, renames)) {
            resolved = TraceReaders.formatOf(reader);
            double previous = Double.NEGATIVE_INFINITY;
            while (reader.next(row)) {
                if ((row.line & 0xFFFF) == 0) {
                    StopRequest.check(); // a trace of millions of rows takes seconds to read
                }
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
                int i = TraceSummary.slice(row.sessionKey != TraceRow.NONE ? row.sessionKey : row.line, bounds);
                if (i < 0) {
                    continue;
                }
                if (rows[i] == 0) {
                    first[i] = row.traceTimeS;
                }
                last[i] = row.traceTimeS;
                rows[i]++;
                maxInput[i] = Math.max(maxInput[i], row.inputTokens);
                maxOutput[i] = Math.max(maxOutput[i], row.outputTokens);
            }
        }
        if (all == 0) {
            throw new TraceException(name, 0, "has no request to replay" + (skipped > 0 ? " (" + skipped
                    + " rows have 0 tokens)" : "") + (startS > 0 ? " at or after start_s " + startS : ""));
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
        Map<TraceField, String> kept = renames == null ? Map.of() : Map.copyOf(renames);
        TraceSummary[] summaries = new TraceSummary[n];
        for (int i = 0; i < n; i++) {
            if (rows[i] > 0) {
                summaries[i] = new TraceSummary(path, name, resolved, kept, startS, effectiveSpeedup, rows[i],
                        skipped, first[i], last[i], maxInput[i], maxOutput[i], bounds[i], bounds[i + 1]);
            }
        }
        return new Slices(summaries, all);
    }

    /** The summaries of a scan's keep ranges, and the replayable requests of the whole trace. */
    private record Slices(TraceSummary[] summaries, long requests) {
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
