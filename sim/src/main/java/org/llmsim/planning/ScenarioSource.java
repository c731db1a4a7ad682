package org.llmsim.planning;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.llmsim.scenario.InputException;
import org.llmsim.scenario.InputFiles;
import org.llmsim.scenario.Scenario;
import org.llmsim.scenario.ScenarioLoader;
import org.llmsim.scenario.ScenarioSpec;

/**
 * A scenario file (read once) with the user's {@code --set} overrides, from which variants are loaded by adding
 * overrides: every point of a sweep, every rate of a capacity search and every deployment of a plan is the file plus
 * {@code PATH=VALUE} assignments, validated like any scenario. A variant that is not a valid scenario (the model does
 * not fit, a value out of range) throws an {@link InputException} naming what is wrong.
 */
public final class ScenarioSource {
    private final ScenarioLoader loader;
    private final String text;
    private final String fileName;
    private final Path baseDir;
    private final List<String> overrides;
    private Scenario base;

    private ScenarioSource(ScenarioLoader loader, String text, String fileName, Path baseDir, List<String> overrides) {
        this.loader = loader;
        this.text = text;
        this.fileName = fileName;
        this.baseDir = baseDir;
        this.overrides = List.copyOf(overrides);
    }

    /** Reads {@code file}; {@code overrides} are the user's {@code PATH=VALUE} assignments. */
    public static ScenarioSource file(ScenarioLoader loader, Path file, List<String> overrides) {
        String text = InputFiles.readText(file, file.toString(), InputFiles.MAX_YAML_BYTES, "scenario file");
        return new ScenarioSource(loader, text, file.toString(), file.toAbsolutePath().getParent(), overrides);
    }

    /** A scenario given as text; {@code baseDir} resolves relative paths in it. */
    public static ScenarioSource text(ScenarioLoader loader, String text, String fileName, Path baseDir,
            List<String> overrides) {
        return new ScenarioSource(loader, text, fileName, baseDir, overrides);
    }

    /** The scenario with the user's overrides only (loaded once). */
    public synchronized Scenario base() {
        if (base == null) {
            base = load(List.of());
        }
        return base;
    }

    /** The scenario with the user's overrides, then {@code extra}, applied in order (later ones win). */
    public Scenario load(List<String> extra) {
        List<String> all = new ArrayList<>(overrides);
        all.addAll(extra);
        return loader.load(text, fileName, baseDir, all);
    }

    /**
     * The scenario's fields with the user's overrides, bound but neither validated nor resolved (its own pool may
     * not fit: the planner replaces it).
     */
    public ScenarioSpec spec() {
        return ScenarioLoader.parse(text, fileName, overrides);
    }

    /** The file's text as written. */
    public String text() {
        return text;
    }

    /** The file name as given (for messages and reports). */
    public String fileName() {
        return fileName;
    }

    /** The directory relative paths in the file start from. */
    public Path baseDir() {
        return baseDir;
    }

    /** The user's overrides. */
    public List<String> overrides() {
        return overrides;
    }
}
