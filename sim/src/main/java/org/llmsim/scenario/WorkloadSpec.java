package org.llmsim.scenario;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The traffic of a scenario ({@code workload}): when requests arrive, how long their prompts and outputs are, what
 * latency they need. Without {@code classes} the workload is one class (named {@code default} in outputs) and the
 * fields below describe it; with {@code classes}, they are the defaults the classes inherit, {@code arrival} (and
 * {@code trace}) is shared by the classes that take a {@code share} of it, and {@code rate_limit} applies to all
 * traffic together.
 *
 * @param arrival           the arrival process (implied {@code trace} when only {@code trace} is given)
 * @param inputTokens       prompt lengths
 * @param outputTokens      output lengths
 * @param slo               latency objectives
 * @param trace             the trace a {@code process: trace} arrival replays
 * @param maxTokens         output cap
 * @param sessions          multi-turn sessions
 * @param sharedPrefix      a shared system prompt
 * @param popularity        content popularity, for response caches
 * @param rateLimit         ingress limits on all traffic together
 * @param admissionTimeoutS drop requests not admitted this long after arrival
 * @param classes           request classes (tenants)
 * @param pipeline          the stages every request goes through instead of a single model call
 * @param budgetS           latency budget of a pipeline request, seconds
 * @param budgetMetric      what the budget bounds: {@code e2e} (default) or {@code ttft}
 */
