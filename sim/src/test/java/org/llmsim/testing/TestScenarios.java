package org.llmsim.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.llmsim.hardware.Dtype;
import org.llmsim.hardware.GpuProfile;
import org.llmsim.hardware.ModelProfile;
import org.llmsim.simulation.Simulation;
import org.llmsim.metrics.RunResult;
import org.llmsim.request.Request;
import org.llmsim.scenario.ProfileCatalog;
import org.llmsim.scenario.Scenario;
import org.llmsim.scenario.ScenarioLoader;

/** Fixtures: the repository's profiles and scenarios, and scenarios written inline in tests. */
public final class TestScenarios {
    private TestScenarios() {
    }

    /** The repository root (set by Maven as the llmsim.home system property). */
    public static Path home() {
        String home = System.getProperty("llmsim.home");
        return home != null ? Path.of(home) : Path.of("..");
    }

    public static ProfileCatalog catalog() {
        return new ProfileCatalog(List.of(home().resolve("gpu-profiles")));
    }

    public static GpuProfile gpu(String id) {
        return catalog().gpu(id, null, "test", "gpu");
    }

    public static ModelProfile model(String id) {
        return catalog().model(id, null, "test", "model");
    }

    /** An ideal GPU: the H100's peaks with efficiencies of 1 and no overheads or link latency. */
    public static GpuProfile idealH100() {
        GpuProfile h = gpu("h100-sxm").idealized().withId("ideal-h100");
        return h.withRuntimeReserveGb(0.0);
    }

    public static Dtype bf16() {
        return Dtype.BF16;
    }

    /** Loads a scenario written inline, resolving profiles from the repository. */
    public static Scenario load(String yaml, String... overrides) {
        return new ScenarioLoader(catalog()).load(yaml, "inline.yaml", home(), List.of(overrides));
    }

    /** Loads a scenario file of the repository. */
    public static Scenario loadFile(String relativePath, String... overrides) {
        return new ScenarioLoader(catalog()).load(home().resolve(relativePath), List.of(overrides));
    }

    public static RunResult run(Scenario s) {
        return new Simulation(s).run();
    }

    /** Runs a scenario and keeps every request (for invariant checks on small runs). */
    public static Recorded runRecording(Scenario s) {
        List<Request> requests = new ArrayList<>();
        RunResult result = new Simulation(s, requests::add).run();
        return new Recorded(result, requests);
    }

    public record Recorded(RunResult result, List<Request> requests) {
    }

    /** A result with the wall-clock time zeroed, the only field allowed to differ between identical runs. */
    public static RunResult withoutWallTime(RunResult r) {
        return r.withSim(new RunResult.SimStats(0, r.sim().events(), r.sim().simulatedS()));
    }

    /**
     * A one-pool scenario in YAML with the given pieces; the rest is filler that does not matter to the tests that
     * use it.
     */
    public static String scenario(String workload, String pool, double durationS, double warmupS) {
        return "name: test\nseed: 7\nduration_s: " + durationS + "\nwarmup_s: " + warmupS + "\n"
                + "workload:\n" + indent(workload, 2) + "cluster:\n  pools:\n    - " + indent(pool, 6).substring(6);
    }

    private static String indent(String block, int spaces) {
        StringBuilder b = new StringBuilder();
        for (String line : block.strip().split("\n")) {
            b.append(" ".repeat(spaces)).append(line.strip().isEmpty() ? "" : line).append('\n');
        }
        return b.toString();
    }
}
