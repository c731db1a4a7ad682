package org.llmsim.planning;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

import org.llmsim.metrics.Estimate;
import org.llmsim.metrics.LatencyStats;
import org.llmsim.metrics.RunResult;
import org.llmsim.scenario.InputException;

/**
 * When a deployment "meets its SLOs" at a load, the test behind {@code capacity} and {@code plan}. Every request
 * class is held to its own targets ({@code slo.ttft_s}, {@code tpot_s}, {@code e2e_s}, {@code deadline_s}):
 *
 * <ul>
 *   <li>with a {@link Statistic} (default p99): that statistic of the class's TTFT, TPOT and E2E is within each target
 *       ({@code deadline_s} bounds E2E too), and at most {@code 1 - q} of its requests are lost (rejected or still
 *       unfinished when the run stops; 1% for the mean): a request that is never served misses every target, so a
 *       p99 cannot hide more than 1% of them;</li>
 *   <li>with an attainment target {@code a}: the share of the class's requests that met every target is at least
 *       {@code a}.</li>
 * </ul>
 *
 * Over replications a figure is the mean over the runs (as {@code compare} judges), with its 95% confidence interval:
 * a check is <em>conclusive</em> when the interval lies entirely on one side of the target.
 *
 * @param statistic  the latency statistic held to the targets, or null for attainment only
 * @param attainment the share of requests that must meet every target, or null
 */
public record SloCriterion(Statistic statistic, Double attainment) {
    /** Margins are clamped to this many e-folds, so an empty or collapsed run stays a finite "far off". */
    static final double MAX_MARGIN = 20;
    /** Lost share allowed with the mean as statistic. */
    static final double LOST_SHARE_FOR_MEAN = 0.01;

    /** The latency statistic compared with the targets. */
    public enum Statistic {
        P50(50), P90(90), P95(95), P99(99), MEAN(0);

        private final int percentile;

        Statistic(int percentile) {
            this.percentile = percentile;
        }

        /** Reads "99", "p99" or "mean". */
        public static Statistic parse(String text) {
            String t = text.trim().toLowerCase(Locale.ROOT);
            if (t.equals("mean")) {
                return MEAN;
            }
            if (t.startsWith("p")) {
                t = t.substring(1);
            }
            for (Statistic s : values()) {
                if (s != MEAN && Integer.toString(s.percentile).equals(t)) {
                    return s;
                }
            }
            throw new InputException("--percentile " + text, "use 50, 90, 95, 99 or mean");
        }

        public double of(LatencyStats stats) {
            return this == MEAN ? stats.mean() : stats.percentile(percentile);
        }

        /** "p99", "mean". */
        public String label() {
            return this == MEAN ? "mean" : "p" + percentile;
        }

        /** The share of requests that may be lost under this statistic. */
        double lostShareAllowed() {
            return this == MEAN ? LOST_SHARE_FOR_MEAN : 1 - percentile / 100.0;
        }
    }

    public SloCriterion {
        if (statistic == null && attainment == null) {
            throw new IllegalArgumentException("a criterion needs a statistic or an attainment target");
        }
        if (attainment != null && !(attainment > 0 && attainment < 1)) {
            throw new InputException("--attainment " + attainment, "must be a fraction in (0, 1), e.g. 0.99");
        }
    }

    /** The default: p99 of every latency within its target. */
    public static final SloCriterion P99 = new SloCriterion(Statistic.P99, null);

