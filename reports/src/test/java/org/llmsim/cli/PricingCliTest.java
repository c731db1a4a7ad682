package org.llmsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pool's pricing as the command line reports it: the GPU bill by kind, summary.json, and bad input. */
class PricingCliTest {

    @Test
    void reservedPool_writesCommitmentAndGpuTimeIntoTheSummary(@TempDir Path tmp) throws IOException {
        // the quickstart (2 x H100) with one replica on a 3-year Google Cloud commitment, the other on demand
        Path out = tmp.resolve("reserved");
        CliTest.Outcome o = CliTest.llmsim("run", CliTest.QUICKSTART, "--out", out.toString(), "--no-pdf",
                "--set", "duration_s=120", "--set", "warmup_s=20",
                "--set", "cluster.pools[0].pricing.kind=reserved", "--set", "cluster.pools[0].pricing.term_years=3",
                "--set", "cluster.pools[0].pricing.offer=gcp-a3-highgpu-8g-us-central1",
                "--set", "cluster.pools[0].pricing.committed_replicas=1");
        assertEquals(0, o.exitCode(), o.err());
        assertTrue(o.out().contains("GPU bill     gpu_time $"), o.out());
        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        JsonNode cost = s.get("cost");
        double hours = s.get("sim").get("simulated_s").asDouble() / 3600;
        // a3-highgpu-8g: $38.86 (3-year) and $88.49 (on demand) per 8-GPU hour
        JsonNode kinds = cost.get("breakdown").get("by_kind");
        assertEquals(hours * 38.86 / 8, kinds.get("commitment").asDouble(), 1e-9);
        assertEquals(hours * 88.49 / 8, kinds.get("gpu_time").asDouble(), 1e-9);
        assertEquals(38.86 / 8 + 88.49 / 8, cost.get("usd_per_hour").asDouble(), 1e-9);
    }

    @Test
    void badPricing_exitsWithTwo_namingTheFileFieldAndWhatIsAllowed(@TempDir Path tmp) {
        CliTest.Outcome kind = CliTest.llmsim("run", CliTest.QUICKSTART, "--out", tmp.resolve("a").toString(),
                "--set", "cluster.pools[0].pricing.kind=leased");
        assertEquals(2, kind.exitCode());
        assertEquals(CliTest.QUICKSTART + ": cluster.pools[0].pricing.kind: must be one of on_demand, reserved, spot, "
                + "owned, got 'leased' (value from --set)", kind.err().strip());
        CliTest.Outcome term = CliTest.llmsim("run", CliTest.QUICKSTART, "--out", tmp.resolve("b").toString(),
                "--set", "cluster.pools[0].pricing.kind=reserved", "--set", "cluster.pools[0].pricing.discount=0.3");
        assertEquals(2, term.exitCode());
        assertTrue(term.err().contains(": cluster.pools[0].pricing.term_years: is required"), term.err());
        CliTest.Outcome negative = CliTest.llmsim("run", CliTest.QUICKSTART, "--out", tmp.resolve("c").toString(),
                "--set", "cluster.pools[0].pricing.usd_per_gpu_hour=-2");
        assertEquals(2, negative.exitCode());
        assertTrue(negative.err().contains("cluster.pools[0].pricing.usd_per_gpu_hour: must be >= 0, got -2"),
                negative.err());
        assertFalse(kind.err().contains("Exception") || term.err().contains("Exception"));
    }
}
