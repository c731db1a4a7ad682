package org.llmsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.llmsim.report.RequestsCsvWriter;

/** A fleet run whole and as shards on the local engine, from the command line. */
class FleetCliTest {
    private static final String FLEET = CliTest.HOME.resolve("scenarios/fleet-global-chat.yaml").toString();
    /** Six domains, two minutes: quick, and six does not divide evenly into four shards. */
    private static final String[] SMALL = {"--set", "fleet.copies=6", "--set", "workload.arrival.rate_rps=120",
            "--set", "duration_s=120", "--set", "warmup_s=10"};

    private static JsonNode run(Path out, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("run", FLEET, "--out", out.toString(), "--no-pdf"));
        args.addAll(Arrays.asList(SMALL));
        args.addAll(Arrays.asList(extra));
        CliTest.Outcome o = CliTest.llmsim(args.toArray(String[]::new));
        assertEquals(0, o.exitCode(), o.err());
        boolean sharded = args.contains("--shards");
        assertEquals(!sharded, Files.exists(out.resolve("requests.csv")), "only a whole fleet writes requests.csv");
        return new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    }

    @Test
    void aWholeFleetsRequestsNameTheirDomain_andReplicasAreNumberedAcrossTheFleet(@TempDir Path tmp)
            throws IOException {
        JsonNode summary = run(tmp.resolve("whole"));
        List<String> rows = Files.readAllLines(tmp.resolve("whole/requests.csv"));
        assertEquals(RequestsCsvWriter.FLEET_HEADER, rows.get(0));
        assertEquals(summary.get("requests").get("arrived").asLong(), rows.size() - 1);
        int replica = Arrays.asList(RequestsCsvWriter.HEADER.split(",")).indexOf("replica");
        for (int d = 1; d <= 6; d++) {
            String domain = "d0" + d;
            int index = d - 1;
            List<String[]> mine = rows.stream().skip(1).map(r -> r.split(",", -1))
                    .filter(c -> c[c.length - 1].equals(domain)).toList();
            long arrived = summary.get("fleet").get("rows").get(index).get("arrived").asLong();
            assertEquals(arrived, mine.size(), domain);
            // domain d's two replicas are the fleet's replicas 2(d-1) and 2(d-1)+1, as in summary.json
            assertTrue(mine.stream().allMatch(c -> c[replica].isEmpty()
                    || Integer.parseInt(c[replica]) / 2 == index), domain);
        }
    }

    /** summary.json without what may differ between the ways of running: wall time and the shard count. */
    private static JsonNode comparable(JsonNode summary) {
        ObjectNode copy = summary.deepCopy();
        ((ObjectNode) copy.get("sim")).remove("wall_s");
        if (copy.has("fleet")) {
            ((ObjectNode) copy.get("fleet")).remove("shards");
        }
        return copy;
    }

    @Test
    void shardsGiveTheResultOfTheWholeFleet(@TempDir Path tmp) throws IOException {
        JsonNode whole = run(tmp.resolve("whole"));
        JsonNode four = run(tmp.resolve("four"), "--shards", "4");
        JsonNode six = run(tmp.resolve("six"), "--shards", "6", "--engine", "local");
        assertEquals(comparable(whole), comparable(four));
        assertEquals(comparable(whole), comparable(six));
        long arrived = whole.get("requests").get("arrived").asLong();
        assertTrue(arrived > 12_000 && arrived < 16_800, "about 120 req/s for 120 s: " + arrived);
        assertEquals(6 * 2, whole.get("pools").get(0).get("replicas").asInt(), "six domains of two replicas");
    }

    @Test
    void replicationsOfShardedFleets(@TempDir Path tmp) throws IOException {
        JsonNode whole = run(tmp.resolve("whole"), "--replications", "2");
        JsonNode sharded = run(tmp.resolve("sharded"), "--replications", "2", "--shards", "3");
        assertEquals(comparable(whole).get("replications"), comparable(sharded).get("replications"));
        assertTrue(Files.exists(tmp.resolve("sharded/replications.csv")));
    }

    @Test
    void badShardAndEngineOptionsAreInputErrors(@TempDir Path tmp) {
        CliTest.Outcome notFleet = CliTest.llmsim("run", CliTest.HOME.resolve("scenarios/quickstart.yaml").toString(),
                "--out", tmp.resolve("a").toString(), "--shards", "2");
        assertEquals(2, notFleet.exitCode());
        assertTrue(notFleet.err().contains("--shards splits a fleet's router domains"), notFleet.err());
        CliTest.Outcome tooMany = CliTest.llmsim("run", FLEET, "--out", tmp.resolve("b").toString(), "--shards",
                "17");
        assertEquals(2, tooMany.exitCode());
        assertTrue(tooMany.err().contains("--shards must be between 1 and the fleet's 16 domains, got 17"),
                tooMany.err());
        CliTest.Outcome engine = CliTest.llmsim("run", FLEET, "--out", tmp.resolve("c").toString(), "--engine",
                "flink");
        assertEquals(2, engine.exitCode());
        assertTrue(engine.err().contains("--engine: no engine named 'flink' here; available: local"), engine.err());
        CliTest.Outcome master = CliTest.llmsim("sweep", FLEET, "--vary", "seed=1,2", "--out",
                tmp.resolve("d").toString(), "--master", "local[2]");
        assertEquals(2, master.exitCode());
        assertTrue(master.err().contains("--master is for a cluster engine"), master.err());
        assertFalse(Files.exists(tmp.resolve("b")), "nothing is written when the options are wrong");
    }

    @Test
    void validate_describesEveryDomain() {
        CliTest.Outcome o = CliTest.llmsim("validate", CliTest.HOME.resolve("scenarios/fleet-regions.yaml").toString());
        assertEquals(0, o.exitCode(), o.err());
        assertTrue(o.out().contains("  fleet: 3 router domains, 10 GPUs in all"), o.out());
        assertTrue(o.out().contains("    domain eu-west: 30.0% of the traffic, seed "), o.out());
        assertTrue(o.out().contains("h100 3 x h100-sxm"), o.out());
        assertTrue(o.out().contains("    domain ap-south: 20.0% of the traffic, seed "), o.out());
        assertTrue(o.out().contains("l40s 3 x l40s"), o.out());
    }
}
