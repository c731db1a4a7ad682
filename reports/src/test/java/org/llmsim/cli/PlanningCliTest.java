package org.llmsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.llmsim.simulation.Simulation;
import org.llmsim.metrics.HeadlineMetric;
import org.llmsim.planning.SloCriterion;
import org.llmsim.scenario.ProfileCatalog;
import org.llmsim.scenario.Scenario;
import org.llmsim.scenario.ScenarioLoader;

/** sweep, capacity and plan end to end, as a user runs them. */
class PlanningCliTest {
    private static final String SCENARIO = """
            name: small-chat
            description: Small chat service for the planning commands
            seed: 5
            duration_s: 120
            warmup_s: 20
            workload:
              arrival: {process: poisson, rate_rps: 4}
              input_tokens: {dist: lognormal, mean: 800, stddev: 300, max: 3000}
              output_tokens: {dist: lognormal, mean: 120, stddev: 60, max: 500}
              slo: {ttft_s: 0.5, tpot_s: 0.05}
            cluster:
              pools:
                - name: chat
                  gpu: h100-sxm
                  model: llama-3.1-8b
                  replicas: 1
            plan:
              gpus: [h100-sxm, l40s]
              weight_dtypes: [bf16]
              max_replicas: 4
            """;

    private static Path scenario(Path dir) throws IOException {
        Path file = dir.resolve("small-chat.yaml");
        Files.writeString(file, SCENARIO);
        return file;
    }

    @Test
    void sweep_writesOneCsvRowPerPoint_withInvalidPointsReported(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("sweep");
        CliTest.Outcome o = CliTest.llmsim("sweep", scenario(tmp).toString(), "--out", out.toString(),
                "--vary", "workload.arrival.rate_rps=2,8", "--vary",
                "cluster.pools[0].model=llama-3.1-8b,llama-3.1-70b");
        assertEquals(0, o.exitCode(), o.err());
        assertTrue(o.out().contains("invalid"), o.out());

        List<String> rows = Files.readAllLines(out.resolve("sweep.csv"));
        assertEquals(5, rows.size(), "header and four points");
        assertTrue(rows.get(0).startsWith("workload.arrival.rate_rps,cluster.pools[0].model,ttft_s.mean,"), rows.get(0));
        assertTrue(rows.get(1).startsWith("2,llama-3.1-8b,"), rows.get(1));
        assertTrue(rows.get(1).contains(",ok,5,1,"), rows.get(1));
        assertTrue(rows.get(2).startsWith("2,llama-3.1-70b,,"), rows.get(2));
        assertTrue(rows.get(2).contains(",invalid,") && rows.get(2).contains("does not fit"), rows.get(2));
        // the varied fields, every headline metric, status, seed, replications, error
        assertEquals(2 + HeadlineMetric.ALL.size() + 4, rows.get(0).split(",").length);

        JsonNode json = new ObjectMapper().readTree(out.resolve("sweep.json").toFile());
        assertEquals(4, json.get("points").size());
        assertEquals(8, json.get("points").get(3).get("values").get("workload.arrival.rate_rps").asInt());
        // the heavier rate completes more requests per second
        double light = json.get("points").get(0).get("metrics").get("throughput.requests_per_s").get("mean").asDouble();
        double heavy = json.get("points").get(2).get("metrics").get("throughput.requests_per_s").get("mean").asDouble();
        assertTrue(heavy > 3 * light, light + " vs " + heavy);
        try (PDDocument pdf = Loader.loadPDF(out.resolve("sweep.pdf").toFile())) {
            String text = new PDFTextStripper().getText(pdf);
            assertTrue(text.contains("TTFT p99"), text);
            assertTrue(text.contains("Invalid points"), text);
        }
    }

    @Test
    void capacity_writesTheAnswerWithItsIntervalTheCurveAndTheChart(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("capacity");
        CliTest.Outcome o = CliTest.llmsim("capacity", scenario(tmp).toString(), "--out", out.toString(),
                "--replications", "2", "--curve-points", "4", "--tolerance", "0.03", "--duration", "90");
        assertEquals(0, o.exitCode(), o.err());
        assertTrue(o.out().contains("capacity"), o.out());
        assertTrue(o.err().contains("bracket") && o.err().contains("root"), "progress per load: " + o.err());

        JsonNode json = new ObjectMapper().readTree(out.resolve("capacity.json").toFile());
        assertEquals("found", json.get("status").asText());
        assertEquals("req/s", json.get("unit").asText());
        assertEquals("workload.arrival.rate_rps", json.get("scaled").asText());
        double capacity = json.get("capacity").asDouble();
        assertTrue(capacity > 4, "one H100 carries more than the scenario's 4 req/s: " + capacity);
        assertTrue(json.get("interval").get("high").asDouble() >= capacity);
        assertEquals("p99", json.get("criterion").get("statistic").asText());
        // every simulated load is a CSV row, by load, with its verdict
        List<String> rows = Files.readAllLines(out.resolve("capacity.csv"));
        assertEquals(json.get("points").size() + 1, rows.size());
        assertTrue(rows.get(0).startsWith("rate_rps,factor,purpose,meets,"), rows.get(0));
        assertTrue(rows.stream().anyMatch(r -> r.contains(",curve,")));
        try (PDDocument pdf = Loader.loadPDF(out.resolve("capacity.pdf").toFile())) {
            String text = new PDFTextStripper().getText(pdf);
            assertTrue(text.contains("TTFT p99 against load"), text);
            assertTrue(text.contains("knee"), text);
        }
    }

