package org.llmsim.scenario;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A request class, or tenant ({@code workload.classes[i]}): a slice of the traffic with its own sizes, priority,
 * objectives and limits. A class either takes a {@code share} of the workload's arrivals or has its own
 * {@code arrival} process. Fields left out are taken from the workload ({@code input_tokens}, {@code output_tokens},
 * {@code max_tokens}, {@code slo}, {@code sessions}, {@code shared_prefix}, {@code popularity},
 * {@code admission_timeout_s}, {@code pipeline}, {@code budget_s}, {@code budget_metric}), each block as a whole; {@code rate_limit} is never inherited (the workload's is a
 * limit on all traffic together).
 *
 * @param name              the class name in outputs (letters, digits, {@code _ . -})
 * @param share             fraction of the workload's arrivals, when the class has no arrival of its own; the shares
 *                          of the classes that share add up to 1 (all left out: equal shares)
 * @param priority          scheduling priority, smaller is served first (default 0)
 * @param arrival           the class's own arrival process
 * @param trace             the trace its {@code arrival: {process: trace}} replays
 * @param inputTokens       prompt lengths (the whole prompt, shared prefix included)
 * @param outputTokens      output lengths
 * @param maxTokens         output cap: longer outputs are cut to it, as the API's {@code max_tokens} does
 * @param slo               latency objectives
 * @param sessions          multi-turn sessions
 * @param sharedPrefix      a shared system prompt
 * @param popularity        what requests ask, for response caches
 * @param rateLimit         ingress limits of this class
 * @param admissionTimeoutS a request not admitted to a batch this long after its arrival is dropped
 *                          ({@code admission_timeout})
 * @param pipeline          the stages a request goes through instead of a single model call ({@link StageSpec})
 * @param budgetS           the latency budget of a pipeline request, seconds: its attainment is reported
 * @param budgetMetric      what the budget bounds: {@code e2e} (default) or {@code ttft} (the first token or audio
 *                          chunk, as voice agents count)
 */
