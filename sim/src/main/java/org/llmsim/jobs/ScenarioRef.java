package org.llmsim.jobs;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.llmsim.scenario.ProfileCatalog;
import org.llmsim.scenario.Scenario;
import org.llmsim.scenario.ScenarioLoader;

/**
 * A scenario as text plus everything needed to load it again in another JVM: the file's text and name, the
 * directory its relative paths start from, the {@code --set} assignments (seed included) and the profile
 * directories, all as absolute paths. A worker on another machine needs the same paths readable (a shared
 * filesystem, or the same checkout at the same place).
 *
 * @param text        the scenario file's text as written
 * @param fileName    the file name, for messages
 * @param baseDir     absolute directory of the file
 * @param overrides   assignments applied on top of the file, in order
 * @param profileDirs absolute profile directories, searched in order
 */
public record ScenarioRef(String text, String fileName, String baseDir, List<String> overrides,
        List<String> profileDirs) implements Serializable {
    private static final long serialVersionUID = 1L;

    public ScenarioRef {
        overrides = List.copyOf(overrides);
        profileDirs = List.copyOf(profileDirs);
    }

    /**
     * The reference that loads {@code scenario} again: its text and overrides, with its seed pinned (a scenario
     * may carry a seed set after loading, by {@link Scenario#withSeed}).
     *
     * @param baseDir  the directory the scenario file was read from
     * @param catalog  the profile directories it was loaded with
     */
    public static ScenarioRef of(Scenario scenario, Path baseDir, ProfileCatalog catalog) {
        List<String> overrides = new ArrayList<>(scenario.overrides());
        overrides.add("seed=" + scenario.seed());
        return new ScenarioRef(scenario.sourceText(), scenario.sourceFile(), baseDir.toAbsolutePath().toString(),
                overrides, catalog.directories().stream().map(p -> p.toAbsolutePath().normalize().toString())
                        .toList());
    }

    /** Loads and validates the scenario (profiles and traces are read from the recorded paths). */
    public Scenario load() {
        ProfileCatalog catalog = new ProfileCatalog(profileDirs.stream().map(Path::of).toList());
        return new ScenarioLoader(catalog).load(text, fileName, Path.of(baseDir), overrides);
    }
}
