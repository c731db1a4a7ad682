package org.llmsim.modelimport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.llmsim.hardware.ModelParams;
import org.llmsim.hardware.ModelProfile;
import org.llmsim.testing.TestScenarios;

/**
 * The catalog's imported model profiles: each config.json under {@code src/test/resources/configs/} (typed from the
 * published file) imports to parameter counts within the stated tolerance of the figures the model's publisher gives,
 * and to exactly the text of {@code gpu-profiles/models/<id>.yaml}, so the catalog cannot drift from the importer.
 */
class CatalogImportTest {

    /**
     * A published figure: total and active parameters (billions; active null for a dense model), the relative
     * tolerance, and whether the publisher's active count leaves out the input embedding (OpenAI's for gpt-oss does).
     */
    record Published(String id, double totalB, Double activeB, double tolerance, boolean activeWithoutEmbedding,
            String why) {
        @Override
        public String toString() {
            return id;
        }
    }

    static List<Published> published() {
        return List.of(
                new Published("llama-3.1-405b", 405, null, 0.02, false, "Meta model card: 405B"),
                new Published("llama-3.3-70b", 70.6, null, 0.02, false, "Meta: 70.6B (same shapes as 3.1 70B)"),
                // 109B and 400B include the vision encoder, which the text profile leaves out
                new Published("llama-4-scout", 109, 17.0, 0.02, false, "Hugging Face Llama 4 release: 17B/109B"),
                new Published("llama-4-maverick", 400, 17.0, 0.02, false, "Hugging Face Llama 4 release: 17B/400B"),
                new Published("qwen3-8b", 8.2, null, 0.02, false, "Qwen3 model card: 8.2B"),
                new Published("qwen3-32b", 32.8, null, 0.02, false, "Qwen3 model card: 32.8B"),
                new Published("qwen3-30b-a3b", 30.5, 3.3, 0.02, false, "Qwen3 model card: 30.5B, 3.3B activated"),
                new Published("qwen3-235b-a22b", 235, 22.0, 0.02, false, "Qwen3 model card: 235B, 22B activated"),
                // "A3B": the name's round figure; the count with both embedding matrices is 3.87B (3.25B without)
                new Published("qwen3-next-80b-a3b", 80, 3.0, 0.30, false, "transformers docs: 80B total, 3B active"),
                new Published("deepseek-v3", 671, 37.0, 0.02, false, "DeepSeek-V3 model card: 671B, 37B activated"),
                new Published("gpt-oss-20b", 20.9, 3.61, 0.02, true, "OpenAI model card: 20.91B, 3.61B active"),
                new Published("gpt-oss-120b", 116.8, 5.13, 0.02, true, "OpenAI model card: 116.83B, 5.13B active"),
                new Published("gemma-3-27b", 27, null, 0.02, false, "Gemma 3 release: 27B (text and vision)"));
    }

    static String config(String id) throws IOException {
        try (InputStream in = CatalogImportTest.class.getResourceAsStream("/configs/" + id + ".json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static Path catalogFile(String id) {
        return TestScenarios.home().resolve("gpu-profiles/models/" + id + ".yaml");
    }

    /** The catalog file's name and the source its first sources line gives, to import with the same arguments. */
    static ModelProfile importAsCatalog(String id) throws IOException {
        JsonNode yaml = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(catalogFile(id)));
        String first = yaml.get("sources").get(0).asText();
        String source = first.substring(first.indexOf("): ") + 3);
        return ConfigImporter.importConfig(config(id), id, yaml.get("name").asText(), source);
    }

    @ParameterizedTest
    @MethodSource("published")
    void countsFromTheShapes_matchThePublishedFigures(Published p) throws IOException {
        ModelProfile m = ConfigImporter.importConfig(config(p.id()), p.id(), null, "test");
        ModelParams params = new ModelParams(m);
        double total = params.total() / 1e9;
        assertEquals(p.totalB(), total, p.totalB() * p.tolerance(), p.id() + " total (" + p.why() + ")");
        assertEquals(Math.round(params.total() / 1e6) / 1e3, m.paramsB(), 1e-9, "params_b is the count, rounded");
        if (p.activeB() != null) {
            double active = (params.active() - (p.activeWithoutEmbedding() ? params.embedding() : 0)) / 1e9;
            assertEquals(p.activeB(), active, p.activeB() * p.tolerance(), p.id() + " active (" + p.why() + ")");
            assertTrue(m.activeParamsB() < m.paramsB());
        } else {
            assertEquals(null, m.activeParamsB());
        }
    }

    @ParameterizedTest
    @MethodSource("published")
    void theCatalogFile_isWhatTheImporterWrites(Published p) throws IOException {
        String expected = ProfileYaml.write(importAsCatalog(p.id()));
        assertEquals(expected, Files.readString(catalogFile(p.id())), "re-import " + p.id() + " with llmsim model "
                + "import (the catalog file differs from the importer's output)");
    }

    @ParameterizedTest
    @MethodSource("published")
    void theCatalogFile_loadsAsAProfile(Published p) {
        ModelProfile m = TestScenarios.model(p.id());
        assertEquals(p.id(), m.id());
        assertTrue(m.sources().get(0).contains("https://huggingface.co/"), "cites the public config: "
                + m.sources().get(0));
    }
}
