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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.llmsim.report.TimeSeriesCsv;

/** Autoscaling and replica faults as the command line reports them: terminal lines, summary.json and the CSVs. */
class ElasticCliTest {

    @Test
    void autoscaledRun_printsReplicasAndGpuHours_andTheSummaryHasTheReplicaSeries(@TempDir Path tmp)
            throws IOException {
        // given the diurnal scenario shortened to the morning ramp (6:00-9:00), a third of an hour measured
        Path out = tmp.resolve("auto");
        CliTest.Outcome o = CliTest.llmsim("run", CliTest.HOME.resolve("scenarios/diurnal-autoscale.yaml").toString(),
                "--out", out.toString(), "--no-pdf", "--set", "duration_s=3600", "--set",
                "workload.arrival.start_hour=6");
        assertEquals(0, o.exitCode(), o.err());

        // then the terminal names the bounds and the provisioned replicas
        assertTrue(o.out().contains("pool main    1-8 x llama-3.1-8b"), o.out());
        assertTrue(o.out().contains("autoscaling  main: replicas "), o.out());
        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        JsonNode pool = s.get("elastic").get("pools").get(0);
        assertTrue(pool.get("autoscaled").asBoolean());
        assertEquals("concurrency", pool.get("metric").asText());
        // the series integrates to the pool's GPU-hours, which are the run's
        JsonNode series = pool.get("replicas_series");
        double replicaS = 0;
        for (int i = 0; i < series.get("time_s").size(); i++) {
            double end = i + 1 < series.get("time_s").size() ? series.get("time_s").get(i + 1).asDouble()
                    : s.get("sim").get("simulated_s").asDouble();
            replicaS += series.get("provisioned").get(i).asInt() * (end - series.get("time_s").get(i).asDouble());
        }
        assertEquals(replicaS / 3600, pool.get("gpu_hours").asDouble(), 1e-6);
        assertEquals(pool.get("gpu_hours").asDouble(), s.get("cost").get("gpu_hours").asDouble(), 1e-9);
        assertTrue(pool.get("scale_ups").asLong() > 0, pool.toString());
        assertEquals(0, s.get("requests").get("failed").asLong());
        List<String> ts = Files.readAllLines(out.resolve("timeseries.csv"));
        assertEquals(TimeSeriesCsv.HEADER, ts.get(0));
        assertTrue(ts.get(0).endsWith(",usd_per_hour,serving_replicas"));
    }

    @Test
    void crashThatLosesRequests_countsThemFailed_inEveryOutput(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("crash");
        CliTest.Outcome o = CliTest.llmsim("run", CliTest.HOME.resolve("scenarios/replica-crash.yaml").toString(),
                "--out", out.toString(), "--no-pdf", "--set", "duration_s=400", "--set", "faults[0].in_flight=lose");
        assertEquals(0, o.exitCode(), o.err());
        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        JsonNode n = s.get("requests");
        long failed = n.get("failed").asLong();
        assertTrue(failed > 0, n.toString());
        assertEquals(failed, n.get("failed_by_reason").get("replica_crash").asLong());
        assertEquals(n.get("arrived").asLong(), n.get("completed").asLong() + failed + n.get("rejected").asLong()
                + n.get("unfinished").asLong());
        assertEquals(1, s.get("elastic").get("pools").get(0).get("crashes").asLong());
        assertFalse(s.get("elastic").get("pools").get(0).get("autoscaled").asBoolean());
        assertTrue(o.out().contains("failed " + failed), o.out());
        assertTrue(o.out().contains("faults       main: 1 crash"), o.out());
        List<String> rows = Files.readAllLines(out.resolve("requests.csv"));
        // fail_reason, then retries, fallbacks and stage latencies (none here)
        assertEquals(failed, rows.stream().filter(r -> r.contains(",failed,") && r.endsWith(",replica_crash,0,0,"))
                .count());
    }

    @Test
    void validate_describesTheAutoscalingAndTheFaults() {
        CliTest.Outcome auto = CliTest.llmsim("validate",
                CliTest.HOME.resolve("scenarios/diurnal-autoscale.yaml").toString());
        assertEquals(0, auto.exitCode(), auto.err());
        assertTrue(auto.out().contains("autoscale: 1-8 replicas (1 warm at the start) on concurrency 48"),
                auto.out());
        CliTest.Outcome crash = CliTest.llmsim("validate",
                CliTest.HOME.resolve("scenarios/replica-crash.yaml").toString());
        assertTrue(crash.out().contains("fault: replica_crash of main replica 0 at 300 s"), crash.out());
    }
}
