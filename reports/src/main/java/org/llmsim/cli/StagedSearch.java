package org.llmsim.cli;

import java.io.IOException;
import java.io.PrintWriter;

import org.llmsim.jobs.JobEngine;
import org.llmsim.report.OutputDirectory;
import org.llmsim.report.StagedRun;

/**
 * What sweep, capacity and plan share: a search run on the job engine while its directory is staged (so that a
 * search stopped while it simulates leaves the directory as it was), its files written into the staging, committed,
 * then printed.
 *
 * @param <R> the search's result
 */
final class StagedSearch<R> {
    /** The search itself, on an open job engine. */
    @FunctionalInterface
    interface Search<R> {
        R run(JobEngine jobs);
    }

    /** Writes the result's files into the staged run. */
    @FunctionalInterface
    interface Files<R> {
        void write(R result, StagedRun staged) throws IOException;
    }

    /** Prints the result once its files are in place; {@code wallS} is the search's wall time. */
    @FunctionalInterface
    interface Printer<R> {
        void print(R result, double wallS);
    }

    private StagedSearch() {
    }

    static <R> int run(OutputDirectory dir, PrintWriter err, EngineOptions engine, Search<R> search, Files<R> files,
            Printer<R> printer) {
        return Outputs.staged(dir, err, staged -> {
            long startNs = System.nanoTime();
            R result;
            try (JobEngine jobs = engine.open()) {
                result = search.run(jobs);
            }
            double wallS = (System.nanoTime() - startNs) / 1e9;
            files.write(result, staged);
            staged.commit();
            printer.print(result, wallS);
            return Main.EXIT_OK;
        });
    }
}