    @Test
    void refusedSearches_leaveNoOutputDirectoryBehind(@TempDir Path tmp) {
        String scenario = CliTest.QUICKSTART;
        Path out = tmp.resolve("never");
        List<String[]> refused = List.of(
                new String[] {"sweep", scenario, "--vary", "workload.arrival.rate_rps=-1,-2", "--out", out.toString()},
                new String[] {"capacity", scenario, "--percentile", "bogus", "--out", out.toString()},
                new String[] {"plan", scenario, "--target-rps", "5", "--attainment", "2", "--out", out.toString()},
                new String[] {"plan", scenario, "--target-rps", "5", "--objective", "speed", "--out", out.toString()});
        for (String[] args : refused) {
            CliTest.Outcome o = CliTest.llmsim(args);
            assertEquals(2, o.exitCode(), o.err());
            assertFalse(Files.exists(out), String.join(" ", args) + " created " + out);
        }
    }

    @Test
    void plan_withAnUnknownObjective_isBadInput_namingTheAllowedValues(@TempDir Path tmp) {
        CliTest.Outcome o = CliTest.llmsim("plan", CliTest.QUICKSTART, "--target-rps", "5", "--objective", "speed",
                "--out", tmp.resolve("p").toString());
        assertEquals(2, o.exitCode(), o.err());
        assertTrue(o.err().contains("--objective: unknown objective 'speed'; allowed: cost, energy, co2, gpus"),
                o.err());
        assertFalse(o.err().contains("Exception"), o.err());
    }

    @Test
    void plan_withPricing_paysEveryCandidateAtItsCatalogPrice_andSkipsGpusWithout(@TempDir Path tmp)
            throws IOException {
        Path out = tmp.resolve("p");
        CliTest.Outcome o = CliTest.llmsim("plan", CliTest.QUICKSTART, "--target-rps", "10", "--gpus",
                "h100-sxm,l40s,a10g", "--max-replicas", "4", "--pricing", "reserved_3y", "--set", "duration_s=90",
                "--set", "warmup_s=20", "--out", out.toString(), "--no-pdf");
        assertEquals(0, o.exitCode(), o.err());
        JsonNode plan = new ObjectMapper().readTree(out.resolve("plan.json").toFile());
        var offers = ProfileCatalog.standard(List.of()).allOffers();
        int checked = 0;
        for (JsonNode option : plan.get("options")) {
            String gpu = option.get("gpu").asText();
            if (gpu.equals("a10g")) {
                // the catalog has no committed price for an A10G: skipped, saying so
                assertEquals("invalid", option.get("outcome").asText());
                assertTrue(option.get("reason").asText().contains("no price of that kind for a10g"), option.toString());
                continue;
            }
            // the entry for the GPU with the most kinds of price: replicas x its 3-year price per GPU-hour
            var offer = offers.stream().filter(x -> gpu.equals(x.gpu()) && x.term(3) != null)
                    .sorted(java.util.Comparator.comparingInt((org.llmsim.scenario.PriceOffer x) ->
                            -(x.reserved().size() + (x.spotUsdPerHour() == null ? 0 : 1)))
                            .thenComparing(org.llmsim.scenario.PriceOffer::id)).findFirst().orElseThrow();
            assertEquals(option.get("gpus").asInt() * offer.term(3).usdPerHour() / offer.gpus(),
                    option.get("usd_per_hour").asDouble(), 1e-9, option.toString());
            checked++;
        }
        assertEquals(2, checked);
        assertTrue(Files.readString(out.resolve("winner.yaml")).contains("term_years: 3"));

        CliTest.Outcome bad = CliTest.llmsim("plan", CliTest.QUICKSTART, "--target-rps", "10", "--pricing", "rent",
                "--out", tmp.resolve("q").toString());
        assertEquals(2, bad.exitCode(), bad.err());
        assertTrue(bad.err().contains("--pricing: unknown pricing 'rent'; allowed: on_demand, reserved, reserved_3y, "
                + "spot, owned"), bad.err());
        CliTest.Outcome owned = CliTest.llmsim("plan", CliTest.QUICKSTART, "--target-rps", "10", "--pricing", "owned",
                "--out", tmp.resolve("r").toString());
        assertEquals(2, owned.exitCode(), owned.err());
        assertTrue(owned.err().contains("--pricing owned: needs --electricity-usd-per-kwh"), owned.err());
    }

