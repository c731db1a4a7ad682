package org.llmsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-class outputs and trace scenarios through the command line. */
class WorkloadCliTest {
    @Test
    void multiTenant_reportsEveryClassInSummaryJsonTheTableAndRequestsCsv(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("mt");
        CliTest.Outcome o = CliTest.llmsim("run", CliTest.HOME.resolve("scenarios/multi-tenant.yaml").toString(),
                "--out", out.toString(), "--no-pdf", "--set", "duration_s=600", "--set", "warmup_s=60",
                "--set", "workload.classes[2].arrival.points[1].at_s=200",
                "--set", "workload.classes[2].arrival.points[2].at_s=300");
        assertEquals(0, o.exitCode(), o.err());
        // the terminal shows one row per class and the rejections by reason
        assertTrue(o.out().contains("class "), o.out());
        for (String name : List.of("chat", "rag", "batch")) {
            assertTrue(o.out().lines().anyMatch(l -> l.startsWith(name + " ")), name + " row in\n" + o.out());
        }
        assertTrue(o.out().contains("rejected: rate_limit_requests"), o.out());

        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        JsonNode classes = summary.get("classes");
        assertEquals(List.of("chat", "rag", "batch"), iterable(classes.fieldNames()));
        long arrived = 0;
        long rejected = 0;
        for (JsonNode c : classes) {
            for (String key : List.of("requests", "ttft_s", "tpot_s", "e2e_s", "slo")) {
                assertTrue(c.has(key), key);
            }
            arrived += c.get("requests").get("arrived").asLong();
            rejected += c.get("requests").get("rejected").asLong();
        }
        assertEquals(summary.get("requests").get("arrived").asLong(), arrived);
        assertEquals(summary.get("requests").get("rejected").asLong(), rejected);
        assertTrue(classes.get("rag").get("requests").get("rejected_by_reason").get("rate_limit_requests").asLong()
                > 0);
        assertTrue(classes.get("batch").get("slo").get("deadline_attainment").isNumber());
        assertEquals(1.0, classes.get("chat").get("slo").get("ttft_s").asDouble());

        List<String> rows = Files.readAllLines(out.resolve("requests.csv"));
        assertTrue(rows.get(0).contains(",reject_reason,class,session_id,cached_tokens,swaps,"));
        assertTrue(rows.stream().skip(1).anyMatch(r -> r.contains(",rate_limit_requests,rag,")));
    }

    @Test
    void traceScenario_validatesAndRuns_andATraceErrorNamesTheTraceLine(@TempDir Path tmp) throws IOException {
        String scenario = CliTest.HOME.resolve("scenarios/trace-replay.yaml").toString();
        CliTest.Outcome v = CliTest.llmsim("validate", scenario);
        assertEquals(0, v.exitCode(), v.err());
        assertTrue(v.out().contains("azure layout, 3,000 rows"), v.out());

        Path bad = tmp.resolve("bad.csv");
        Files.writeString(bad, "arrival_s,input_tokens,output_tokens\n0.1,100,10\n0.2,100\n");
        CliTest.Outcome e = CliTest.llmsim("run", scenario, "--out", tmp.resolve("o").toString(), "--set",
                "workload.trace.path=" + bad, "--set", "workload.trace.format=csv");
        assertEquals(Main.EXIT_BAD_INPUT, e.exitCode());
        assertTrue(e.err().contains("bad.csv:3: has 2 cells, the header has 3"), e.err());
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> list = new java.util.ArrayList<>();
        it.forEachRemaining(list::add);
        return list;
    }
}
