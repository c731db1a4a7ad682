package org.llmsim.jobs;

import java.util.List;

/**
 * Runs {@link SimJob}s somewhere (threads of this JVM, the executors of a cluster) and returns their results in job
 * order. Engines differ in speed only: every job is deterministic.
 */
public interface JobEngine extends AutoCloseable {
    /** The engine's name as {@code --engine} gives it. */
    String name();

    /**
     * Runs every job and waits for all of them.
     *
     * @return the results, in the order of {@code jobs}
     * @throws RuntimeException the failure of the first failing job, in job order (an input problem of the scenario
     *                          stays an {@link org.llmsim.scenario.InputException})
     */
    List<JobResult> run(List<SimJob> jobs);

    /** Jobs finished by the current {@link #run} call so far, for a progress line (-1 when the engine cannot tell). */
    default int finishedJobs() {
        return -1;
    }

    /** Jobs of the current {@link #run} call (0 before the first), for a progress line. */
    default int totalJobs() {
        return 0;
    }

    /** Releases the engine's threads or cluster connection. */
    @Override
    default void close() {
    }
}
