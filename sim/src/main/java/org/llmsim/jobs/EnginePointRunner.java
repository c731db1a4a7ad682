package org.llmsim.jobs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.llmsim.metrics.RunResult;
import org.llmsim.planning.PointRunner;
import org.llmsim.scenario.ProfileCatalog;
import org.llmsim.scenario.Scenario;

/**
 * The planning searches' {@link PointRunner} on a {@link JobEngine}: every scenario times every replication becomes
 * one {@link SimJob}, so sweeps, capacity searches and plans spread over whatever the engine runs on. The scenarios
 * must come from one file ({@code baseDir}) loaded with {@code catalog}'s profile directories.
 */
public final class EnginePointRunner implements PointRunner {
    private final JobEngine engine;
    private final Path baseDir;
    private final ProfileCatalog catalog;

    public EnginePointRunner(JobEngine engine, Path baseDir, ProfileCatalog catalog) {
        this.engine = engine;
        this.baseDir = baseDir;
        this.catalog = catalog;
    }

    @Override
    public List<List<RunResult>> run(List<Scenario> scenarios, int replications) {
        return run(engine, scenarios.stream().map(s -> ScenarioRef.of(s, baseDir, catalog)).toList(), replications);
    }

    /**
     * Runs every scenario {@code replications} times on {@code engine}, one job per run, all at once.
     *
     * @return the results by scenario, then replication (replication r under the scenario's seed + r)
     */
    public static List<List<RunResult>> run(JobEngine engine, List<ScenarioRef> scenarios, int replications) {
        List<SimJob> jobs = new ArrayList<>(scenarios.size() * replications);
        for (ScenarioRef ref : scenarios) {
            for (int r = 0; r < replications; r++) {
                jobs.add(SimJob.run(ref, r));
            }
        }
        List<JobResult> results = engine.run(jobs);
        List<List<RunResult>> byScenario = new ArrayList<>(scenarios.size());
        for (int s = 0; s < scenarios.size(); s++) {
            List<RunResult> runs = new ArrayList<>(replications);
            for (int r = 0; r < replications; r++) {
                runs.add(results.get(s * replications + r).run());
            }
            byScenario.add(List.copyOf(runs));
        }
        return List.copyOf(byScenario);
    }
}
