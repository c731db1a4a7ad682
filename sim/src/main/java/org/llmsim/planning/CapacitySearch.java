package org.llmsim.planning;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.llmsim.metrics.ReplicationSummary;
import org.llmsim.metrics.RunResult;
import org.llmsim.scenario.LoadScaling;
import org.llmsim.scenario.Scenario;

/**
 * The highest load a deployment sustains while meeting its SLOs ({@link SloCriterion}), and the knee of its latency
 * curve. The load is the scenario's traffic times a factor ({@link LoadScaling}); every evaluation simulates the
 * scaled scenario {@code replications} times under the same seeds, so the response is a smooth function of the load
 * (common random numbers: the same draws, stretched in time).
 *
 * <ol>
 *   <li><b>Bracket.</b> From the scenario's own load, double the factor until the SLOs fail (or halve it until they
 *       hold).</li>
 *   <li><b>Root.</b> Brent's method (Commons Math) finds where the margin of the binding check, {@code max ln(figure
 *       / target)} over the mean figures, crosses zero, to a relative tolerance of the load.</li>
 *   <li><b>Interval.</b> With two or more replications, the loads around the root where every check's 95% interval
 *       lies within its target (below) and where some check's interval lies beyond it (above), stepping out 2%, 5%,
 *       10%, 20%, 40% until found: the capacity is known to lie between them. With one replication the interval is
 *       only the search's resolution.</li>
 *   <li><b>Curve.</b> The latency at evenly spaced loads up to {@code curve_max} times the capacity, from which the
 *       {@link Knee} is read off the p99 TTFT.</li>
 * </ol>
 */
public final class CapacitySearch {
    private static final double[] LADDER = {0.02, 0.05, 0.10, 0.20, 0.40};

    /**
     * @param replications      runs per evaluated load
     * @param relativeTolerance the root is found to this fraction of the load (default 0.01)
     * @param maxDoublings      bracketing steps before giving up (the range is 2^steps either way)
     * @param curvePoints       loads on the curve
     * @param curveMaxFraction  the curve's highest load as a multiple of the capacity
     * @param kneeElasticity    the elasticity that defines the knee ({@link Knee})
     */
    public record Options(int replications, double relativeTolerance, int maxDoublings, int curvePoints,
            double curveMaxFraction, double kneeElasticity) {
        public static Options defaults(int replications) {
            return new Options(replications, 0.01, 12, 12, 1.2, Knee.DEFAULT_ELASTICITY);
        }
    }

    /** Why a load was simulated. */
    public enum Purpose { BRACKET, ROOT, INTERVAL, CURVE }

    /**
     * One evaluated load.
     *
     * @param factor    the traffic multiple
     * @param load      the load in the scaling's unit
     * @param purpose   why it was simulated
     * @param reps      its runs
     * @param judgement the SLO verdict
     */
    public record Point(double factor, double load, Purpose purpose, ReplicationSummary reps,
            SloCriterion.Judgement judgement) {
    }

    /** How the search ended. */
    public enum Status {
        /** the SLOs hold below the capacity and fail above it */
        FOUND,
        /** the SLOs fail even at the lowest load tried: the capacity is below it */
        BELOW_RANGE,
        /** the SLOs hold even at the highest load tried: the capacity is above it */
        ABOVE_RANGE
    }

    /**
     * @param scaling       what is scaled, and the unit of the loads
     * @param criterion     the SLO test
     * @param options       the search settings
     * @param status        how the search ended
     * @param capacity      the load where the SLOs stop holding (for BELOW_RANGE / ABOVE_RANGE: the bound reached)
     * @param low           the lower end of the interval that holds the capacity, or NaN
     * @param high          the upper end, or NaN
     * @param intervalBasis how the interval was obtained, in words
     * @param knee          the knee of the p99 TTFT curve, or NaN
     * @param points        every evaluated load, by load
     * @param runs          simulations run
     */
    public record Result(LoadScaling scaling, SloCriterion criterion, Options options, Status status, double capacity,
            double low, double high, String intervalBasis, double knee, List<Point> points, List<Point> curve,
            int runs) {
    }

