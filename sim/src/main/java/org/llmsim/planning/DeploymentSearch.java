package org.llmsim.planning;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

import org.llmsim.metrics.HeadlineMetric;
import org.llmsim.metrics.ReplicationSummary;
import org.llmsim.metrics.RunResult;
import org.llmsim.scenario.LoadScaling;
import org.llmsim.scenario.InputException;
import org.llmsim.scenario.AutoscaleSpec;
import org.llmsim.scenario.PoolPlan;
import org.llmsim.scenario.PoolSpec;
import org.llmsim.scenario.Scenario;

/**
 * {@code llmsim plan}: the cheapest deployment of one pool that meets every SLO ({@link SloCriterion}) at a target
 * arrival rate, over a {@link PlanSpace} of GPU x weight format x tensor parallelism x batch limit (x pipeline stages
 * x data-parallel ranks x expert parallelism when searched), each with 1 to {@code max_replicas} replicas.
 *
 * <ol>
 *   <li>The traffic is scaled to the target rate ({@link LoadScaling}).</li>
 *   <li>Each shape is loaded as a scenario. One that does not fit (the scenario loader's memory plan: weights,
 *       activations and reserve leave no KV block) or is otherwise invalid is skipped without simulating.</li>
 *   <li>{@link RooflineBound} gives the fewest replicas that could carry the traffic; a shape that would need more
 *       than {@code max_replicas} is skipped without simulating.</li>
 *   <li>For the others, the fewest replicas that meet the SLOs: more replicas never hurt, so the search starts at
 *       the bound, doubles until the SLOs hold, then bisects. Each round simulates the next count of every shape
 *       still searching in one batch, on all cores.</li>
 *   <li>Shapes that meet the SLOs are ranked by the {@link Objective}: the fleet's dollars per hour by default
 *       (ties: lower p99 TTFT), or its energy per output token, CO2 per hour or GPUs.</li>
 * </ol>
 */
public final class DeploymentSearch {
    /** How a shape ended. */
    public enum Outcome {
        /** meets every SLO with {@code replicas} replicas, and not with one fewer */
        MEETS("meets the SLOs"),
        /** simulated, but misses the SLOs even with the most replicas allowed */
        MISSES("misses the SLOs at max_replicas"),
        /** skipped: the roofline bound needs more than the most replicas allowed */
        TOO_SLOW("skipped: roofline bound over max_replicas"),
        /** skipped: the model does not fit */
        DOES_NOT_FIT("skipped: does not fit"),
        /**
         * skipped: not a valid deployment (for example a tensor-parallel size that does not divide the heads, or data
         * parallelism of a mixture of experts without expert parallelism)
         */
        INVALID("skipped: invalid");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * One simulated deployment: a shape with a replica count.
     *
     * @param candidate  the shape
     * @param replicas   its replica count
     * @param reps       its runs
     * @param judgement  the SLO verdict
     * @param usdPerHour the fleet's spend rate
     */
    public record Evaluation(Candidate candidate, int replicas, ReplicationSummary reps,
            SloCriterion.Judgement judgement, double usdPerHour, int gpusPerReplica) {
        public double mean(String metricKey) {
            return reps.mean(HeadlineMetric.byKey(metricKey));
        }

        /** Its energy and CO2, the mean over its runs. */
        public Footprint footprint() {
            return Footprint.of(reps);
        }
    }

    /**
     * What the search found for one shape.
     *
     * @param candidate   the shape
     * @param outcome     how it ended
     * @param reason      why it was skipped or what missed (one line), or null
     * @param bound       the roofline bound (null when the shape was not a valid scenario)
     * @param replicas    the fewest replicas that meet the SLOs (0 unless it meets)
     * @param chosen      the evaluation at {@code replicas} (MEETS), or the largest count tried (MISSES), or null
     * @param evaluations every count simulated, in order
     */
    public record Option(Candidate candidate, Outcome outcome, String reason, RooflineBound bound, int replicas,
            Evaluation chosen, List<Evaluation> evaluations) {

        /** The fleet's dollars per hour at the chosen count (NaN unless simulated). */
        public double usdPerHour() {
            return chosen == null ? Double.NaN : chosen.usdPerHour();
        }

        /** GPUs of the planned pool at the chosen count (replicas x pipeline stages x tensor parallelism). */
        public int gpus() {
            return chosen == null ? 0 : chosen.replicas() * chosen.gpusPerReplica();
        }
    }

