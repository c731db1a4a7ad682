package org.llmsim.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.llmsim.planning.ScenarioSource;
import org.llmsim.scenario.ProfileCatalog;
import org.llmsim.scenario.Scenario;
import org.llmsim.scenario.ScenarioLoader;
import picocli.CommandLine.Option;

/** Options shared by every command that reads a scenario: overrides, seed and profile directories. */
final class ScenarioOptions {
    @Option(names = "--set", paramLabel = "PATH=VALUE",
            description = "Override a scenario field, e.g. --set workload.arrival.rate_rps=30 "
                    + "--set cluster.pools[0].replicas=8 (repeatable).")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--seed", paramLabel = "N", description = "Seed of every random stream (overrides the scenario's).")
    Long seed;

    @Option(names = "--profiles", paramLabel = "DIR",
            description = "Extra profile directory with gpus/ and models/ subdirectories, searched before the built-in "
                    + "gpu-profiles/ (repeatable).")
    List<Path> profileDirs = new ArrayList<>();

    ProfileCatalog catalog() {
        return ProfileCatalog.standard(profileDirs);
    }

    Scenario load(Path file) {
        return new ScenarioLoader(catalog()).load(file, all());
    }

    /** The file with these options' overrides, then {@code extra}, as a source of variants (sweeps, searches). */
    ScenarioSource source(Path file, List<String> extra) {
        List<String> all = all();
        all.addAll(extra);
        return ScenarioSource.file(new ScenarioLoader(catalog()), file, all);
    }

    private List<String> all() {
        List<String> all = new ArrayList<>(overrides);
        if (seed != null) {
            all.add("seed=" + seed);
        }
        return all;
    }
}
