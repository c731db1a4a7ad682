package org.llmsim.planning;

import java.util.List;
import java.util.concurrent.ExecutorService;

import org.llmsim.simulation.ExperimentRunner;
import org.llmsim.metrics.RunResult;
import org.llmsim.scenario.Scenario;

/**
 * Simulates a batch of scenarios, each as {@code replications} runs under seeds seed, seed+1, ... ({@link
 * ExperimentRunner}'s convention), and returns the results by scenario, then replication. The searches hand it every
 * point they can decide on at once, so the runs spread over the available cores; the command line wraps it with a
 * progress line.
 */
@FunctionalInterface
public interface PointRunner {
    List<List<RunResult>> run(List<Scenario> scenarios, int replications);

    /** Runs on {@code executor}, keeping no requests. */
    static PointRunner on(ExecutorService executor) {
        return (scenarios, replications) -> scenarios.isEmpty() ? List.of()
                : ExperimentRunner.run(scenarios, replications, executor);
    }
}
