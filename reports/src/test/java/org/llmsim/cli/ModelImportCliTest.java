package org.llmsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code llmsim model import}, a scenario naming a config.json, and {@code llmsim validate --format json}. */
class ModelImportCliTest {
    private static final Path CONFIGS = CliTest.HOME.resolve("sim/src/test/resources/configs");

    private static CliTest.Outcome llmsim(String... args) {
        return CliTest.llmsim(args);
    }

    /** {@code validate --format json} of a scenario in {@code dir} whose one pool, of one replica, has {@code fields}. */
    private static JsonNode validatedPool(Path dir, String fields) throws IOException {
        Path scenario = dir.resolve("scenario.yaml");
        Files.writeString(scenario, """
                name: s
                seed: 1
                duration_s: 60
                workload:
                  arrival: {process: poisson, rate_rps: 1}
                  input_tokens: {dist: fixed, value: 1000}
                  output_tokens: {dist: fixed, value: 100}
                cluster:
                  pools:
                    - name: main
                      replicas: 1
                """ + fields.indent(6));
        CliTest.Outcome o = llmsim("validate", scenario.toString(), "--format", "json");
        assertEquals(0, o.exitCode(), o.err());
        return new ObjectMapper().readTree(o.out()).get("pools").get(0);
    }

    @Test
    void import_printsTheProfile_withItsCounts() {
        CliTest.Outcome o = llmsim("model", "import", CONFIGS.resolve("gpt-oss-120b.json").toString());
        assertEquals(0, o.exitCode(), o.err());
        assertTrue(o.out().contains("id: gpt-oss-120b\n"), o.out());
        assertTrue(o.out().contains("params_b: 116.829\n"), o.out());
        assertTrue(o.out().contains("sliding_window: 128\nsliding_layers: 18\n"), o.out());
        assertTrue(o.out().contains("native_weight_dtype: mxfp4\n"), o.out());
    }

    @Test
    void import_writesOut_butNeverOverAFile(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("m.yaml");
        CliTest.Outcome o = llmsim("model", "import", CONFIGS.resolve("qwen3-8b.json").toString(), "--id", "mine",
                "--out", out.toString());
        assertEquals(0, o.exitCode(), o.err());
        assertTrue(Files.readString(out).contains("id: mine\n"));
        Files.writeString(out, "mine, not llmsim's\n");
        CliTest.Outcome again = llmsim("model", "import", CONFIGS.resolve("qwen3-8b.json").toString(), "--out",
                out.toString());
        assertEquals(2, again.exitCode());
        assertEquals(out + ": --out: the file exists; llmsim never overwrites a file (remove it or name another)\n",
                again.err());
        assertEquals("mine, not llmsim's\n", Files.readString(out));
    }

    @Test
    void anUnknownArchitecture_isRefused_listingTheSupportedOnes(@TempDir Path tmp) throws IOException {
        Path config = tmp.resolve("falcon.json");
        Files.writeString(config, "{\"architectures\": [\"FalconForCausalLM\"], \"hidden_size\": 4544}");
        CliTest.Outcome o = llmsim("model", "import", config.toString());
        assertEquals(2, o.exitCode());
        assertTrue(o.err().startsWith(config + ": architectures: 'FalconForCausalLM' is not supported; supported: "
                + "LlamaForCausalLM, MistralForCausalLM,"), o.err());
        assertEquals(1, o.err().lines().count(), o.err());
    }

    @Test
    void aKeyThatCannotBeInterpreted_isRefused_namingTheField(@TempDir Path tmp) throws IOException {
        String llama = Files.readString(CONFIGS.resolve("llama-3.1-405b.json"));
        Path config = tmp.resolve("odd.json");
        Files.writeString(config, llama.replace("\"rope_type\": \"llama3\"", "\"rope_type\": \"spiral\"")
                .replace("\"vocab_size\"", "\"kv_lora_rank\": 512, \"vocab_size\""));
        CliTest.Outcome o = llmsim("model", "import", config.toString());
        assertEquals(2, o.exitCode());
        assertEquals(config + ": rope_scaling: rope type 'spiral' could not be interpreted; known: default, dynamic, "
                + "linear, llama3, longrope, yarn\n" + config + ": kv_lora_rank: could not be interpreted for "
                + "LlamaForCausalLM: llmsim does not price this variant of the architecture\n", o.err());
    }

    @Test
    void aScenario_mayNameAConfigJson_andValidateJsonShowsTheResolvedPool(@TempDir Path tmp) throws IOException {
        Files.copy(CONFIGS.resolve("deepseek-v3.json"), tmp.resolve("config.json"));
        JsonNode pool = validatedPool(tmp, """
                gpu: h200
                model: ./config.json
                weight_dtype: fp8
                tensor_parallel: 8
                """);
        assertEquals("main", pool.get("name").asText());
        assertEquals("h200", pool.get("gpu").asText());
        // a config.json names its profile after its directory
        assertEquals(tmp.getFileName().toString(), pool.get("model").asText());
        assertEquals(8, pool.get("gpus_per_replica").asInt());
        // 671.026 B FP8 weights over 8 GPUs
        assertEquals(671.026 / 8, pool.get("weight_gb_per_gpu").asDouble(), 1e-9);
        // MLA: 61 layers x 576 latent values x 2 bytes (BF16 cache), on every GPU
        assertEquals(70_272.0, pool.get("kv_bytes_per_token_per_gpu").asDouble());
        assertTrue(pool.get("kv_tokens_per_replica").asLong() > 100_000, pool.toString());
        assertEquals(671.026, pool.get("params_b").asDouble());
        assertEquals(37.552, pool.get("active_params_b").asDouble(), 1e-9);
        assertEquals("fp8", pool.get("native_weight_dtype").asText());
        assertEquals(1, pool.get("dp").asInt());
        assertFalse(pool.get("expert_parallel").asBoolean());
    }

    @Test
    void validateJson_countsDataParallelRanksInTheReplica_andSpreadsTheExperts(@TempDir Path tmp) throws IOException {
        JsonNode pool = validatedPool(tmp, """
                gpu: h100-sxm
                model: mixtral-8x7b
                tensor_parallel: 2
                data_parallel: 2
                expert_parallel: true
                """);
        // a replica is data x pipeline x tensor GPUs
        assertEquals(4, pool.get("gpus_per_replica").asInt());
        assertEquals(2, pool.get("dp").asInt());
        assertTrue(pool.get("expert_parallel").asBoolean());
        // the experts (8 x 1.409 B) spread over 4 GPUs, the rest (1.574 B) over each rank's 2: 24.15 GB in BF16
        assertEquals(24.15, pool.get("weight_gb_per_gpu").asDouble(), 0.01);
    }

    @Test
    void validateJson_reportsBadInputAsAlways(@TempDir Path tmp) {
        CliTest.Outcome o = llmsim("validate", tmp.resolve("none.yaml").toString(), "--format", "json");
        assertEquals(2, o.exitCode());
        assertEquals("", o.out());
    }
}