public record WorkloadSpec(ArrivalSpec arrival, LengthSpec inputTokens, LengthSpec outputTokens, SloSpec slo,
        TraceSpec trace, Integer maxTokens, SessionSpec sessions, SharedPrefixSpec sharedPrefix,
        PopularitySpec popularity, RateLimitSpec rateLimit, Double admissionTimeoutS, List<ClassSpec> classes,
        List<StageSpec> pipeline, Double budgetS, String budgetMetric) {

    /** Name of the single class of a workload without {@code classes}. */
    public static final String DEFAULT_CLASS = "default";

    public WorkloadSpec {
        if (slo == null) {
            slo = new SloSpec(null, null, null, null);
        }
        if (arrival == null && trace != null) {
            arrival = new ArrivalSpec.Trace();
        }
    }

    public WorkloadSpec(ArrivalSpec arrival, LengthSpec inputTokens, LengthSpec outputTokens, SloSpec slo) {
        this(arrival, inputTokens, outputTokens, slo, null, null, null, null, null, null, null, null);
    }

    /** A workload without pipelines. */
    public WorkloadSpec(ArrivalSpec arrival, LengthSpec inputTokens, LengthSpec outputTokens, SloSpec slo,
            TraceSpec trace, Integer maxTokens, SessionSpec sessions, SharedPrefixSpec sharedPrefix,
            PopularitySpec popularity, RateLimitSpec rateLimit, Double admissionTimeoutS, List<ClassSpec> classes) {
        this(arrival, inputTokens, outputTokens, slo, trace, maxTokens, sessions, sharedPrefix, popularity, rateLimit,
                admissionTimeoutS, classes, null, null, null);
    }

    /** Whether some class (or the workload as a whole) sends its requests through a pipeline. */
    public boolean hasPipelines() {
        if (pipeline != null) {
            return true;
        }
        return hasClasses() && classes.stream().anyMatch(c -> c != null && c.pipeline() != null);
    }

    /** Whether the file lists classes (otherwise the workload is one class). */
    public boolean hasClasses() {
        return classes != null && !classes.isEmpty();
    }

    /** The arrival process the sharing classes split (null when every class has its own). */
    public ArrivalSpec sharedArrival() {
        return arrival;
    }

    /** The classes with their defaults filled in from the workload; one {@code default} class without classes. */
    public List<ClassSpec> effectiveClasses() {
        if (!hasClasses()) {
            return List.of(new ClassSpec(DEFAULT_CLASS, null, 0, null, null, inputTokens, outputTokens, maxTokens,
                    slo, sessions, sharedPrefix, popularity, null, admissionTimeoutS, pipeline, budgetS,
                    budgetMetric));
        }
        List<ClassSpec> list = new ArrayList<>();
        for (ClassSpec c : classes) {
            list.add(c == null ? null : c.inheriting(this));
        }
        return list;
    }

    /** Whether some class replays a trace (so {@code duration_s} may default to the trace's length). */
    public boolean usesTrace() {
        if (arrival instanceof ArrivalSpec.Trace) {
            return true;
        }
        return hasClasses() && classes.stream().anyMatch(c -> c != null && c.arrival() instanceof ArrivalSpec.Trace);
    }

    public void validate(String path, Problems p) {
        List<ClassSpec> resolved = effectiveClasses();
        boolean anyShares = resolved.stream().anyMatch(c -> c != null && c.sharesWorkloadArrival());
        if (anyShares) {
            if (arrival == null) {
                p.add(path + ".arrival", hasClasses() ? "is required: some classes take a share of it (or give every "
                        + "class its own arrival)" : "is required");
            } else {
                arrival.validate(path + ".arrival", p);
            }
        } else if (arrival != null) {
            p.add(path + ".arrival", "is not used: every class has its own arrival");
        }
        boolean traced = arrival instanceof ArrivalSpec.Trace;
        if (traced && anyShares && p.required(path + ".trace", trace)) {
            trace.validate(path + ".trace", p);
        }
        if (!hasClasses()) {
            int before = p.count();
            if (traced) {
                notWithTrace(path + ".input_tokens", inputTokens, p);
                notWithTrace(path + ".output_tokens", outputTokens, p);
            } else {
                if (p.required(path + ".input_tokens", inputTokens)) {
                    inputTokens.validate(path + ".input_tokens", p);
                }
                if (p.required(path + ".output_tokens", outputTokens)) {
                    outputTokens.validate(path + ".output_tokens", p);
                }
            }
            resolved.get(0).validateCommon(path, p, traced, p.count() == before);
            PipelineCheck.validate(path, pipeline, budgetS, budgetMetric, p);
        } else {
            if (inputTokens != null) {
                inputTokens.validate(path + ".input_tokens", p);
            }
            if (outputTokens != null) {
                outputTokens.validate(path + ".output_tokens", p);
            }
            validateClasses(path, resolved, traced, p);
            if (pipeline != null || !hasPipelines()) {
                PipelineCheck.validate(path, pipeline, budgetS, budgetMetric, p);
            }
        }
        if (rateLimit != null) {
            rateLimit.validate(path + ".rate_limit", p);
        }
    }

    private static void notWithTrace(String path, LengthSpec spec, Problems p) {
        if (spec != null) {
            p.add(path, "is not used: the trace gives every request's lengths");
        }
    }

    private void validateClasses(String path, List<ClassSpec> resolved, boolean traced, Problems p) {
        Set<String> names = new HashSet<>();
        int sharing = 0;
        int withShare = 0;
        double shareSum = 0;
        for (int i = 0; i < resolved.size(); i++) {
            String at = path + ".classes[" + i + "]";
            ClassSpec c = resolved.get(i);
            if (c == null) {
                p.add(at, "is empty");
                continue;
            }
            c.validate(at, p, traced && c.sharesWorkloadArrival(), classes.get(i));
            if (c.name() != null && !names.add(c.name())) {
                p.add(at + ".name", "duplicate class name '" + c.name() + "'");
            }
            if (c.sharesWorkloadArrival()) {
                sharing++;
                if (c.share() != null) {
                    withShare++;
                    shareSum += c.share();
                }
            }
        }
        if (withShare > 0 && withShare < sharing) {
            p.add(path + ".classes", "give every class that shares workload.arrival a share, or none (equal shares); "
                    + withShare + " of " + sharing + " have one");
        } else if (withShare > 0 && Math.abs(shareSum - 1) > 1e-6) {
            p.add(path + ".classes", "the shares add up to " + Problems.format(Math.round(shareSum * 1e6) / 1e6)
                    + "; they must add up to 1");
        }
    }
}
