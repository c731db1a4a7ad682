package org.llmsim.simulation;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

import org.llmsim.metrics.RequestSink;
import org.llmsim.metrics.RunResult;
import org.llmsim.scenario.Scenario;
import org.llmsim.kernel.Futures;

/**
 * Runs several scenarios, each with independent replications, in parallel on an executor; a new
 * {@link Simulation} (and DSOL kernel) per run. Replication {@code r} of every scenario runs under seed
 * {@code scenario seed + r}, so scenarios that share a seed see the same traffic replication by replication
 * (common random numbers), and replication 0 is the plain run.
 *
 * <p>Results are collected by index, so they do not depend on how threads are scheduled. {@link #progress()} and
 * friends may be read from another thread while {@link #run} executes (for a progress bar).
 *
 * <pre>
 *   ExperimentRunner runner = new ExperimentRunner(executor);
 *   List&lt;List&lt;RunResult&gt;&gt; results = runner.run(List.of(a, b), 8, SinkFactory.NONE);  // results.get(1).get(3): b, seed+3
 * </pre>
 */
public final class ExperimentRunner {
    private final ExecutorService executor;
    private volatile AtomicReferenceArray<Simulation> simulations = new AtomicReferenceArray<>(0);
    private final AtomicInteger finished = new AtomicInteger();

    /** Where the requests of one run go; called on the caller's thread before any run starts. */
    @FunctionalInterface
    public interface SinkFactory {
        RequestSink sinkFor(int scenario, int replication);

        /** Keep no requests. */
        SinkFactory NONE = (scenario, replication) -> RequestSink.NONE;
    }

    public ExperimentRunner(ExecutorService executor) {
        this.executor = executor;
    }

    /** The seed of replication {@code replication} of a scenario whose seed is {@code baseSeed}. */
    public static long seedOf(long baseSeed, int replication) {
        return baseSeed + replication;
    }

    /** Runs every scenario {@code replications} times on {@code executor}, keeping no requests. */
    public static List<List<RunResult>> run(List<Scenario> scenarios, int replications, ExecutorService executor) {
        return new ExperimentRunner(executor).run(scenarios, replications, SinkFactory.NONE);
    }

    /**
     * Runs every scenario {@code replications} times and waits for all runs.
     *
     * @return results by scenario index, then replication index
     * @throws RuntimeException the failure of the first failing run (in index order); the other runs are cancelled
     */
    public List<List<RunResult>> run(List<Scenario> scenarios, int replications, SinkFactory sinks) {
        if (replications < 1) {
            throw new IllegalArgumentException("replications must be >= 1, got " + replications);
        }
        int total = scenarios.size() * replications;
        AtomicReferenceArray<Simulation> sims = new AtomicReferenceArray<>(total);
        List<Future<RunResult>> futures = new ArrayList<>(total);
        for (int s = 0; s < scenarios.size(); s++) {
            for (int r = 0; r < replications; r++) {
                Scenario scenario = scenarios.get(s);
                sims.set(s * replications + r, new Simulation(scenario.withSeed(seedOf(scenario.seed(), r)),
                        sinks.sinkFor(s, r)));
            }
        }
        finished.set(0);
        simulations = sims;
        for (int i = 0; i < total; i++) {
            Simulation sim = sims.get(i);
            futures.add(executor.submit(() -> {
                try {
                    return sim.run();
                } finally {
                    finished.incrementAndGet();
                }
            }));
        }
        List<RunResult> all = Futures.awaitInOrder(futures);
        List<List<RunResult>> results = new ArrayList<>();
        for (int s = 0; s < scenarios.size(); s++) {
            results.add(List.copyOf(all.subList(s * replications, (s + 1) * replications)));
        }
        return List.copyOf(results);
    }

    /** Runs started by the current {@link #run} call. */
    public int totalRuns() {
        return simulations.length();
    }

    /** Runs finished so far. */
    public int finishedRuns() {
        return finished.get();
    }

    /** Mean progress over all runs, in [0, 1] (see {@link Simulation#progress()}). */
    public double progress() {
        int n = simulations.length();
        return n == 0 ? 0 : sum(Simulation::progress) / n;
    }

    /** Events executed so far over all runs. */
    public long events() {
        return Math.round(sum(s -> s.events()));
    }

    /** Simulated seconds reached so far, summed over all runs. */
    public double simulatedS() {
        return sum(Simulation::simulatedS);
    }

    private double sum(java.util.function.ToDoubleFunction<Simulation> f) {
        AtomicReferenceArray<Simulation> sims = simulations;
        double sum = 0;
        for (int i = 0; i < sims.length(); i++) {
            sum += f.applyAsDouble(sims.get(i));
        }
        return sum;
    }
}
