package org.llmsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.llmsim.report.RequestsCsvWriter;

/** A hybrid deployment with caches and tiers through the command line: summary.json, requests.csv, terminal, PDF. */
class AppLayerCliTest {
    private static final String HYBRID = """
            name: hybrid-cli
            description: Cheap self-hosted tier, frontier API for hard requests and escalations, caches in front
            duration_s: 240
            warmup_s: 30
            workload:
              arrival: {process: poisson, rate_rps: 4}
              input_tokens: {dist: lognormal, mean: 800, stddev: 300, min: 200, max: 3000}
              output_tokens: {dist: lognormal, mean: 150, stddev: 60, max: 800}
              classes:
                - {name: faq, share: 0.6, popularity: {dist: zipf, items: 200, paraphrases: 2}}
                - {name: chat, share: 0.4}
            cluster:
              caches:
                - {kind: exact, capacity_entries: 1000}
                - {kind: semantic, classes: [faq], embedding_usd_per_mtok: 0.02}
              routing:
                classifier: {latency_s: 0.05, usd_per_request: 0.0005}
                tiers:
                  - {name: cheap, pool: gpu, escalate: {to: frontier, fraction: 0.1}}
                  - {name: frontier, pool: api}
                rules: [{difficulty_below: 0.7, tier: cheap}]
                default_tier: frontier
              pools:
                - {name: gpu, gpu: l40s, model: llama-3.2-1b}
                - {name: api, provider: anthropic-claude-sonnet-4-5}
            economics: {ops_usd_per_month: 1000}
            """;

    @Test
    void hybridRun_reportsTheLedgerCachesTiersBackendsAndBreakEven(@TempDir Path tmp) throws IOException {
        Path scenario = tmp.resolve("hybrid.yaml");
        Files.writeString(scenario, HYBRID);
        Path out = tmp.resolve("out");
        CliTest.Outcome o = CliTest.llmsim("run", scenario.toString(), "--out", out.toString());
        assertEquals(0, o.exitCode(), o.err());
        for (String line : List.of("spend", "cache", "tier", "API pool", "break-even")) {
            assertTrue(o.out().contains(line), line + " in\n" + o.out());
        }

        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        JsonNode cost = s.get("cost");
        assertTrue(cost.get("api_usd").asDouble() > 0);
        assertTrue(cost.get("gpu_usd").asDouble() > 0);
        assertEquals(cost.get("total_usd").asDouble(), cost.get("gpu_usd").asDouble() + cost.get("api_usd")
                .asDouble() + cost.get("gateway_usd").asDouble(), 1e-9);
        assertEquals(cost.get("usd_per_hour").asDouble() * 24, cost.get("usd_per_day").asDouble(), 1e-9);
        for (String dimension : List.of("by_backend", "by_pool", "by_tier", "by_class", "by_kind")) {
            double sum = 0;
            for (JsonNode usd : cost.get("breakdown").get(dimension)) {
                sum += usd.asDouble();
            }
            assertEquals(cost.get("total_usd").asDouble(), sum, 1e-9, dimension + " adds up to the bill");
        }
        assertTrue(cost.get("breakdown").get("by_kind").has("gpu_time"));
        assertTrue(cost.get("breakdown").get("by_kind").has("classifier"));
        assertTrue(s.get("cache").get("hit_rate").asDouble() > 0.1);
        assertEquals(2, s.get("cache").get("caches").size());
        assertTrue(s.get("tiers").get("cheap").get("escalated_out").asLong() > 0);
        assertEquals(2, s.get("backends").size());
        assertEquals("api", s.get("backends").get(1).get("kind").asText());
        assertTrue(s.get("break_even").get("apis").has("anthropic-claude-sonnet-4-5"));

        List<String> rows = Files.readAllLines(out.resolve("requests.csv"));
        assertEquals(RequestsCsvWriter.HEADER, rows.get(0));
        assertTrue(rows.get(0).endsWith(",tier,backend,cache_hit,calls,cost_usd,crash_retries,fail_reason,retries,"
                + "fallbacks,stage_latencies_s"));
        assertTrue(rows.stream().anyMatch(r -> r.contains(",exact,exact,0,")), "a row answered by the exact cache");
        assertTrue(rows.stream().anyMatch(r -> r.contains(",frontier,api,,2,")), "an escalated row");

        try (PDDocument pdf = Loader.loadPDF(out.resolve("report.pdf").toFile())) {
            String text = new PDFTextStripper().getText(pdf);
            for (String heading : List.of("Where the money goes", "Spend of the run by pool and kind",
                    "By tier and class", "Response caches", "Model tiers", "API pools",
                    "Self-hosting against the APIs")) {
                assertTrue(text.contains(heading), heading);
            }
        }
    }

    @Test
    void compare_ofDeploymentsThatPayPerCall_chartsTheirSpendByKind(@TempDir Path tmp) throws IOException {
        Path hybrid = tmp.resolve("hybrid.yaml");
        Files.writeString(hybrid, HYBRID.replace("duration_s: 240", "duration_s: 120"));
        Path allApi = tmp.resolve("all-api.yaml");
        Files.writeString(allApi, HYBRID.replace("name: hybrid-cli", "name: all-api").replace("duration_s: 240",
                "duration_s: 120").replace("rules: [{difficulty_below: 0.7, tier: cheap}]", "rules: []"));
        Path out = tmp.resolve("cmp");
        CliTest.Outcome o = CliTest.llmsim("compare", hybrid.toString(), allApi.toString(), "--out", out.toString());
        assertEquals(0, o.exitCode(), o.err());
        assertTrue(o.out().contains("$/month"), o.out());
        try (PDDocument pdf = Loader.loadPDF(out.resolve("comparison.pdf").toFile())) {
            String text = new PDFTextStripper().getText(pdf);
            assertTrue(text.contains("Spend per hour by kind"), "spend split by kind");
            assertTrue(text.contains("cache hit rate"), "the cache's headline metric");
        }
    }
}
