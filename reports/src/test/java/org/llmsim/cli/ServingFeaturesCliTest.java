package org.llmsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.llmsim.metrics.HeadlineMetric;

/** Speculative decoding, disaggregation, pipeline stages and mixed pools as the command line reports them. */
class ServingFeaturesCliTest {

    private static JsonNode run(Path out, String scenario, String... sets) throws IOException {
        List<String> args = new java.util.ArrayList<>(List.of("run", CliTest.HOME.resolve(scenario).toString(),
                "--out", out.toString(), "--no-pdf", "--set", "duration_s=120", "--set", "warmup_s=20"));
        for (String s : sets) {
            args.add("--set");
            args.add(s);
        }
        CliTest.Outcome o = CliTest.llmsim(args.toArray(String[]::new));
        assertEquals(0, o.exitCode(), o.err());
        return new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    }

    @Test
    void speculativeRun_reportsTokensPerStepAcceptanceAndDraftShare(@TempDir Path tmp) throws IOException {
        JsonNode s = run(tmp.resolve("spec"), "scenarios/speculative-low-load.yaml");
        JsonNode spec = s.get("speculative");
        assertEquals((1 - Math.pow(0.8, 5)) / 0.2, spec.get("tokens_per_step").asDouble(), 0.2);
        assertTrue(spec.get("acceptance").asDouble() > 0.5 && spec.get("acceptance").asDouble() < 0.7);
        assertTrue(spec.get("draft_time_share").asDouble() > 0 && spec.get("draft_time_share").asDouble() < 1);
        JsonNode pool = s.get("pools").get(0);
        assertEquals("llama-3.2-1b", pool.get("speculative").get("draft_model").asText());
        assertEquals(4, pool.get("speculative").get("k").asInt());
        assertFalse(pool.has("disaggregated"));
        // without a draft there is no speculative block at all
        JsonNode plain = run(tmp.resolve("plain"), "scenarios/speculative-low-load.yaml",
                "cluster.pools[0].speculative=null");
        assertFalse(plain.has("speculative"));
        assertFalse(plain.get("pools").get(0).has("speculative"));
    }

    @Test
    void disaggregatedRun_reportsTheSplitAndTheKvTransfers(@TempDir Path tmp) throws IOException {
        JsonNode s = run(tmp.resolve("split"), "scenarios/disaggregated-long-prompts.yaml");
        JsonNode split = s.get("pools").get(0).get("disaggregated");
        assertEquals(2, split.get("prefill_replicas").asInt());
        assertEquals(2, split.get("decode_replicas").asInt());
        assertEquals("network", split.get("kv_link").asText());
        JsonNode kv = s.get("kv_transfer");
        assertEquals(s.get("requests").get("completed").asLong(), kv.get("transfers").asLong());
        assertTrue(kv.get("time_max_s").asDouble() >= kv.get("time_mean_s").asDouble());
        assertEquals(2, s.get("pools").get(0).get("gpus_per_replica").asInt());
    }

    @Test
    void mixedFleet_reportsEachPoolsLatencyAndCost_andPipelineStagesCountTheirGpus(@TempDir Path tmp)
            throws IOException {
        JsonNode s = run(tmp.resolve("mixed"), "scenarios/mixed-fleet.yaml");
        long completed = 0;
        for (JsonNode pool : s.get("pools")) {
            completed += pool.get("completed").asLong();
            assertTrue(pool.get("ttft_s").get("p99").isNumber());
            assertTrue(pool.get("tpot_s").get("mean").isNumber());
            assertEquals(1, pool.get("pipeline_parallel").asInt());
        }
        assertEquals(s.get("requests").get("completed").asLong(), completed);
        JsonNode stages = run(tmp.resolve("stages"), "scenarios/pipeline-70b-a100.yaml");
        JsonNode pool = stages.get("pools").get(0);
        assertEquals(2, pool.get("pipeline_parallel").asInt());
        assertEquals(4, pool.get("gpus_per_replica").asInt());
        assertEquals(4 * 1.79, pool.get("usd_per_hour").asDouble(), 1e-9);
    }

    @Test
    void itl_isAHeadlineMetric_withItsPercentiles() {
        for (String key : List.of("itl_s.mean", "itl_s.p50", "itl_s.p99")) {
            assertEquals(key, HeadlineMetric.byKey(key).key());
        }
    }
}