    /**
     * @param targetRps   the arrival rate planned for
     * @param factor      the traffic multiple that gives it
     * @param scaling     how the traffic was scaled
     * @param criterion   the SLO test
     * @param space       the shapes searched
     * @param pool        the planned pool's index
     * @param options     every shape, ranked: those that meet by cost, then the rest
     * @param runs        simulations run
     * @param autoscaled  the planned pool autoscales: each count is its {@code max_replicas}, and a deployment's
     *                    $/hour is the mean over its runs of what the provisioned replicas cost
     *                    ({@code cost.usd_per_hour}), not the ceiling's price
     * @param winnerAssignments the {@code --set} assignments that turn the scenario into the winner at the target
     *                    rate (empty without a winner)
     * @param objective   what ranked the deployments that meet the SLOs
     */
    public record Result(double targetRps, double factor, LoadScaling scaling, SloCriterion criterion,
            PlanSpace space, int pool, List<Option> options, int runs, boolean autoscaled,
            List<String> winnerAssignments, Objective objective) {

        /** The best deployment that meets the SLOs by the objective, or null. */
        public Option winner() {
            return options.isEmpty() || options.get(0).outcome() != Outcome.MEETS ? null : options.get(0);
        }

        /** Every simulated deployment. */
        public List<Evaluation> evaluations() {
            return options.stream().flatMap(o -> o.evaluations().stream()).toList();
        }
    }

    private final ScenarioSource source;
    private final SloCriterion criterion;
    private final int replications;
    private final PointRunner runner;
    private final Consumer<Evaluation> listener;
    private Objective objective = Objective.COST;
    private java.util.function.Function<Candidate, List<String>> pricing = c -> List.of();

    /** @param listener told of every simulated deployment as it is judged (progress) */
    public DeploymentSearch(ScenarioSource source, SloCriterion criterion, int replications, PointRunner runner,
            Consumer<Evaluation> listener) {
        this.source = source;
        this.criterion = criterion;
        this.replications = replications;
        this.runner = runner;
        this.listener = listener;
    }

    /** Ranks the deployments that meet the SLOs by {@code o} instead of cost (ties: cost, then p99 TTFT). */
    public DeploymentSearch rankedBy(Objective o) {
        this.objective = o;
        return this;
    }

    /**
     * Pays for every candidate as {@code assignments} says (the {@code --set} assignments of its pool's pricing); a
     * candidate for which it returns null has no such price and is skipped as invalid, with {@code reason}.
     */
    public DeploymentSearch pricedBy(java.util.function.Function<Candidate, List<String>> assignments) {
        this.pricing = assignments;
        return this;
    }

    /** The assignments that give the planned pool a shape and a replica count (fixed, or an autoscaling ceiling). */
    @FunctionalInterface
    private interface Shape {
        List<String> assignments(Candidate c, int replicas);
    }

    /** The search state of one shape. */
    private static final class Search {
        final Candidate candidate;
        final RooflineBound bound;
        final List<Evaluation> evaluations = new ArrayList<>();
        int failing;              // the most replicas known to miss (or bounded to)
        int meeting = Integer.MAX_VALUE; // the fewest replicas known to meet
        int next;

        Search(Candidate candidate, RooflineBound bound) {
            this.candidate = candidate;
            this.bound = bound;
            this.failing = bound.replicas() - 1;
            this.next = bound.replicas();
        }
    }

