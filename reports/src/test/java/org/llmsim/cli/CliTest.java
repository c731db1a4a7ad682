package org.llmsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
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
import org.llmsim.metrics.HeadlineMetric;
import org.llmsim.report.ComparisonCsv;
import org.llmsim.report.Format;
import org.llmsim.report.ReplicationsCsv;
import org.llmsim.report.RequestsCsvWriter;
import org.llmsim.report.TimeSeriesCsv;

/** The command line end to end, as a user runs it. */
class CliTest {
    static final Path HOME = Path.of(System.getProperty("llmsim.home", ".."));
    static final String QUICKSTART = HOME.resolve("scenarios/quickstart.yaml").toString();

    record Outcome(int exitCode, String out, String err) {
    }

    static Outcome llmsim(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Outcome(code, out.toString(), err.toString());
    }

    @Test
    void run_writesSummaryRequestsAndReport_andPrintsTheSummaryTable(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("qs");
        Outcome o = llmsim("run", QUICKSTART, "--out", out.toString(), "--set", "duration_s=120", "--set",
                "warmup_s=20");
        assertEquals(0, o.exitCode(), o.err());
        assertTrue(o.out().contains("TTFT"), o.out());
        assertTrue(o.out().contains("per 1M output tokens"), o.out());

        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        for (String key : List.of("scenario", "seed", "requests", "ttft_s", "tpot_s", "e2e_s", "queue_s",
                "throughput", "slo", "cost", "utilization", "sim")) {
            assertTrue(summary.has(key), "summary.json has " + key);
        }
        for (String key : List.of("mean", "p50", "p90", "p95", "p99", "max")) {
            assertTrue(summary.get("ttft_s").get(key).isNumber(), "ttft_s." + key);
        }
        for (String key : List.of("total_usd", "gpu_usd", "api_usd", "gpu_hours", "usd_per_request",
                "usd_per_1m_output_tokens")) {
            assertTrue(summary.get("cost").has(key), "cost." + key);
        }
        long arrived = summary.get("requests").get("arrived").asLong();
        assertTrue(arrived > 1000);

        List<String> rows = Files.readAllLines(out.resolve("requests.csv"));
        assertEquals(RequestsCsvWriter.HEADER, rows.get(0));
        assertEquals(arrived, rows.size() - 1, "one row per request");

        try (PDDocument pdf = Loader.loadPDF(out.resolve("report.pdf").toFile())) {
            assertTrue(pdf.getNumberOfPages() >= 2);
            String text = new PDFTextStripper().getText(pdf);
            assertTrue(text.contains("p99 time to first token"), text);
            assertTrue(text.contains("TTFT distribution"), "chart title is real text");
            assertTrue(text.contains("Appendix: the scenario"));
        }
    }

