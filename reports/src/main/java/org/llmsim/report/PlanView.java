package org.llmsim.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.llmsim.metrics.HeadlineMetric;
import org.llmsim.planning.DeploymentSearch;
import org.llmsim.planning.Pareto;

/** A plan arranged for its table, CSV, JSON and charts. */
final class PlanView {
    static final HeadlineMetric TTFT_P99 = HeadlineMetric.byKey("ttft_s.p99");
    static final HeadlineMetric TPOT_P99 = HeadlineMetric.byKey("tpot_s.p99");
    static final HeadlineMetric ATTAINMENT = HeadlineMetric.byKey("slo.attainment");
    static final HeadlineMetric PER_1M_OUTPUT = HeadlineMetric.byKey("cost.usd_per_1m_output_tokens");

    private PlanView() {
    }

    /** "meets", "misses", "too_slow", "does_not_fit", "invalid". */
    static String outcomeKey(DeploymentSearch.Outcome o) {
        return o.name().toLowerCase(Locale.ROOT);
    }

    /** "3 x l40s (bf16, tp1, batch 256)". */
    static String deployment(DeploymentSearch.Option o) {
        var c = o.candidate();
        return o.replicas() + " x " + c.gpu() + " (" + c.weightDtype().yamlName() + ", tp" + c.tensorParallel()
                + (c.pipelineParallel() == null ? "" : ", pp" + c.pipelineParallel())
                + (c.dataParallel() == null ? "" : ", dp" + c.dataParallel())
                + (c.expertParallel() == null ? "" : c.expertParallel() ? ", ep" : ", no-ep")
                + ", batch " + c.maxBatchSize() + ")";
    }

    /** The ranked table, header first: meeting shapes by the objective, then the rest. */
    static List<String[]> rows(DeploymentSearch.Result r) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"#", "GPU", "weights", "TP", "batch", "replicas", "GPUs", "$/hour", "$/1M out",
                "kWh/1M out", "kg CO2/h", "TTFT p99", "TPOT p99", "SLO met", "outcome"});
        int rank = 0;
        for (DeploymentSearch.Option o : r.options()) {
            var c = o.candidate();
            boolean meets = o.outcome() == DeploymentSearch.Outcome.MEETS;
            var e = o.chosen();
            rows.add(new String[] {meets ? Integer.toString(++rank) : "-", c.gpu(), c.weightDtype().yamlName(),
                    tpCell(c), Integer.toString(c.maxBatchSize()),
                    e == null ? "-" : (meets ? "" : "<=") + e.replicas(), e == null ? "-" : Integer.toString(o.gpus()),
                    e == null ? "-" : Format.usd(e.usdPerHour()),
                    e == null ? "-" : MetricFormat.value(PER_1M_OUTPUT, e.reps().mean(PER_1M_OUTPUT)),
                    e == null ? "-" : figure(e.footprint().kwhPerMillionOutputTokens()),
                    e == null ? "-" : figure(e.footprint().co2KgPerHour()),
                    e == null ? "-" : MetricFormat.value(TTFT_P99, e.reps().mean(TTFT_P99)),
                    e == null ? "-" : MetricFormat.value(TPOT_P99, e.reps().mean(TPOT_P99)),
                    e == null ? "-" : MetricFormat.value(ATTAINMENT, e.reps().mean(ATTAINMENT)),
                    shortOutcome(o.outcome())});
        }
        return rows;
    }

    /** "2", or with searched parallel axes "2 pp2 dp4 ep". */
    private static String tpCell(org.llmsim.planning.Candidate c) {
        return c.tensorParallel() + (c.pipelineParallel() == null ? "" : " pp" + c.pipelineParallel())
                + (c.dataParallel() == null ? "" : " dp" + c.dataParallel())
                + (c.expertParallel() == null ? "" : c.expertParallel() ? " ep" : " no-ep");
    }

    /** An energy or CO2 figure to three significant digits, "-" when unknown (no power figures or intensity). */
    static String figure(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "-" : String.format(java.util.Locale.ROOT,
                v >= 100 ? "%.0f" : v >= 10 ? "%.1f" : "%.2f", v);
    }

    /** The outcome in a table cell. */
    static String shortOutcome(DeploymentSearch.Outcome o) {
        return switch (o) {
            case MEETS -> "meets";
            case MISSES -> "misses at max";
            case TOO_SLOW -> "skipped: roofline";
            case DOES_NOT_FIT -> "skipped: no fit";
            case INVALID -> "skipped: invalid";
        };
    }

    /** Simulated deployments that meet the SLOs. */
    static List<DeploymentSearch.Evaluation> meeting(DeploymentSearch.Result r) {
        return r.evaluations().stream().filter(e -> e.judgement().meets()).toList();
    }

    /** The cost/latency frontier of the deployments that meet the SLOs, by the given latency. */
    static List<DeploymentSearch.Evaluation> frontier(DeploymentSearch.Result r, HeadlineMetric latency) {
        return Pareto.frontier(meeting(r), DeploymentSearch.Evaluation::usdPerHour, e -> e.reps().mean(latency));
    }

    static long count(DeploymentSearch.Result r, DeploymentSearch.Outcome o) {
        return r.options().stream().filter(x -> x.outcome() == o).count();
    }

    /** "4 skipped without simulating (3 do not fit, 1 beyond max_replicas by the roofline)". */
    static String skipped(DeploymentSearch.Result r) {
        long fit = count(r, DeploymentSearch.Outcome.DOES_NOT_FIT);
        long slow = count(r, DeploymentSearch.Outcome.TOO_SLOW);
        long invalid = count(r, DeploymentSearch.Outcome.INVALID);
        long all = fit + slow + invalid;
        if (all == 0) {
            return "none skipped";
        }
        List<String> parts = new ArrayList<>();
        if (fit > 0) {
            parts.add(fit + " do" + (fit == 1 ? "es" : "") + " not fit");
        }
        if (slow > 0) {
            parts.add(slow + " beyond max_replicas by the roofline");
        }
        if (invalid > 0) {
            parts.add(invalid + " invalid");
        }
        return all + " skipped without simulating (" + String.join(", ", parts) + ")";
    }
}