    /** A one-line definition for reports: "p99 TTFT, TPOT and E2E within each class's targets, at most 1% lost". */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (statistic != null) {
            parts.add(statistic.label() + " of each latency within its SLO target, at most "
                    + String.format(Locale.ROOT, "%.3g%%", statistic.lostShareAllowed() * 100)
                    + " of requests lost (rejected or unfinished)");
        }
        if (attainment != null) {
            parts.add("at least " + String.format(Locale.ROOT, "%.3g%%", attainment * 100)
                    + " of requests meet every target");
        }
        return String.join("; ", parts) + " (every class against its own targets)";
    }

    /**
     * One comparison of a figure with its target.
     *
     * @param name     what is checked: "TTFT p99", "chat TPOT p99", "lost share", "SLO attainment"
     * @param estimate the figure over the replications (mean and 95% interval; NaN interval for one run)
     * @param target   the target
     * @param atLeast  whether the figure must be at least the target (attainment) rather than at most
     */
    public record Check(String name, Estimate estimate, double target, boolean atLeast) {
        public double value() {
            return estimate.mean();
        }

        public boolean passes() {
            double v = estimate.mean();
            return atLeast ? v >= target : v <= target;
        }

        /** {@code ln(value / target)} for an upper bound (of what is missed, for attainment): > 0 fails. */
        public double margin() {
            double v = estimate.mean();
            if (Double.isNaN(v)) {
                return MAX_MARGIN;
            }
            double m = atLeast ? Math.log((1 - v + 1e-4) / (1 - target + 1e-4))
                    : target == 0 ? (v <= 0 ? -MAX_MARGIN : MAX_MARGIN) : Math.log(Math.max(v, 0) / target);
            return Math.max(-MAX_MARGIN, Math.min(MAX_MARGIN, Double.isNaN(m) ? MAX_MARGIN : m));
        }

        /** The interval lies on the passing side (false without an interval). */
        public boolean surelyPasses() {
            return estimate.n() > 1 && (atLeast ? estimate.ci95Low() >= target : estimate.ci95High() <= target);
        }

        /** The interval lies on the failing side (false without an interval). */
        public boolean surelyFails() {
            return estimate.n() > 1 && (atLeast ? estimate.ci95High() < target : estimate.ci95Low() > target);
        }
    }

    /**
     * The verdict at one load.
     *
     * @param checks every comparison made
     */
    public record Judgement(List<Check> checks) {
        public boolean meets() {
            return checks.stream().allMatch(Check::passes);
        }

        /** The largest margin: {@code <= 0} exactly when every check passes. */
        public double margin() {
            return checks.stream().mapToDouble(Check::margin).max().orElse(-MAX_MARGIN);
        }

        /** Every check passes with its whole interval (needs two or more replications). */
        public boolean surelyMeets() {
            return checks.stream().allMatch(Check::surelyPasses);
        }

        /** Some check fails with its whole interval (needs two or more replications). */
        public boolean surelyFails() {
            return checks.stream().anyMatch(Check::surelyFails);
        }

        /** The check that decides: the one with the largest margin. */
        public Check binding() {
            Check worst = checks.get(0);
            for (Check c : checks) {
                if (c.margin() > worst.margin()) {
                    worst = c;
                }
            }
            return worst;
        }
    }

    /**
     * Judges the runs of one deployment at one load (replications of one scenario). A class none of whose requests
     * arrived in the measurement window has nothing to judge and passes.
     *
     * @throws InputException when no class has a latency target
     */
    public Judgement judge(List<RunResult> runs) {
        RunResult first = runs.get(0);
        List<Check> checks = new ArrayList<>();
        boolean anyTargets = false;
        boolean named = first.classes().size() > 1;
        int classes = Math.max(1, first.classes().size());
        for (int k = 0; k < classes; k++) {
            final int index = k;
            Function<RunResult, ClassView> view = r -> ClassView.of(r, index);
            ClassView c = view.apply(first);
            if (!c.hasTargets()) {
                continue;
            }
            anyTargets = true;
            if (runs.stream().allMatch(r -> view.apply(r).requests().measured() == 0)) {
                continue; // no request of this class arrived in the window: nothing to judge
            }
            String prefix = named ? c.name() + " " : "";
            if (statistic != null) {
                latency(checks, runs, view, prefix + "TTFT", c.slo().ttftS(), ClassView::ttft, false);
                latency(checks, runs, view, prefix + "TPOT", c.slo().tpotS(), ClassView::tpot, true);
                latency(checks, runs, view, prefix + "E2E", c.slo().e2eS(), ClassView::e2e, false);
                latency(checks, runs, view, prefix + "E2E (deadline)", c.slo().deadlineS(), ClassView::e2e, false);
                checks.add(new Check(prefix + "lost share", estimate(runs, r -> view.apply(r).lostShare()),
                        statistic.lostShareAllowed(), false));
            }
            if (attainment != null) {
                checks.add(new Check(prefix + "SLO attainment", estimate(runs, r -> view.apply(r).slo().attainment()),
                        attainment, true));
            }
        }
        if (!anyTargets) {
            throw new InputException(first.scenario(), "there is no SLO to meet: set workload.slo (ttft_s, tpot_s, "
                    + "e2e_s) or a class's slo, for example --set workload.slo.ttft_s=1");
        }
        return new Judgement(List.copyOf(checks));
    }

    private void latency(List<Check> checks, List<RunResult> runs, Function<RunResult, ClassView> view, String name,
            Double target, Function<ClassView, LatencyStats> stats, boolean optional) {
        if (target == null) {
            return;
        }
        // TPOT does not apply to one-token answers: no sample is not a failure; for TTFT and E2E it means nothing
        // completed, which fails
        if (optional && runs.stream().allMatch(r -> stats.apply(view.apply(r)).count() == 0)) {
            return;
        }
        checks.add(new Check(name + " " + statistic.label(), estimate(runs, r -> {
            LatencyStats s = stats.apply(view.apply(r));
            return s.count() == 0 ? Double.POSITIVE_INFINITY : statistic.of(s);
        }), target, false));
    }

    /** Mean and interval; one run that failed outright (infinite) makes the mean infinite. */
    private static Estimate estimate(List<RunResult> runs, ToDoubleFunction<RunResult> value) {
        double[] v = new double[runs.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = value.applyAsDouble(runs.get(i));
            if (Double.isInfinite(v[i])) {
                double inf = Double.POSITIVE_INFINITY;
                return new Estimate(runs.size(), inf, Double.NaN, inf, inf);
            }
        }
        return Estimate.of(v);
    }

    /** One class of a run, or the whole run when it has no per-class figures. */
    private record ClassView(String name, RunResult.RequestCounts requests, LatencyStats ttft, LatencyStats tpot,
            LatencyStats e2e, RunResult.SloResult slo) {
        static ClassView of(RunResult r, int index) {
            if (r.classes().isEmpty()) {
                return new ClassView("all", r.requests(), r.ttft(), r.tpot(), r.e2e(), r.slo());
            }
            RunResult.ClassResult c = r.classes().get(index);
            return new ClassView(c.name(), c.requests(), c.ttft(), c.tpot(), c.e2e(), c.slo());
        }

        boolean hasTargets() {
            return slo.ttftS() != null || slo.tpotS() != null || slo.e2eS() != null || slo.deadlineS() != null;
        }

        /** Rejected or unfinished, of every request that arrived. */
        double lostShare() {
            return requests.arrived() == 0 ? 0 : (double) (requests.rejected() + requests.unfinished())
                    / requests.arrived();
        }
    }
}