    /**
     * Plans pool {@code pool} for {@code targetRps} requests per second over {@code space}.
     *
     * @throws InputException when the workload has no arrival rate to scale (closed loops) or no shape is valid
     */
    public Result run(double targetRps, PlanSpace space, int pool) {
        Shape shaped = shapeOf(pool);
        Shape shape = (c, n) -> with(shaped.assignments(c, n), pricing.apply(c) == null ? List.of() : pricing.apply(c));
        Scenario reference = reference(space, pool, shape);
        LoadScaling scaling = LoadScaling.of(reference);
        if (scaling.unit() != LoadScaling.Unit.RPS) {
            throw new InputException(source.fileName(), "plan needs open arrivals with a rate (poisson, gamma, "
                    + "diurnal, piecewise, onoff or trace); this workload is scaled by " + scaling.unit().noun());
        }
        double factor = scaling.factorFor(targetRps);
        List<String> scale = scaling.assignments(factor);
        boolean autoscaled = plannedPool(reference, pool).autoscales();
        List<Option> done = new ArrayList<>();
        List<Search> active = new ArrayList<>();
        InputException firstInvalid = null;
        for (Candidate c : space.candidates()) {
            if (pricing.apply(c) == null) {
                done.add(new Option(c, Outcome.INVALID, "no price of that kind for " + c.gpu()
                        + " in the price catalog", null, 0, null, List.of()));
                continue;
            }
            Scenario one;
            try {
                one = source.load(with(scale, shape.assignments(c, 1)));
            } catch (InputException e) {
                boolean fit = e.getMessage().contains("does not fit");
                firstInvalid = firstInvalid == null && !fit ? e : firstInvalid;
                done.add(new Option(c, fit ? Outcome.DOES_NOT_FIT : Outcome.INVALID, firstLine(e.getMessage()), null,
                        0, null, List.of()));
                continue;
            }
            RooflineBound bound = RooflineBound.of(one, pool);
            if (bound.replicas() > space.maxReplicas()) {
                done.add(new Option(c, Outcome.TOO_SLOW, String.format(java.util.Locale.ROOT,
                        "the roofline needs at least %d replicas (compute %.2f, passes %.2f GPU-group seconds per "
                                + "second), more than max_replicas %d", bound.replicas(), bound.computeS(),
                        bound.passesS(), space.maxReplicas()), bound, 0, null, List.of()));
                continue;
            }
            active.add(new Search(c, bound));
        }
        if (active.isEmpty() && done.stream().allMatch(o -> o.outcome() == Outcome.INVALID) && firstInvalid != null) {
            throw firstInvalid;
        }
        int runs = 0;
        while (!active.isEmpty()) {
            List<Scenario> batch = new ArrayList<>();
            for (Search s : active) {
                batch.add(source.load(with(scale, shape.assignments(s.candidate, s.next))));
            }
            List<List<RunResult>> results = runner.run(batch, replications);
            runs += batch.size() * replications;
            List<Search> still = new ArrayList<>();
            for (int i = 0; i < active.size(); i++) {
                Search s = active.get(i);
                List<RunResult> r = results.get(i);
                ReplicationSummary reps = ReplicationSummary.of(r);
                double usdPerHour = autoscaled ? reps.mean(HeadlineMetric.byKey("cost.usd_per_hour"))
                        : batch.get(i).fleetUsdPerHour();
                Evaluation e = new Evaluation(s.candidate, s.next, reps, criterion.judge(r), usdPerHour,
                        plannedPool(batch.get(i), pool).hardware().gpus());
                s.evaluations.add(e);
                listener.accept(e);
                if (e.judgement().meets()) {
                    s.meeting = s.next;
                } else {
                    s.failing = s.next;
                }
                Option finished = step(s, space.maxReplicas());
                if (finished != null) {
                    done.add(finished);
                } else {
                    still.add(s);
                }
            }
            active = still;
        }
        done.sort(ranking(objective));
        Option w = done.isEmpty() || done.get(0).outcome() != Outcome.MEETS ? null : done.get(0);
        List<String> winnerAssignments = w == null ? List.of() : with(scale, shape.assignments(w.candidate(),
                w.replicas()));
        return new Result(targetRps, factor, scaling, criterion, space, pool, List.copyOf(done), runs, autoscaled,
                List.copyOf(winnerAssignments), objective);
    }

