package org.llmsim.cli;

import java.io.PrintWriter;
import java.nio.file.Path;

import org.llmsim.jobs.EnginePointRunner;
import org.llmsim.jobs.JobEngine;
import org.llmsim.jobs.JobEngines;
import org.llmsim.jobs.LocalJobEngine;
import org.llmsim.planning.PointRunner;
import org.llmsim.scenario.ProfileCatalog;
import picocli.CommandLine.Option;

/** Where the runs of a command execute: this machine's cores, or a Spark cluster. */
final class EngineOptions {
    @Option(names = "--engine", paramLabel = "ENGINE", description = "Where the runs execute: local (default: one "
            + "thread per core in this JVM) or spark (Apache Spark; needs the llmsim-spark jar, which ./llmsim uses "
            + "when it sees --engine spark).")
    String engine = LocalJobEngine.NAME;

    @Option(names = "--master", paramLabel = "URL", description = "For --engine spark: the Spark master (default "
            + "local[*]): local[2], spark://host:7077, yarn, k8s://https://host:443.")
    String master;

    boolean local() {
        return LocalJobEngine.NAME.equals(engine);
    }

    /** Opens the engine (checks the name and the master first). */
    JobEngine open() {
        return JobEngines.open(engine, master);
    }

    /**
     * The planning searches' runner: with the local engine, the thread pool with its progress line; otherwise one job
     * per run on {@code opened}.
     *
     * @param scenarioFile the file the scenarios come from (its directory resolves their relative paths on workers)
     * @param catalog      the profile directories the scenarios were loaded with
     */
    PointRunner runner(JobEngine opened, Path scenarioFile, ProfileCatalog catalog, boolean progress,
            PrintWriter err, String label) {
        if (local()) {
            return Experiments.runner(progress, err, label);
        }
        PointRunner jobs = new EnginePointRunner(opened, scenarioFile.toAbsolutePath().getParent(), catalog);
        return (scenarios, replications) -> ProgressLine.around(progress, err, opened, label,
                () -> jobs.run(scenarios, replications));
    }
}