    @Test
    void capacity_withoutAnySlo_isBadInput(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("no-slo.yaml");
        Files.writeString(file, SCENARIO.replace("  slo: {ttft_s: 0.5, tpot_s: 0.05}\n", ""));
        CliTest.Outcome o = CliTest.llmsim("capacity", file.toString(), "--out", tmp.resolve("c").toString(),
                "--replications", "1", "--duration", "30");
        assertEquals(2, o.exitCode(), o.out() + o.err());
        assertTrue(o.err().contains("no SLO to meet"), o.err());
    }

    @Test
    void plan_writesTheRankedTable_andAWinnerFileThatRunsAndMeetsTheSlo(@TempDir Path tmp) throws IOException {
        // given the plan block's space (H100 or L40S, up to 4 replicas) and a target of 10 req/s
        Path out = tmp.resolve("plan");
        CliTest.Outcome o = CliTest.llmsim("plan", scenario(tmp).toString(), "--target-rps", "10", "--out",
                out.toString(), "--tp", "1,3");
        assertEquals(0, o.exitCode(), o.err());
        assertTrue(o.out().contains("cheapest"), o.out());

        // then the table ranks every shape (tp 3 does not divide the heads: skipped as invalid; the parallel axes were
        // not searched, so their cells are empty)
        List<String> rows = Files.readAllLines(out.resolve("plan.csv"));
        assertEquals(5, rows.size(), String.join("\n", rows));
        assertTrue(rows.get(1).startsWith("1,"), rows.get(1));
        assertTrue(rows.stream().anyMatch(r -> r.contains(",3,256,,,,invalid,")), String.join("\n", rows));
        JsonNode plan = new ObjectMapper().readTree(out.resolve("plan.json").toFile());
        JsonNode winner = plan.get("winner");
        assertEquals("winner.yaml", winner.get("scenario_file").asText());
        assertTrue(plan.get("frontier").size() >= 1);
        assertFalse(plan.get("autoscaled").asBoolean(), "a fixed pool is planned by its replica count");
        // every objective's figure for the ranked deployments, and the objective that ranked them
        assertEquals("cost", plan.get("objective").asText());
        JsonNode first = plan.get("options").get(0);
        assertTrue(first.get("kwh_per_1m_output_tokens").asDouble() > 0, first.toString());
        assertTrue(first.get("facility_kwh_per_hour").asDouble() > 0, first.toString());
        assertTrue(rows.get(0).contains(",usd_per_hour,facility_kwh_per_hour,kwh_per_1m_output_tokens,co2_kg_per_hour,"),
                rows.get(0));
        assertTrue(o.out().contains("kWh/1M out"), o.out());

        // and the winner file is a scenario that loads, has the winning deployment, and meets the SLOs on its own
        Scenario s = new ScenarioLoader(ProfileCatalog.standard(List.of())).load(out.resolve("winner.yaml"),
                List.of());
        assertEquals(winner.get("gpu").asText(), s.pools().get(0).hardware().gpu().id());
        assertEquals(winner.get("replicas").asInt(), s.totalReplicas());
        assertEquals(10.0, s.spec().workload().arrival().meanRateRps(), 1e-9);
        assertTrue(SloCriterion.P99.judge(List.of(new Simulation(s).run())).meets());
        try (PDDocument pdf = Loader.loadPDF(out.resolve("plan.pdf").toFile())) {
            String text = new PDFTextStripper().getText(pdf);
            assertTrue(text.contains("Fleet cost against TTFT p99"), text);
            assertTrue(text.contains("Every shape, ranked"), text);
        }
    }

    @Test
    void plan_neverWritesIntoADirectoryWithTheUsersFiles(@TempDir Path tmp) throws IOException {
        // given --out pointing at the directory that holds the user's scenario
        Path file = scenario(tmp);
        CliTest.Outcome o = CliTest.llmsim("plan", file.toString(), "--target-rps", "2", "--out", tmp.toString());
        // then it refuses, and the scenario is untouched
        assertEquals(2, o.exitCode(), o.out());
        assertTrue(o.err().contains("refusing to write here"), o.err());
        assertEquals(SCENARIO, Files.readString(file));
        assertFalse(Files.exists(tmp.resolve("winner.yaml")));
    }

    @Test
    void plan_ofAnApiProviderPool_isABadInputWithAClearMessage(@TempDir Path tmp) {
        // cluster.pools[1] of the hybrid scenario is an API provider, which has no GPUs to plan
        CliTest.Outcome o = CliTest.llmsim("plan", CliTest.HOME.resolve("scenarios/hybrid-selfhost-api.yaml").toString(),
                "--target-rps", "2", "--pool", "sonnet", "--out", tmp.resolve("p").toString(), "--no-pdf");
        assertEquals(2, o.exitCode(), o.err());
        assertTrue(o.err().contains("cluster.pools[1] is an API provider pool; plan sizes GPU pools"), o.err());
    }
}