    private final ScenarioSource source;
    private final LoadScaling scaling;
    private final SloCriterion criterion;
    private final Options options;
    private final PointRunner runner;
    private final Consumer<Point> listener;
    private final Map<String, Point> evaluated = new LinkedHashMap<>();
    private List<Point> curve = List.of();
    private int runs;

    /**
     * @param listener told of every evaluated load as soon as it is judged (progress), on the calling thread
     */
    public CapacitySearch(ScenarioSource source, SloCriterion criterion, Options options, PointRunner runner,
            Consumer<Point> listener) {
        this.source = source;
        this.scaling = LoadScaling.of(source.base());
        this.criterion = criterion;
        this.options = options;
        this.runner = runner;
        this.listener = listener;
    }

    public LoadScaling scaling() {
        return scaling;
    }

    public Result run() {
        // 1. bracket the root by doubling (or halving) the factor
        double lo;
        double hi;
        Point start = evaluate(List.of(1.0), Purpose.BRACKET).get(0);
        if (start.judgement().meets()) {
            lo = 1;
            hi = 2;
            int steps = 0;
            while (evaluate(List.of(hi), Purpose.BRACKET).get(0).judgement().meets()) {
                if (++steps >= options.maxDoublings()) {
                    return result(Status.ABOVE_RANGE, hi, Double.NaN, Double.NaN, "the SLOs hold at every load tried");
                }
                lo = hi;
                hi *= 2;
            }
        } else {
            hi = 1;
            lo = 0.5;
            int steps = 0;
            while (!evaluate(List.of(lo), Purpose.BRACKET).get(0).judgement().meets()) {
                if (++steps >= options.maxDoublings()) {
                    return result(Status.BELOW_RANGE, lo, Double.NaN, Double.NaN, "the SLOs fail at every load tried");
                }
                hi = lo;
                lo /= 2;
            }
        }
        // 2. Brent on the margin of the binding check; whole users: the most that meet
        double root = root(lo, hi);
        if (scaling.unit() == LoadScaling.Unit.USERS) {
            root = bracket(lo, hi)[0];
        }
        // 3. the interval, 4. the curve
        double[] interval = interval(root);
        String basis = options.replications() > 1
                ? "95% confidence: below the interval every check's interval is within its target, above it some "
                        + "check's interval is beyond it (" + options.replications() + " replications per load)"
                : "the search's resolution only (one replication per load; use --replications to measure sampling "
                        + "noise)";
        curve(root);
        return result(Status.FOUND, root, interval[0], interval[1], basis);
    }

    private double root(double lo, double hi) {
        double tolerance = options.relativeTolerance();
        BrentSolver solver = new BrentSolver(tolerance / 2, lo * tolerance / 2);
        try {
            return solver.solve(40, f -> evaluate(List.of(f), Purpose.ROOT).get(0).judgement().margin(), lo, hi);
        } catch (TooManyEvaluationsException e) {
            // a response too ragged to converge: the midpoint of the tightest bracket found
            double[] bracket = bracket(lo, hi);
            return (bracket[0] + bracket[1]) / 2;
        }
    }

    /** The tightest pair of evaluated factors around the root: the highest that meets below the lowest that fails. */
    private double[] bracket(double lo, double hi) {
        double fail = hi;
        for (Point p : evaluated.values()) {
            if (!p.judgement().meets() && p.factor() >= lo && p.factor() < fail) {
                fail = p.factor();
            }
        }
        double meet = lo;
        for (Point p : evaluated.values()) {
            if (p.judgement().meets() && p.factor() <= fail && p.factor() > meet) {
                meet = p.factor();
            }
        }
        return new double[] {meet, fail};
    }

