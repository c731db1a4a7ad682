package org.llmsim.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.llmsim.simulation.ExperimentRunner;
import org.llmsim.metrics.RunResult;
import org.llmsim.planning.PointRunner;
import org.llmsim.scenario.InputException;
import org.llmsim.scenario.Scenario;

/**
 * What every simulating command shares: runs scenarios times replications on a pool of one worker per core (at
 * most one per run) with a progress line on the terminal, and checks the {@code --replications} option.
 */
final class Experiments {
    /** More replications than this is almost certainly a typo. */
    static final int MAX_REPLICATIONS = 1000;

    private Experiments() {
    }

    /** Rejects a replication count outside 1..{@value #MAX_REPLICATIONS} as bad input. */
    static void checkReplications(int replications) {
        if (replications < 1 || replications > MAX_REPLICATIONS) {
            throw new InputException("llmsim", "--replications must be between 1 and " + MAX_REPLICATIONS + ", got "
                    + replications);
        }
    }

    /**
     * A runner for the planning searches: each batch in parallel, with a progress line labelled {@code label}.
     */
    static PointRunner runner(boolean progress, PrintWriter err, String label) {
        return (scenarios, replications) -> scenarios.isEmpty() ? List.of()
                : run(scenarios, replications, ExperimentRunner.SinkFactory.NONE, progress, err, label);
    }

    /**
     * Runs every scenario {@code replications} times in parallel and returns the results by scenario, then
     * replication.
     *
     * @param progress whether to draw a progress line on {@code err}
     * @param label    what the progress line says is running
     */
    static List<List<RunResult>> run(List<Scenario> scenarios, int replications, ExperimentRunner.SinkFactory sinks,
            boolean progress, PrintWriter err, String label) {
        int runs = scenarios.size() * replications;
        int workers = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), runs));
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "llmsim-run-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            ExperimentRunner runner = new ExperimentRunner(executor);
            try (AutoCloseable line = ProgressLine.start(progress, err, runner, label)) {
                return runner.run(scenarios, replications, sinks);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        } finally {
            executor.shutdownNow();
        }
    }
}