    /**
     * The scenario as written, or, when its own pool does not fit, as the first shape that does: only its workload
     * matters (to scale the traffic), and a plan is often asked precisely because the pool as written does not fit.
     */
    /**
     * How a shape and a count are written into the planned pool. An autoscaled pool is planned by its ceiling: the
     * fewest max_replicas that meet the SLOs over the run (a diurnal day, say), ranked by what the replicas it
     * actually provisioned cost. Read from the file as written, so that it holds before any shape is loaded.
     */
    private Shape shapeOf(int pool) {
        List<PoolSpec> pools = source.spec().cluster().pools();
        AutoscaleSpec autoscale = pool >= 0 && pool < pools.size() ? pools.get(pool).autoscale() : null;
        if (autoscale == null) {
            return (c, n) -> c.assignments(pool, n);
        }
        int initial = pools.get(pool).replicas();
        return (c, n) -> c.autoscaledAssignments(pool, n, autoscale.minReplicas(), initial);
    }

    private Scenario reference(PlanSpace space, int pool, Shape shape) {
        InputException first;
        try {
            return checkPool(source.base(), pool);
        } catch (InputException e) {
            first = e;
        }
        for (Candidate c : space.candidates()) {
            try {
                return checkPool(source.load(shape.assignments(c, 1)), pool);
            } catch (InputException e) {
                // try the next shape
            }
        }
        throw first;
    }

    private Scenario checkPool(Scenario s, int pool) {
        int all = s.spec().cluster().pools().size();
        if (pool < 0 || pool >= all) {
            throw new InputException(source.fileName(), "--pool: the scenario has " + all + " pools, no pool " + pool);
        }
        if (s.pools().stream().noneMatch(p -> p.index() == pool)) {
            throw new InputException(source.fileName(), "--pool: cluster.pools[" + pool + "] is an API provider "
                    + "pool; plan sizes GPU pools");
        }
        return s;
    }

    /** The GPU pool written at {@code cluster.pools[pool]} (provider pools are kept apart in the scenario). */
    private static PoolPlan plannedPool(Scenario s, int pool) {
        return s.pools().stream().filter(p -> p.index() == pool).findFirst().orElseThrow();
    }

    /** Advances a search by one count; returns its option when it is decided. */
    private static Option step(Search s, int maxReplicas) {
        if (s.meeting <= maxReplicas && s.meeting - s.failing <= 1) {
            Evaluation at = s.evaluations.stream().filter(e -> e.replicas() == s.meeting).findFirst().orElseThrow();
            return new Option(s.candidate, Outcome.MEETS, null, s.bound, s.meeting, at, List.copyOf(s.evaluations));
        }
        if (s.failing >= maxReplicas) {
            Evaluation last = s.evaluations.get(s.evaluations.size() - 1);
            return new Option(s.candidate, Outcome.MISSES, "with " + last.replicas() + " replicas: "
                    + describe(last.judgement().binding()), s.bound, 0, last, List.copyOf(s.evaluations));
        }
        s.next = s.meeting > maxReplicas ? Math.min(maxReplicas, Math.max(s.failing + 1, 2 * s.failing))
                : (s.failing + s.meeting) / 2;
        return null;
    }

    /** "TTFT p99 1.84 s over 1 s". */
    static String describe(SloCriterion.Check c) {
        return c.name() + " " + Double.toString(Math.round(c.value() * 1000) / 1000.0) + (c.atLeast() ? " under "
                : " over ") + c.target();
    }

    /** Meeting shapes by cost, then p99 TTFT, then the rest by outcome in declaration order. */
    static final Comparator<Option> RANKING = ranking(Objective.COST);

    /**
     * Meeting shapes by {@code objective} (a shape without the figure, say a GPU without power figures, after those
     * with it), then cost, then p99 TTFT; then the rest by outcome in declaration order.
     */
    static Comparator<Option> ranking(Objective objective) {
        return Comparator
                .comparing((Option o) -> o.outcome().ordinal())
                .thenComparingDouble(o -> o.outcome() == Outcome.MEETS ? orLast(objective.value(o)) : 0)
                .thenComparingDouble(o -> o.outcome() == Outcome.MEETS ? o.usdPerHour() : 0)
                .thenComparingDouble(o -> o.outcome() == Outcome.MEETS ? o.chosen().mean("ttft_s.p99") : 0);
    }

    private static double orLast(double v) {
        return Double.isNaN(v) ? Double.POSITIVE_INFINITY : v;
    }

    private static List<String> with(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static String firstLine(String message) {
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