    @Test
    void run_sameSeedTwice_givesByteIdenticalSummaryApartFromWallTime(@TempDir Path tmp) throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        assertEquals(0, llmsim("run", QUICKSTART, "--out", a.toString(), "--no-pdf", "--set", "duration_s=100")
                .exitCode());
        assertEquals(0, llmsim("run", QUICKSTART, "--out", b.toString(), "--no-pdf", "--set", "duration_s=100")
                .exitCode());
        assertEquals(withoutWallTime(Files.readString(a.resolve("summary.json"))),
                withoutWallTime(Files.readString(b.resolve("summary.json"))));
        assertEquals(Files.readString(a.resolve("requests.csv")), Files.readString(b.resolve("requests.csv")));
    }

    private static String withoutWallTime(String json) {
        return json.replaceAll("\"wall_s\" : [0-9.Ee-]+", "\"wall_s\" : 0");
    }

    @Test
    void badScenario_exitsWithTwoAndOneClearLineWithoutStackTrace(@TempDir Path tmp) throws IOException {
        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, Files.readString(Path.of(QUICKSTART)).replace("rate_rps: 10", "rate_rps: 0"));
        Outcome o = llmsim("run", bad.toString(), "--out", tmp.resolve("o").toString());
        assertEquals(2, o.exitCode());
        assertEquals(bad + ":11: workload.arrival.rate_rps: must be > 0, got 0", o.err().strip());
        assertFalse(o.err().contains("Exception"));
        assertFalse(Files.exists(tmp.resolve("o")), "nothing is written for a bad scenario");
    }

    @Test
    void missingScenarioFile_andUnknownOption_exitWithTwo() {
        Outcome missing = llmsim("validate", "does-not-exist.yaml");
        assertEquals(2, missing.exitCode());
        assertEquals("does-not-exist.yaml: file not found", missing.err().strip());
        Outcome option = llmsim("run", QUICKSTART, "--bogus");
        assertEquals(2, option.exitCode());
        assertTrue(option.err().contains("Unknown option: '--bogus'"), option.err());
    }

    @Test
    void run_refusesToWriteIntoADirectoryItDidNotCreate(@TempDir Path tmp) throws IOException {
        Path mine = tmp.resolve("my-notes");
        Files.createDirectories(mine);
        Files.writeString(mine.resolve("summary.json"), "my own file");
        Outcome o = llmsim("run", QUICKSTART, "--out", mine.toString(), "--set", "duration_s=30", "--set", "warmup_s=0");
        assertEquals(2, o.exitCode());
        assertTrue(o.err().contains("refusing to write here"), o.err());
        assertEquals("my own file", Files.readString(mine.resolve("summary.json")));
    }

    @Test
    void run_formatJson_printsTheSummaryJson(@TempDir Path tmp) throws IOException {
        Outcome o = llmsim("run", QUICKSTART, "--out", tmp.resolve("j").toString(), "--no-pdf", "--format", "json",
                "--set", "duration_s=60", "--set", "warmup_s=10");
        assertEquals(0, o.exitCode(), o.err());
        JsonNode summary = new ObjectMapper().readTree(o.out());
        assertEquals("quickstart", summary.get("scenario").asText());
    }

    @Test
    void validate_describesEachPool() {
        Outcome o = llmsim("validate", QUICKSTART);
        assertEquals(0, o.exitCode(), o.err());
        assertTrue(o.out().contains("valid scenario 'quickstart'"), o.out());
        assertTrue(o.out().contains("2 x llama-3.1-8b bf16 on 1x h100-sxm"), o.out());
    }

    @Test
    void validate_namesTheGpuValuesTransferredFromASibling() {
        // h800's efficiencies and overheads are h100-sxm's; h100-sxm's own are measured, so it gets no such line
        Outcome o = llmsim("validate", QUICKSTART, "--set", "cluster.pools[0].gpu=h800");
        assertEquals(0, o.exitCode(), o.err());
        assertTrue(o.out().contains("    gpu h800: not measured on this GPU, transferred from h100-sxm: "
                + "compute_efficiency, memory_efficiency, roofline_knee, attention, allreduce, iteration_overhead_s, "
                + "per_sequence_overhead_s, runtime_reserve_gb, interconnect_latency_us, pcie_efficiency, "
                + "network_latency_us, engines"), o.out());
        assertFalse(llmsim("validate", QUICKSTART).out().contains("transferred from"));
    }

    @Test
    void catalog_listsEveryProfileWithDerivedFigures() {
        Outcome o = llmsim("catalog");
        assertEquals(0, o.exitCode(), o.err());
        for (String id : List.of("a100-80gb", "h100-sxm", "h200", "l40s", "mi300x", "b200", "gb200", "l4", "mi355x",
                "rtx-pro-6000", "llama-3.2-1b",
                "llama-3.1-8b", "llama-3.1-70b", "mixtral-8x7b")) {
            assertTrue(o.out().contains(id), id);
        }
        assertTrue(o.out().contains("131,072"), "KV bytes per token of llama-3.1-8b");
        // the price catalog: a3-highgpu-8g at $88.49, $61.38 (1-year), $38.86 (3-year), $50.61 (spot) per 8 GPUs
        assertTrue(o.out().lines().anyMatch(l -> l.matches(
                "\\s*gcp-a3-highgpu-8g-us-central1\\s+gcp\\s+a3-highgpu-8g\\s+us-central1\\s+8 x h100-sxm\\s+11\\.06\\s+"
                        + "7\\.67\\s+4\\.86\\s+6\\.33\\s+-\\s+-\\s*")), o.out());
        // llama-3.1-70b needs four H100s
        assertTrue(o.out().lines().anyMatch(l -> l.matches("\\s*llama-3.1-70b\\s+h100-sxm\\s+4\\s.*")), o.out());
    }

    @Test
    void anUnknownCommand_getsTheListOfCommands() {
        Outcome o = llmsim("frobnicate", "x.yaml");
        assertEquals(2, o.exitCode());
        assertEquals("llmsim: unknown command 'frobnicate'; commands: run, compare, validate, catalog, calibrate, "
                + "sweep, capacity, plan, model, help\n", o.err());
        Outcome option = llmsim("--frobnicate");
        assertEquals(2, option.exitCode());
        assertTrue(option.err().startsWith("llmsim: Unknown option: '--frobnicate'"), option.err());
    }

    @Test
    void planWithATargetRateThatIsNoNumber_saysSo_ratherThanThatItIsRequired(@TempDir Path tmp) {
        Outcome o = llmsim("plan", HOME.resolve("scenarios/plan-chat.yaml").toString(), "--target-rps", "NaN",
                "--out", tmp.resolve("p").toString());
        assertEquals(2, o.exitCode(), o.err());
        assertEquals("--target-rps: must be a number > 0, got NaN\n", o.err());
        assertFalse(Files.exists(tmp.resolve("p")));
    }

    @Test
    void validatesHint_andTheCatalog_nameTheSameTensorParallelGroup() {
        // llama-3.1-70b in BF16 on L40S: four GPUs hold it (the catalog's row), so the hint says 4, not 8
        Outcome catalog = llmsim("catalog");
        assertTrue(catalog.out().lines().anyMatch(l -> l.matches("\\s*llama-3.1-70b\\s+l40s\\s+4\\s.*")),
                catalog.out());
        Outcome o = llmsim("validate", HOME.resolve("scenarios/quickstart-l40s.yaml").toString(), "--set",
                "cluster.pools[0].model=llama-3.1-70b");
        assertEquals(2, o.exitCode(), o.err());
        assertTrue(o.err().contains("; try tensor_parallel: 4, a quantized weight_dtype"), o.err());
        Outcome four = llmsim("validate", HOME.resolve("scenarios/quickstart-l40s.yaml").toString(), "--set",
                "cluster.pools[0].model=llama-3.1-70b", "--set", "cluster.pools[0].tensor_parallel=4");
        assertEquals(0, four.exitCode(), four.err());
    }

    @Test
    void run_formatVllm_printsVllmBenchServeKeys_andSummaryGainsTheNewBlocks(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("v");
        Outcome o = llmsim("run", QUICKSTART, "--out", out.toString(), "--no-pdf", "--format", "vllm",
                "--set", "duration_s=60", "--set", "warmup_s=10");
        assertEquals(0, o.exitCode(), o.err());
        JsonNode v = new ObjectMapper().readTree(o.out());
        for (String key : List.of("backend", "model_id", "num_prompts", "request_rate", "burstiness", "duration",
                "completed", "failed", "total_input_tokens", "total_output_tokens", "request_throughput",
                "request_goodput", "output_throughput", "total_token_throughput")) {
            assertTrue(v.has(key), key);
        }
        for (String metric : List.of("ttft", "tpot", "itl", "e2el")) {
            for (String stat : List.of("mean", "median", "std", "p90", "p95", "p99")) {
                assertTrue(v.get(stat + "_" + metric + "_ms").isNumber(), stat + "_" + metric + "_ms");
            }
        }
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        // the same requests, in milliseconds: vLLM's mean TTFT is summary.json's, times 1000
        assertEquals(summary.get("ttft_s").get("mean").asDouble() * 1000, v.get("mean_ttft_ms").asDouble(), 1e-9);
        assertEquals(summary.get("itl_s").get("mean").asDouble() * 1000, v.get("mean_itl_ms").asDouble(), 1e-9);
        assertEquals(summary.get("requests").get("measured").asLong(), v.get("num_prompts").asLong());
        assertEquals("llama-3.1-8b", v.get("model_id").asText());
        double duration = v.get("duration").asDouble();
        assertEquals(v.get("completed").asDouble() / duration, v.get("request_throughput").asDouble(), 1e-9);
        for (String key : List.of("recompute", "swap", "swap_space_full", "swapped_bytes", "swap_time_s",
                "recompute_tokens", "recompute_time_s")) {
            assertTrue(summary.get("preemption").has(key), "preemption." + key);
        }
        for (String key : List.of("hit_rate", "request_hit_rate", "prefill_tokens_saved")) {
            assertTrue(summary.get("prefix_cache").has(key), "prefix_cache." + key);
        }
        assertTrue(summary.get("itl_s").get("p99").isNumber());
        List<String> rows = Files.readAllLines(out.resolve("requests.csv"));
        assertTrue(rows.get(0).contains(",reject_reason,class,session_id,cached_tokens,swaps,"), "columns appended");
        assertTrue(rows.get(0).endsWith(",swaps,tier,backend,cache_hit,calls,cost_usd,crash_retries,fail_reason,"
                + "retries,fallbacks,stage_latencies_s"), "new columns at the end");
        assertTrue(rows.get(1).endsWith(",0,0,,,,0,0.000000000,0,,0,0,"), rows.get(1));
    }

    @Test
    void run_writesTheTimeSeriesCsv_withEveryArrivalCounted(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("ts");
        assertEquals(0, llmsim("run", QUICKSTART, "--out", out.toString(), "--no-pdf", "--set", "duration_s=100",
                "--set", "output.sample_interval_s=5").exitCode());
        List<String> rows = Files.readAllLines(out.resolve("timeseries.csv"));
        assertEquals(TimeSeriesCsv.HEADER, rows.get(0));
        assertEquals("5.000000", rows.get(1).split(",")[0]);
        assertEquals("main", rows.get(1).split(",")[1]);
        double arrivals = rows.stream().skip(1).mapToDouble(r -> Double.parseDouble(r.split(",")[2]) * 5).sum();
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(summary.get("requests").get("arrived").asLong(), Math.round(arrivals));
        assertEquals(rows.size() - 1, summary.get("timeseries").get("samples").asInt());
    }

    @Test
    void run_withReplications_addsMeansAndIntervals_andKeepsTheFirstRunAsIs(@TempDir Path tmp) throws IOException {
        Path plain = tmp.resolve("plain");
        Path reps = tmp.resolve("reps");
        assertEquals(0, llmsim("run", QUICKSTART, "--out", plain.toString(), "--no-pdf", "--set", "duration_s=60",
                "--set", "warmup_s=10").exitCode());
        Outcome o = llmsim("run", QUICKSTART, "--out", reps.toString(), "--no-pdf", "--set", "duration_s=60",
                "--set", "warmup_s=10", "--replications", "3");
        assertEquals(0, o.exitCode(), o.err());
        assertTrue(o.out().contains("3 replications, seeds 42-44"), o.out());
        assertTrue(o.out().contains("95% CI"), o.out());
        JsonNode summary = new ObjectMapper().readTree(reps.resolve("summary.json").toFile());
        JsonNode block = summary.get("replications");
        assertEquals(3, block.get("n").asInt());
        assertEquals(List.of(42L, 43L, 44L), List.of(block.get("seeds").get(0).asLong(),
                block.get("seeds").get(1).asLong(), block.get("seeds").get(2).asLong()));
        for (HeadlineMetric m : HeadlineMetric.ALL) {
            assertTrue(block.get("metrics").has(m.key()), m.key());
        }
        JsonNode p99 = block.get("metrics").get("ttft_s.p99");
        assertTrue(p99.get("ci95_low").asDouble() < p99.get("mean").asDouble());
        assertTrue(p99.get("mean").asDouble() < p99.get("ci95_high").asDouble());
        // the top-level figures are replication 0's: the same as a run without --replications
        String first = Files.readString(reps.resolve("summary.json"));
        String single = Files.readString(plain.resolve("summary.json"));
        assertEquals(withoutWallTime(single), withoutWallTime(first.substring(0, first.indexOf(",\n  \"replications\""))
                + "\n}\n"));
        assertEquals(Files.readString(plain.resolve("requests.csv")), Files.readString(reps.resolve("requests.csv")));
        List<String> rows = Files.readAllLines(reps.resolve("replications.csv"));
        assertEquals(ReplicationsCsv.header(), rows.get(0));
        assertEquals(4, rows.size());
        assertTrue(rows.get(3).startsWith("2,44,"), rows.get(3));
    }

    @Test
    void run_rejectsAReplicationCountOutOfRange() {
        Outcome o = llmsim("run", QUICKSTART, "--replications", "0");
        assertEquals(2, o.exitCode());
        assertEquals("llmsim: --replications must be between 1 and 1000, got 0", o.err().strip());
    }

    @Test
    void compare_runsBothUnderOneSeed_andWritesTheSideBySideReport(@TempDir Path tmp) throws IOException {
        // given the quickstart and a copy on one replica with another seed in its file
        Path one = tmp.resolve("one-h100.yaml");
        Files.writeString(one, Files.readString(Path.of(QUICKSTART)).replace("name: quickstart", "name: one-h100")
                .replace("replicas: 2", "replicas: 1").replace("seed: 42", "seed: 7"));
        Path out = tmp.resolve("cmp");
        Outcome o = llmsim("compare", QUICKSTART, one.toString(), "--out", out.toString(), "--set", "duration_s=60",
                "--set", "warmup_s=10");
        assertEquals(0, o.exitCode(), o.err());
        assertTrue(o.out().contains("B meets the TTFT SLO"), o.out());
        assertTrue(o.out().contains("at 50% lower cost"), o.out());
        assertTrue(o.out().contains("-50.0%"), o.out());
        for (String file : List.of("comparison.pdf", "comparison.json", "comparison.csv", "A-quickstart/summary.json",
                "A-quickstart/requests.csv", "A-quickstart/timeseries.csv", "B-one-h100/summary.json")) {
            assertTrue(Files.exists(out.resolve(file)), file);
        }
        assertEquals(ComparisonCsv.HEADER, Files.readAllLines(out.resolve("comparison.csv")).get(0));
        JsonNode b = new ObjectMapper().readTree(out.resolve("B-one-h100/summary.json").toFile());
        assertEquals(42, b.get("seed").asLong(), "B runs under A's seed");
        // the same traffic: both saw the same requests
        List<String> arrivalsA = Files.readAllLines(out.resolve("A-quickstart/requests.csv")).stream()
                .map(r -> r.split(",")[0] + "@" + r.split(",")[4]).sorted().toList();
        List<String> arrivalsB = Files.readAllLines(out.resolve("B-one-h100/requests.csv")).stream()
                .map(r -> r.split(",")[0] + "@" + r.split(",")[4]).sorted().toList();
        assertEquals(arrivalsA, arrivalsB);
        // the same fleets under each pricing, from one set of numbers in the terminal, the JSON and the PDF
        assertTrue(o.out().contains("the same fleets under each pricing"), o.out());
        JsonNode pricing = new ObjectMapper().readTree(out.resolve("comparison.json").toFile()).get("pricing");
        assertEquals(2, pricing.size());
        JsonNode alternatives = pricing.get(0).get("alternatives");
        assertEquals("on_demand", alternatives.get(0).get("kind").asText());
        double onDemand = alternatives.get(0).get("usd_per_hour").asDouble();
        assertEquals(onDemand / 2, pricing.get(1).get("alternatives").get(0).get("usd_per_hour").asDouble(), 1e-9,
                "one replica costs half of two");
        assertTrue(o.out().contains(Format.usd(onDemand) + "/h"), o.out());
        try (PDDocument pdf = Loader.loadPDF(out.resolve("comparison.pdf").toFile())) {
            String text = new PDFTextStripper().getText(pdf);
            assertTrue(text.contains("quickstart vs one-h100"));
            assertTrue(text.contains("The same fleets under each pricing"), text);
            assertTrue(text.contains(Format.usd(onDemand) + "/h"), text);
        }
    }

    @Test
    void compare_formatJson_printsTheComparison(@TempDir Path tmp) throws IOException {
        Outcome o = llmsim("compare", QUICKSTART, QUICKSTART, "--out", tmp.resolve("j").toString(), "--no-pdf",
                "--format", "json", "--set", "duration_s=30", "--set", "warmup_s=5", "--replications", "2");
        assertEquals(0, o.exitCode(), o.err());
        JsonNode json = new ObjectMapper().readTree(o.out());
        assertEquals(2, json.get("replications").asInt());
        JsonNode p99 = json.get("metrics").get("ttft_s.p99").get("B");
        assertEquals(0.0, p99.get("delta").asDouble(), 0.0, "a scenario against itself");
        assertTrue(json.get("verdicts").get(0).asText().contains("as A does, at the same cost"), o.out());
        assertTrue(Files.exists(tmp.resolve("j/B-quickstart/replications.csv")));
    }

    @Test
    void compare_needsTwoScenarios() {
        Outcome o = llmsim("compare", QUICKSTART);
        assertEquals(2, o.exitCode());
        assertTrue(o.err().contains("SCENARIO"), o.err());
    }
}
