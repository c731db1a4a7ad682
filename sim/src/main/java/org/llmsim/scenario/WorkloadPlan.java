package org.llmsim.scenario;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.llmsim.workload.trace.TraceException;
import org.llmsim.workload.trace.TraceScanner;
import org.llmsim.workload.trace.TraceSummary;

/**
 * The workload resolved for a run: its classes with defaults filled in, each trace scanned once (checked row by row
 * and measured), and the longest prompt and output any request can have, which size the replicas' token budgets
 * and KV reservations.
 *
 * @param classes          the classes in order ({@code default} alone for a workload without classes)
 * @param explicitClasses  whether the file lists classes (otherwise random streams keep their class-less names)
 * @param sharedArrival    the arrival process the sharing classes split, or null when every class has its own
 * @param sharedTrace      the workload's trace, shared by the classes that take a share of it, or null
 * @param classTraces      each class's own trace, or null entries
 * @param maxInputTokens   longest possible prompt (shared prefix and session context included; for a pipeline, what
 *                         its stages can add to a model call's prompt)
 * @param maxOutputTokens  longest possible output (after {@code max_tokens})
 */
public record WorkloadPlan(List<ClassSpec> classes, boolean explicitClasses, ArrivalSpec sharedArrival,
        TraceSummary sharedTrace,
        List<TraceSummary> classTraces, long maxInputTokens, int maxOutputTokens) {

    /**
     * Resolves a validated workload; trace problems are added to {@code problems} with the trace's file and line.
     *
     * @param baseDir directory that relative trace paths start from (the scenario file's)
     * @return the plan, or null when a trace could not be read
     */
    static WorkloadPlan resolve(WorkloadSpec w, Path baseDir, Problems problems) {
        List<ClassSpec> classes = w.effectiveClasses();
        // Rows of a shared trace may name the classes that share it; rows without a class are spread over them by
        // share.
        Set<String> names = new LinkedHashSet<>();
        classes.stream().filter(ClassSpec::sharesWorkloadArrival).forEach(c -> names.add(c.name()));
        boolean anyShares = classes.stream().anyMatch(ClassSpec::sharesWorkloadArrival);
        TraceSummary shared = null;
        boolean ok = true;
        if (anyShares && w.sharedArrival() instanceof ArrivalSpec.Trace) {
            shared = scan(w.trace(), "workload.trace", baseDir, w.hasClasses() ? names : null, problems);
            ok = shared != null;
        }
        List<TraceSummary> own = new ArrayList<>();
        long maxInput = 1;
        int maxOutput = 1;
        for (int i = 0; i < classes.size(); i++) {
            ClassSpec c = classes.get(i);
            TraceSummary trace = null;
            if (c.arrival() instanceof ArrivalSpec.Trace) {
                trace = scan(c.trace(), "workload.classes[" + i + "].trace", baseDir, null, problems);
                ok &= trace != null;
            }
            own.add(trace);
            TraceSummary source = trace != null ? trace : c.sharesWorkloadArrival() ? shared : null;
            long classInput = 1;
            int classOutput = 1;
            if (c.isTraced(w)) {
                if (source != null) {
                    classInput = source.maxInputTokens();
                    int out = source.maxOutputTokens();
                    classOutput = c.maxTokens() != null ? Math.min(out, c.maxTokens()) : out;
                }
            } else {
                classInput = c.maxGeneratedInputTokens();
                classOutput = c.maxGeneratedOutputTokens();
            }
            if (c.pipeline() != null) {
                // the calls of a pipeline carry what earlier stages added (chunks, tool results, outputs)
                long pipelineInput = PipelineCheck.maxCallInputTokens(c.pipeline(), classInput, classOutput);
                classOutput = PipelineCheck.maxCallOutputTokens(c.pipeline(), classOutput);
                classInput = pipelineInput;
            }
            maxInput = Math.max(maxInput, classInput);
            maxOutput = Math.max(maxOutput, classOutput);
        }
        if (!ok) {
            return null;
        }
        return new WorkloadPlan(List.copyOf(classes), w.hasClasses(), anyShares ? w.sharedArrival() : null, shared,
                Collections.unmodifiableList(own),
                maxInput, maxOutput);
    }

    /**
     * Reads every trace of {@code w} once for the keep ranges between {@code bounds} (a fleet's domains), so that
     * resolving the domains' workloads finds their scans done ({@link TraceScanner#prescan}).
     */
    static void prescan(WorkloadSpec w, Path baseDir, double[] bounds) {
        List<ClassSpec> classes = w.effectiveClasses();
        Set<String> names = new LinkedHashSet<>();
        classes.stream().filter(ClassSpec::sharesWorkloadArrival).forEach(c -> names.add(c.name()));
        boolean anyShares = classes.stream().anyMatch(ClassSpec::sharesWorkloadArrival);
        if (anyShares && w.sharedArrival() instanceof ArrivalSpec.Trace && w.trace() != null) {
            prescan(w.trace(), baseDir, w.hasClasses() ? names : null, bounds);
        }
        for (ClassSpec c : classes) {
            if (c.arrival() instanceof ArrivalSpec.Trace && c.trace() != null) {
                prescan(c.trace(), baseDir, null, bounds);
            }
        }
    }

    private static void prescan(TraceSpec t, Path baseDir, Set<String> classNames, double[] bounds) {
        Path path = baseDir == null ? Path.of(t.path()) : baseDir.resolve(t.path());
        TraceScanner.prescan(path, displayName(path), t.format(), t.renames(), t.startS(), t.speedup(), t.rateRps(),
                classNames, false, bounds);
    }

    private static TraceSummary scan(TraceSpec t, String field, Path baseDir, Set<String> classNames,
            Problems problems) {
        Path path = baseDir == null ? Path.of(t.path()) : baseDir.resolve(t.path());
        String name = displayName(path);
        try {
            return TraceScanner.scan(path, name, t.format(), t.renames(), t.startS(), t.speedup(), t.rateRps(),
                    classNames, false, t.keep() == null ? 0 : t.keep().from(), t.keep() == null ? 1 : t.keep().to());
        } catch (TraceException e) {
            problems.addInFile(e.file(), e.line(), e.getMessage(), field);
            return null;
        }
    }

    /** The path relative to the working directory when it lies below it, as users wrote it. */
    static String displayName(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        Path cwd = Path.of("").toAbsolutePath();
        return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : abs.toString();
    }

    /** Index of the class named {@code name}, or -1. */
    public int indexOf(String name) {
        for (int i = 0; i < classes.size(); i++) {
            if (classes.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** The last arrival any trace replays, in simulated seconds (0 without traces). */
    public double lastTraceArrivalS() {
        double last = sharedTrace != null ? sharedTrace.lastArrivalS() : 0;
        for (TraceSummary t : classTraces) {
            if (t != null) {
                last = Math.max(last, t.lastArrivalS());
            }
        }
        return last;
    }
}
