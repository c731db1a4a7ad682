package org.llmsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.llmsim.testing.TestScenarios;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Every source the shipped profiles, validation cases and scenarios cite can be checked by a reader: no value or
 * profile comment names a file on one machine, and every {@code sources} entry, {@code price_as_of} and validation
 * {@code source} names a URL or a public repository path with its commit (a {@code sources} entry may instead refer
 * to another profile or validation case by its id, or say that its figure is an assumption).
 */
class ProfileSourcesTest {
    private static final Path HOME = TestScenarios.home();
    private static final List<String> PROFILE_DIRS = List.of("gpus", "models", "providers", "prices");
    private static final String FIX = "cite a URL (https://...) or a public repository path with its commit "
            + "(owner/repo path@commit)";

    @Test
    void noShippedFileNamesALocalPath() throws IOException {
        List<String> problems = new ArrayList<>();
        // profiles and validation cases: every value and every comment, line by line
        for (Path file : files(HOME.resolve("gpu-profiles"), ".yaml")) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                check(name(file) + ":" + (i + 1) + ": ", lines.get(i), problems);
            }
        }
        // scenarios: every string value (their comments are usage notes, not sources)
        for (Path file : files(HOME.resolve("scenarios"), ".yaml")) {
            ProfileCatalog.Document doc = ProfileCatalog.read(file);
            strings(doc.tree(), "", (path, text) ->
                    check(name(file) + ":" + doc.lines().lineOf(path) + ": " + path + ": ", text, problems));
        }
        // data files: their comment lines carry the sources of the figures
        for (Path file : files(HOME.resolve("scenarios"), ".csv")) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).startsWith("#")) {
                    check(name(file) + ":" + (i + 1) + ": ", lines.get(i), problems);
                }
            }
        }
        assertEquals("", String.join("\n", problems));
    }

    @Test
    void everyCitedSourceIsCheckable() throws IOException {
        Set<String> ids = repositoryIds();
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (String dir : PROFILE_DIRS) {
            for (Path file : files(HOME.resolve("gpu-profiles").resolve(dir), ".yaml")) {
                ProfileCatalog.Document doc = ProfileCatalog.read(file);
                List<String[]> entries = new ArrayList<>();
                sources(doc.tree(), "", entries);
                for (String[] e : entries) {
                    checked++;
                    if (!SourceCheck.checkable(e[1], ids)) {
                        problems.add(name(file) + ":" + doc.lines().lineOf(e[0]) + ": " + e[0]
                                + ": cites nothing a reader can check: " + FIX
                                + ", name the profile or validation case it comes from, or say it is assumed");
                    }
                }
                JsonNode price = doc.tree().get("price_as_of");
                if (price != null) {
                    checked++;
                    if (!SourceCheck.citesPublicSource(price.asText())) {
                        problems.add(name(file) + ":" + doc.lines().lineOf("price_as_of")
                                + ": price_as_of: names no page the price can be checked on: " + FIX);
                    }
                }
            }
        }
        for (Path file : files(HOME.resolve("gpu-profiles").resolve("validation"), ".yaml")) {
            ProfileCatalog.Document doc = ProfileCatalog.read(file);
            checked++;
            JsonNode source = doc.tree().get("source");
            if (source == null || !SourceCheck.citesPublicSource(source.asText())) {
                problems.add(name(file) + ":" + doc.lines().lineOf("source") + ": source: " + FIX);
            }
        }
        assertEquals("", String.join("\n", problems));
        assertTrue(checked > 100, "expected the shipped profiles' sources, got " + checked + " entries");
    }

    @Test
    void theRulesCatchLocalPathsAndUncheckableSources() {
        for (String local : List.of("prices: /home/me/notes/prices.md section 5", "see /tmp/prices.csv",
                "~/notes/prices.txt", "file:///home/me/prices.html", "C:\\Users\\me\\prices.txt",
                "notes/prices.md, section 5", "(/home/me/pricing.md)")) {
            List<String> found = new ArrayList<>(SourceCheck.localPaths(local));
            found.addAll(SourceCheck.unpinnedFiles(local));
            assertFalse(found.isEmpty(), local);
        }
        assertEquals(List.of("/home/me/notes/prices.md"),
                SourceCheck.localPaths("prices: /home/me/notes/prices.md section 5"));
        assertEquals(List.of("docs/perf.md"), SourceCheck.unpinnedFiles("NVIDIA/TensorRT-LLM docs/perf.md, table 2"));
        for (String fine : List.of("NCCL bus bandwidth 2.72 GB/s at 64 KB, x 8/14",
                "NVIDIA/TensorRT-LLM docs/source/performance/perf-overview.md@258c754, 5,255.99 tok/s",
                "https://blog.vllm.ai/2024/09/05/perf-update.html", "input/output 128/2048 tokens",
                "https://github.com/owner/repo/blob/main/notes.md")) {
            assertEquals(List.of(), SourceCheck.localPaths(fine), fine);
            assertEquals(List.of(), SourceCheck.unpinnedFiles(fine), fine);
        }
        Set<String> ids = Set.of("h100-sxm", "trtllm-h100-llama8b-467-256-qps2");
        assertTrue(SourceCheck.checkable("$3 input: https://platform.claude.com/docs/en/about-claude/pricing", ids));
        assertTrue(SourceCheck.checkable("int8: stas00/ml-engineering compute/accelerator/README.md@744d01e1", ids));
        assertTrue(SourceCheck.checkable("runtime_reserve_gb: as for h100-sxm", ids));
        assertTrue(SourceCheck.checkable("fitted to trtllm-h100-llama8b-467-256-qps2.", ids));
        assertTrue(SourceCheck.checkable("prefill_tokens_per_s 20,000: assumed (no published slope)", ids));
        assertFalse(SourceCheck.checkable("prices: /home/me/notes/prices.md section 5", ids));
        assertFalse(SourceCheck.checkable("peaks: NVIDIA H100 page, as tabulated in stas00/ml-engineering", ids));
        assertFalse(SourceCheck.checkable("latency: modelstats.ai (2026-04-03): 1.42 s", ids));
    }

    /** Adds a problem, prefixed by {@code where}, for each local path or unpinned file {@code text} names. */
    private static void check(String where, String text, List<String> problems) {
        for (String path : SourceCheck.localPaths(text)) {
            problems.add(where + "names a local path '" + path + "': " + FIX);
        }
        for (String file : SourceCheck.unpinnedFiles(text)) {
            problems.add(where + "names the file '" + file + "' without a URL or a commit: " + FIX);
        }
    }

    /** The ids a sources entry may refer to: every profile and validation case shipped. */
    private static Set<String> repositoryIds() throws IOException {
        Set<String> ids = new HashSet<>();
        for (String dir : List.of("gpus", "models", "providers", "prices", "validation")) {
            for (Path file : files(HOME.resolve("gpu-profiles").resolve(dir), ".yaml")) {
                ids.add(ProfileCatalog.stem(file));
            }
        }
        return ids;
    }

    /** Every entry of every {@code sources} list in {@code node}, as {path, text}. */
    private static void sources(JsonNode node, String path, List<String[]> out) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> f : node.properties()) {
                String p = path.isEmpty() ? f.getKey() : path + "." + f.getKey();
                if (f.getKey().equals("sources") && f.getValue().isArray()) {
                    for (int i = 0; i < f.getValue().size(); i++) {
                        out.add(new String[] {p + "[" + i + "]", f.getValue().get(i).asText()});
                    }
                } else {
                    sources(f.getValue(), p, out);
                }
            }
        }
    }

    /** Calls {@code each} with the path and text of every string value in {@code node}. */
    private static void strings(JsonNode node, String path, BiConsumer<String, String> each) {
        if (node.isTextual()) {
            each.accept(path, node.asText());
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> f : node.properties()) {
                strings(f.getValue(), path.isEmpty() ? f.getKey() : path + "." + f.getKey(), each);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                strings(node.get(i), path + "[" + i + "]", each);
            }
        }
    }

    /** The files under {@code dir} ending in {@code suffix}, skipping output directories llmsim wrote. */
    private static List<Path> files(Path dir, String suffix) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.toString().endsWith(suffix) && Files.isRegularFile(p))
                    .filter(p -> !insideOutputDir(p, dir)).sorted().toList();
        }
    }

    private static boolean insideOutputDir(Path file, Path root) {
        for (Path d = file.getParent(); d != null && d.startsWith(root); d = d.getParent()) {
            if (Files.exists(d.resolve(".llmsim-output"))) {
                return true;
            }
        }
        return false;
    }

    private static String name(Path file) {
        return HOME.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize()).toString();
    }
}
