package org.llmsim.modelimport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.llmsim.hardware.ModelProfile;

/** What the importer reads from each architecture's keys, and what it refuses. */
class ConfigImporterTest {
    private static List<ConfigProblems.Problem> problems(String json) {
        return assertThrows(ConfigProblems.class, () -> ConfigImporter.importConfig(json, "x", null, "x.json"))
                .problems();
    }

    @Test
    void layerPatterns_becomeLayerCounts() throws IOException {
        ModelProfile gemma = ConfigImporter.importConfig(CatalogImportTest.config("gemma-3-27b"), "g", null, "s");
        // 62 layers, every sixth global: 10 global, 52 within 1,024 tokens; tied embeddings by default
        assertEquals(52, gemma.slidingLayers());
        assertEquals(1024, gemma.slidingWindow());
        assertEquals(10, gemma.fullAttentionLayers());
        assertEquals(Boolean.TRUE, gemma.tiedEmbeddings());
        ModelProfile next = ConfigImporter.importConfig(CatalogImportTest.config("qwen3-next-80b-a3b"), "q", null, "s");
        // full_attention_interval 4: 12 full layers, 36 Gated DeltaNet; one shared expert of 512
        assertEquals(36, next.linearAttention().layers());
        assertEquals(12, next.fullAttentionLayers());
        assertEquals(1, next.sharedExperts());
        ModelProfile maverick = ConfigImporter.importConfig(CatalogImportTest.config("llama-4-maverick"), "m", null,
                "s");
        // interleave_moe_layer_step 2: 24 dense layers of 16,384; experts of 8,192; chunked attention on 36 layers
        assertEquals(24, maverick.denseLayers());
        assertEquals(16384, maverick.intermediate());
        assertEquals(8192, maverick.moeIntermediate());
        assertEquals(36, maverick.slidingLayers());
        assertEquals(8192, maverick.slidingWindow());
    }

    @Test
    void aMissingShape_isNamed() {
        assertEquals(List.of(new ConfigProblems.Problem("hidden_size", "is required for this architecture (a whole "
                + "number)")), problems("{\"architectures\": [\"LlamaForCausalLM\"], \"num_hidden_layers\": 2, "
                + "\"num_attention_heads\": 4, \"head_dim\": 8, \"intermediate_size\": 64, \"vocab_size\": 10, "
                + "\"max_position_embeddings\": 100}"));
    }

    @Test
    void anUnknownLayerType_isNamed() throws IOException {
        String json = CatalogImportTest.config("gpt-oss-20b").replaceFirst("\"full_attention\"", "\"mamba\"");
        assertEquals(List.of(new ConfigProblems.Problem("layer_types", "layer type 'mamba' could not be interpreted; "
                + "known: full_attention, linear_attention, sliding_attention")), problems(json));
    }

    @Test
    void aMultimodalConfigWithoutTextConfig_isRefused() {
        assertEquals(List.of(new ConfigProblems.Problem("text_config", "is required for "
                + "Llama4ForConditionalGeneration (the language model's shapes)")),
                problems("{\"architectures\": [\"Llama4ForConditionalGeneration\"]}"));
    }

    @Test
    void aCostKeyOfAnotherArchitecture_isRefused() throws IOException {
        String json = CatalogImportTest.config("qwen3-8b").replace("\"vocab_size\"", "\"attention_chunk_size\": 8192, "
                + "\"vocab_size\"");
        assertEquals(List.of(new ConfigProblems.Problem("attention_chunk_size", "could not be interpreted for "
                + "Qwen3ForCausalLM: llmsim does not price this variant of the architecture")), problems(json));
    }
}