    private double[] interval(double root) {
        if (options.replications() < 2) {
            double[] b = bracket(0, Double.POSITIVE_INFINITY);
            double low = Math.min(b[0], root);
            double high = Double.isInfinite(b[1]) ? Double.NaN : Math.max(b[1], root);
            return new double[] {scaling.load(low), Double.isNaN(high) ? Double.NaN : scaling.load(high)};
        }
        double low = Double.NaN;
        double high = Double.NaN;
        for (double step : LADDER) {
            low = Double.isNaN(low) ? surely(root, root * (1 - step), true) : low;
            high = Double.isNaN(high) ? surely(root, root * (1 + step), false) : high;
            List<Double> probes = new ArrayList<>();
            if (Double.isNaN(low)) {
                probes.add(root * (1 - step));
            }
            if (Double.isNaN(high)) {
                probes.add(root * (1 + step));
            }
            if (probes.isEmpty()) {
                break;
            }
            evaluate(probes, Purpose.INTERVAL);
            low = Double.isNaN(low) ? surely(root, root * (1 - step), true) : low;
            high = Double.isNaN(high) ? surely(root, root * (1 + step), false) : high;
        }
        return new double[] {Double.isNaN(low) ? Double.NaN : scaling.load(low),
                Double.isNaN(high) ? Double.NaN : scaling.load(high)};
    }

    /**
     * The evaluated factor closest to the root, between it and {@code limit}, that surely meets (below the root) or
     * surely fails (above it); NaN if none.
     */
    private double surely(double root, double limit, boolean below) {
        double best = Double.NaN;
        for (Point p : evaluated.values()) {
            double f = p.factor();
            boolean inRange = below ? f <= root && f >= limit : f >= root && f <= limit;
            boolean sure = below ? p.judgement().surelyMeets() : p.judgement().surelyFails();
            if (inRange && sure && (Double.isNaN(best) || Math.abs(f - root) < Math.abs(best - root))) {
                best = f;
            }
        }
        return best;
    }

    private void curve(double root) {
        List<Double> factors = new ArrayList<>();
        for (int i = 1; i <= options.curvePoints(); i++) {
            factors.add(root * options.curveMaxFraction() * i / options.curvePoints());
        }
        // factors that round to the same closed-loop user count give one point
        curve = evaluate(factors, Purpose.CURVE).stream().distinct().toList();
    }

    private Result result(Status status, double capacityFactor, double low, double high, String basis) {
        List<Point> sorted = new ArrayList<>(evaluated.values());
        sorted.sort(Comparator.comparingDouble(Point::load).thenComparing(Point::purpose));
        double knee = Knee.of(curve.stream().mapToDouble(Point::load).toArray(),
                curve.stream().mapToDouble(p -> p.reps().mean(org.llmsim.metrics.HeadlineMetric.byKey("ttft_s.p99")))
                        .toArray(), options.kneeElasticity());
        return new Result(scaling, criterion, options, status, scaling.load(capacityFactor), low, high, basis, knee,
                List.copyOf(sorted), curve, runs);
    }

    /**
     * Simulates the factors not simulated yet (in one batch, on all cores) and returns the points of all of them.
     * Factors that give the same scenario (closed-loop users round) share one point.
     */
    private List<Point> evaluate(List<Double> factors, Purpose purpose) {
        List<String> keys = new ArrayList<>();
        List<Double> todo = new ArrayList<>();
        List<String> todoKeys = new ArrayList<>();
        List<Scenario> scenarios = new ArrayList<>();
        for (double f : factors) {
            List<String> assignments = scaling.assignments(f);
            String key = String.join(" ", assignments);
            keys.add(key);
            if (!evaluated.containsKey(key) && !todoKeys.contains(key)) {
                todo.add(f);
                todoKeys.add(key);
                scenarios.add(source.load(assignments));
            }
        }
        if (!scenarios.isEmpty()) {
            List<List<RunResult>> results = runner.run(scenarios, options.replications());
            runs += scenarios.size() * options.replications();
            for (int i = 0; i < todo.size(); i++) {
                List<RunResult> r = results.get(i);
                Point p = new Point(todo.get(i), scaling.load(todo.get(i)), purpose, ReplicationSummary.of(r),
                        criterion.judge(r));
                evaluated.put(todoKeys.get(i), p);
                listener.accept(p);
            }
        }
        return keys.stream().map(evaluated::get).toList();
    }
}
