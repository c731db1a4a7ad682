package org.llmsim.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.llmsim.simulation.ExperimentRunner;
import org.llmsim.metrics.ReplicationSummary;
import org.llmsim.scenario.ProfileCatalog;
import org.llmsim.scenario.Scenario;
import org.llmsim.scenario.ScenarioLoader;

/** Scenarios of the repository, shortened for tests, and their runs. */
final class Fixtures {
    static final Path HOME = Path.of(System.getProperty("llmsim.home", ".."));

    private Fixtures() {
    }

    /** The quickstart shortened to 120 s with a 20 s warm-up, plus {@code overrides}. */
    static Scenario quickstart(String... overrides) {
        List<String> all = new ArrayList<>(List.of("duration_s=120", "warmup_s=20"));
        all.addAll(List.of(overrides));
        return new ScenarioLoader(new ProfileCatalog(List.of(HOME.resolve("gpu-profiles"))))
                .load(HOME.resolve("scenarios/quickstart.yaml"), all);
    }

    /** Runs each scenario {@code replications} times on two threads. */
    static List<ReplicationSummary> run(int replications, Scenario... scenarios) {
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try {
            return ExperimentRunner.run(List.of(scenarios), replications, executor).stream()
                    .map(ReplicationSummary::of).toList();
        } finally {
            executor.shutdownNow();
        }
    }

    /** A comparison of the scenarios, labelled A, B, ... */
    static Comparison compare(int replications, Scenario... scenarios) {
        List<ReplicationSummary> reps = run(replications, scenarios);
        List<Comparison.Entry> entries = new ArrayList<>();
        for (int i = 0; i < scenarios.length; i++) {
            entries.add(new Comparison.Entry(Comparison.label(i), scenarios[i], reps.get(i)));
        }
        return new Comparison(entries);
    }
}
