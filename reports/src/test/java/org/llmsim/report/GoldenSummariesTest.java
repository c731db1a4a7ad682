package org.llmsim.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.llmsim.simulation.ExperimentRunner;
import org.llmsim.metrics.ReplicationSummary;
import org.llmsim.scenario.ProfileCatalog;
import org.llmsim.scenario.Scenario;
import org.llmsim.scenario.ScenarioLoader;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Golden outputs: the {@code summary.json} of every scenario of the library, as {@code llmsim run} writes it (wall
 * time zeroed), must equal the copy kept under {@code src/test/resources/golden-summaries/}. A restructuring must
 * leave them byte-identical; a change meant to move the numbers regenerates them with
 * {@code mvn -B -q -pl reports -am test -Dtest=GoldenSummariesTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dllmsim.updateGolden=true} and shows what moved in the diff.
 */
class GoldenSummariesTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden-summaries");

    @Test
    void everyLibrarySummary_equalsItsGoldenCopy() throws IOException {
        // given every scenario of the library
        List<Path> files;
        try (Stream<Path> list = Files.list(Fixtures.HOME.resolve("scenarios"))) {
            files = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        ScenarioLoader loader = new ScenarioLoader(new ProfileCatalog(List.of(Fixtures.HOME.resolve("gpu-profiles"))));
        List<Scenario> scenarios = files.stream().map(f -> loader.load(f, List.of())).toList();

        // when each runs once, as llmsim run runs it
        List<ReplicationSummary> runs;
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try {
            runs = ExperimentRunner.run(scenarios, 1, executor).stream().map(ReplicationSummary::of).toList();
        } finally {
            executor.shutdownNow();
        }

        // then each summary.json equals its golden copy
        boolean update = Boolean.getBoolean("llmsim.updateGolden");
        Files.createDirectories(GOLDEN);
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            String name = files.get(i).getFileName().toString().replaceFirst("\\.yaml$", ".json");
            ObjectNode json = SummaryJson.toJson(runs.get(i));
            ((ObjectNode) json.get("sim")).put("wall_s", 0.0);
            String actual = SummaryJson.render(json);
            Path golden = GOLDEN.resolve(name);
            if (update) {
                Files.writeString(golden, actual, StandardCharsets.UTF_8);
                continue;
            }
            String expected = Files.exists(golden) ? Files.readString(golden, StandardCharsets.UTF_8) : "";
            if (!expected.equals(actual)) {
                differences.add(name + ": " + firstDifference(expected, actual));
            }
        }
        assertTrue(differences.isEmpty(), "summary.json differs from its golden copy (regenerate with "
                + "-Dllmsim.updateGolden=true when the change is meant):\n" + String.join("\n", differences));
    }

    private static String firstDifference(String expected, String actual) {
        if (expected.isEmpty()) {
            return "no golden copy";
        }
        String[] e = expected.split("\n");
        String[] a = actual.split("\n");
        for (int i = 0; i < Math.min(e.length, a.length); i++) {
            if (!e[i].equals(a[i])) {
                return "line " + (i + 1) + ": expected '" + e[i].strip() + "', got '" + a[i].strip() + "'";
            }
        }
        return "expected " + e.length + " lines, got " + a.length;
    }
}
