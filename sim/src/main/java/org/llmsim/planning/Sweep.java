package org.llmsim.planning;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.llmsim.metrics.ReplicationSummary;
import org.llmsim.metrics.RunResult;
import org.llmsim.scenario.InputException;
import org.llmsim.scenario.Overrides;
import org.llmsim.scenario.Scenario;

/**
 * A sweep: the scenario at every point of a {@link Grid}, each point loaded and validated on its own (a point where
 * the scenario is invalid, such as a model that does not fit, is recorded with the reason and not simulated), then
 * every valid point simulated in one batch on the {@link PointRunner}, so points and replications spread over the
 * cores.
 *
 * <p>Every point runs under the seed its scenario has (the file's, {@code --seed}'s, or the point's own when
 * {@code seed} is a varied field), replication r under seed + r: points that share a workload see the same traffic
 * (common random numbers), so differences between them come from the varied fields, not from the draw.
 */
public final class Sweep {
    private Sweep() {
    }

    /**
     * The outcome of one point.
     *
     * @param point    the point
     * @param scenario the scenario at the point, or null when it is invalid
     * @param error    why the point is invalid (one line per problem), or null
     * @param reps     its runs, by replication, or null when it is invalid
     */
    public record PointResult(Grid.Point point, Scenario scenario, String error, ReplicationSummary reps) {
        public boolean valid() {
            return error == null;
        }
    }

    /**
     * @param source       the scenario
     * @param grid         the points
     * @param replications runs per point
     * @param points       the outcome of every point, in grid order
     */
    public record Result(ScenarioSource source, Grid grid, int replications, List<PointResult> points) {
        public long validPoints() {
            return points.stream().filter(PointResult::valid).count();
        }
    }

    /**
     * Runs the sweep.
     *
     * @throws InputException when no point is a valid scenario (a misspelt field, say): the first point's problems
     */
    public static Result run(ScenarioSource source, Grid grid, int replications, PointRunner runner) {
        return run(load(source, grid), replications, runner);
    }

    /**
     * The points of a sweep loaded and validated, not yet simulated: a command checks them before it writes anything.
     *
     * @param source    the scenario file
     * @param grid      the points
     * @param scenarios the scenario at each point, in grid order, or null where it is invalid
     * @param errors    why each invalid point is invalid, or null
     */
    public record Loaded(ScenarioSource source, Grid grid, List<Scenario> scenarios, List<String> errors) {
    }

    /**
     * Loads every point.
     *
     * @throws InputException when no point is a valid scenario (a misspelt field, say): the first point's problems
     */
    public static Loaded load(ScenarioSource source, Grid grid) {
        List<Scenario> scenarios = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        InputException first = null;
        for (Grid.Point p : grid.points()) {
            try {
                // tagged, so that a problem with a point's value names --vary, not --set
                scenarios.add(source.load(p.assignments().stream().map(a -> Overrides.from("--vary", a)).toList()));
                errors.add(null);
            } catch (InputException e) {
                scenarios.add(null);
                errors.add(e.getMessage());
                first = first == null ? e : first;
            }
        }
        if (scenarios.stream().allMatch(s -> s == null)) {
            throw first;
        }
        return new Loaded(source, grid, Collections.unmodifiableList(scenarios), Collections.unmodifiableList(errors));
    }

    /** Simulates the valid points of a loaded sweep in one batch. */
    public static Result run(Loaded loaded, int replications, PointRunner runner) {
        List<Grid.Point> points = loaded.grid().points();
        List<Scenario> valid = loaded.scenarios().stream().filter(s -> s != null).toList();
        List<List<RunResult>> runs = runner.run(valid, replications);
        List<PointResult> results = new ArrayList<>();
        int next = 0;
        for (int i = 0; i < points.size(); i++) {
            Scenario s = loaded.scenarios().get(i);
            results.add(s == null ? new PointResult(points.get(i), null, loaded.errors().get(i), null)
                    : new PointResult(points.get(i), s, null, ReplicationSummary.of(runs.get(next++))));
        }
        return new Result(loaded.source(), loaded.grid(), replications, List.copyOf(results));
    }
}