public record ClassSpec(String name, Double share, Integer priority, ArrivalSpec arrival, TraceSpec trace,
        LengthSpec inputTokens, LengthSpec outputTokens, Integer maxTokens, SloSpec slo, SessionSpec sessions,
        SharedPrefixSpec sharedPrefix, PopularitySpec popularity, RateLimitSpec rateLimit, Double admissionTimeoutS,
        List<StageSpec> pipeline, Double budgetS, String budgetMetric) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");

    public ClassSpec {
        if (priority == null) {
            priority = 0;
        }
    }

    /** A class without a pipeline. */
    public ClassSpec(String name, Double share, Integer priority, ArrivalSpec arrival, TraceSpec trace,
            LengthSpec inputTokens, LengthSpec outputTokens, Integer maxTokens, SloSpec slo, SessionSpec sessions,
            SharedPrefixSpec sharedPrefix, PopularitySpec popularity, RateLimitSpec rateLimit,
            Double admissionTimeoutS) {
        this(name, share, priority, arrival, trace, inputTokens, outputTokens, maxTokens, slo, sessions, sharedPrefix,
                popularity, rateLimit, admissionTimeoutS, null, null, null);
    }

    /** The budget's metric with its default: {@code e2e}. */
    public String budgetMetricOrDefault() {
        return budgetMetric != null ? budgetMetric : "e2e";
    }

    /** Whether the class takes a share of the workload's arrivals rather than having its own. */
    public boolean sharesWorkloadArrival() {
        return arrival == null;
    }

    /** This class with every field it leaves out taken from {@code w}. */
    ClassSpec inheriting(WorkloadSpec w) {
        return new ClassSpec(name, share, priority, arrival, trace,
                inputTokens != null ? inputTokens : w.inputTokens(),
                outputTokens != null ? outputTokens : w.outputTokens(),
                maxTokens != null ? maxTokens : w.maxTokens(),
                slo != null ? slo : w.slo(),
                sessions != null ? sessions : w.sessions(),
                sharedPrefix != null ? sharedPrefix : w.sharedPrefix(),
                popularity != null ? popularity : w.popularity(),
                rateLimit,
                admissionTimeoutS != null ? admissionTimeoutS : w.admissionTimeoutS(),
                pipeline != null ? pipeline : w.pipeline(),
                budgetS != null ? budgetS : w.budgetS(),
                budgetMetric != null ? budgetMetric : w.budgetMetric());
    }

    /**
     * Validates the class as resolved against the workload ({@code this} already inherits).
     *
     * @param tracedByWorkload whether its requests come from the workload's trace
     * @param asWritten        the class as the file writes it, before inheriting
     */
    void validate(String path, Problems p, boolean tracedByWorkload, ClassSpec asWritten) {
        if (p.required(path + ".name", name) && !NAME.matcher(name).matches()) {
            p.add(path + ".name", "use letters, digits, '_', '.' and '-' only, got '" + name + "'");
        }
        if (share != null) {
            if (arrival != null) {
                p.add(path + ".share", "only for classes that share workload.arrival; this class has its own arrival");
            } else if (!(share > 0 && share <= 1)) {
                p.add(path + ".share", "must be a fraction in (0, 1], got " + Problems.format(share));
            }
        }
        boolean traced = tracedByWorkload;
        if (arrival != null) {
            arrival.validate(path + ".arrival", p);
            traced = arrival instanceof ArrivalSpec.Trace;
            if (traced && p.required(path + ".trace", trace)) {
                trace.validate(path + ".trace", p);
            }
        }
        if (trace != null && !(arrival instanceof ArrivalSpec.Trace)) {
            p.add(path + ".trace", "is only read with arrival: {process: trace}");
        }
        int before = p.count();
        if (!traced) {
            lengths(path + ".input_tokens", inputTokens, asWritten.inputTokens(), p);
            lengths(path + ".output_tokens", outputTokens, asWritten.outputTokens(), p);
        }
        validateCommon(path, p, traced, p.count() == before);
        // a pipeline (and its budget) is checked where it is written: here, or once for the workload
        if (asWritten.pipeline() != null || asWritten.budgetS() != null || asWritten.budgetMetric() != null) {
            PipelineCheck.validate(path, pipeline, budgetS, budgetMetric, p);
        }
    }

    /** A length distribution is checked where it is written: here, or in the workload it was inherited from. */
    private static void lengths(String path, LengthSpec resolved, LengthSpec written, Problems p) {
        if (resolved == null) {
            p.add(path, "is required (here or for the whole workload)");
        } else if (written != null) {
            written.validate(path, p);
        }
    }

    /**
     * Validates what a class and a class-less workload have in common (lengths excepted), under {@code path}.
     *
     * @param traced       whether the requests come from a trace
     * @param lengthsValid whether the length distributions (inherited or not) passed their checks
     */
    void validateCommon(String path, Problems p, boolean traced, boolean lengthsValid) {
        if (traced && sessions != null) {
            p.add(path + ".sessions", "cannot be generated for a replayed trace; sessions come from its session_id "
                    + "column");
        }
        p.atLeast(path + ".max_tokens", maxTokens, 1);
        slo.validate(path + ".slo", p);
        if (sessions != null) {
            int before = p.count();
            sessions.validate(path + ".sessions", p);
            if (sharedPrefix != null) {
                sharedPrefix.validate(path + ".shared_prefix", p, traced || !lengthsValid ? null : inputTokens);
            }
            Integer limit = sessions.maxContextTokens();
            if (limit != null && !traced && inputTokens != null && outputTokens != null && p.count() == before
                    && lengthsValid) {
                long firstTurn = (long) inputTokens.upperBound() + maxGeneratedOutputTokens();
                if (limit < firstTurn) {
                    p.add(path + ".sessions.max_context_tokens", "must hold at least a first turn (longest prompt "
                            + "and output: " + firstTurn + " tokens), got " + limit);
                }
            }
        }
        if (sharedPrefix != null && sessions == null) {
            sharedPrefix.validate(path + ".shared_prefix", p, traced || !lengthsValid ? null : inputTokens);
        }
        if (popularity != null) {
            popularity.validate(path + ".popularity", p);
        }
        if (rateLimit != null) {
            rateLimit.validate(path + ".rate_limit", p);
        }
        p.positive(path + ".admission_timeout_s", admissionTimeoutS);
    }

    /** Whether the class's requests come from a trace (its own, or the workload's when it shares). */
    public boolean isTraced(WorkloadSpec workload) {
        return arrival != null ? arrival instanceof ArrivalSpec.Trace : workload.sharedArrival() instanceof
                ArrivalSpec.Trace;
    }

    /**
     * The longest prompt a generated (not traced) request of this class can have. {@code input_tokens} counts the
     * whole prompt, prefix included; in a session every later turn adds the answer before it and a new input of
     * {@code input_tokens} minus the prefix.
     */
    public long maxGeneratedInputTokens() {
        long input = inputTokens.upperBound();
        if (sessions == null) {
            return input;
        }
        long prefix = sharedPrefix != null ? sharedPrefix.tokens() : 0;
        long turns = sessions.turns().upperBound();
        long context = prefix + turns * (input - prefix) + (turns - 1) * maxGeneratedOutputTokens();
        return sessions.maxContextTokens() != null ? Math.min(context, sessions.maxContextTokens()) : context;
    }

    /** The longest output a generated request of this class can have, after {@code max_tokens}. */
    public int maxGeneratedOutputTokens() {
        int out = outputTokens.upperBound();
        return maxTokens != null ? Math.min(out, maxTokens) : out;
    }
}
