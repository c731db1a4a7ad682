package org.llmsim.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.llmsim.metrics.DomainRun;
import org.llmsim.metrics.RunResult;
import org.llmsim.scenario.ArrivalSpec;
import org.llmsim.scenario.FleetPlan;
import org.llmsim.scenario.Scenario;
import org.llmsim.testing.TestScenarios;

/**
 * A fleet's router domains share nothing: each domain runs the same events in the same order whether it has the
 * event list to itself or shares it with every other domain, so a shard's results do not depend on how the fleet is
 * split.
 */
class FleetDomainsTest {
    /** Four domains of two H100s each, 40 req/s for the fleet; one domain autoscales to show clocks stay apart. */
    static final String FLEET = """
            name: fleet-test
            seed: 11
            duration_s: 120
            warmup_s: 10
            workload:
              arrival: {process: poisson, rate_rps: 40}
              input_tokens: {dist: lognormal, mean: 800, stddev: 300, max: 4096}
              output_tokens: {dist: lognormal, mean: 200, stddev: 80, max: 1024}
              slo: {ttft_s: 0.5, tpot_s: 0.05}
            cluster:
              router: {policy: power_of_two}
              pools:
                - {name: main, gpu: h100-sxm, model: llama-3.1-8b, replicas: 2}
            fleet:
              copies: 4
            """;

    @Test
    void domainsGetTheirShareOfTheTrafficAndSeedsOfTheirOwn() {
        Scenario fleet = TestScenarios.load(FLEET);
        FleetPlan plan = fleet.fleet();
        assertEquals(4, plan.size());
        Set<Long> seeds = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            FleetPlan.Domain d = plan.domain(i);
            assertEquals("d0" + (i + 1), d.name());
            assertEquals(0.25, d.share());
            assertEquals(10.0, ((ArrivalSpec.Poisson) d.scenario().spec().workload().arrival()).rateRps(), 1e-12);
            assertEquals(null, d.scenario().spec().fleet());
            assertEquals(FleetPlan.domainSeed(11, d.name()), d.scenario().seed());
            seeds.add(d.scenario().seed());
        }
        assertEquals(4, seeds.size());
        // another fleet seed (a replication) gives every domain another seed
        Scenario rep = fleet.withSeed(12);
        for (int i = 0; i < 4; i++) {
            assertEquals(FleetPlan.domainSeed(12, plan.domain(i).name()), rep.fleet().domain(i).scenario().seed());
            assertNotEquals(plan.domain(i).scenario().seed(), rep.fleet().domain(i).scenario().seed());
        }
    }

    @Test
    void aDomainRunsTheSameAloneAsBesideTheOthers() {
        Scenario fleet = TestScenarios.load(FLEET, "fleet.copies=3",
                "cluster.pools[0].autoscale={min_replicas: 1, max_replicas: 3, target: {metric: queue_length, value: 4}}");
        List<DomainRun> together = Simulation.runDomains(fleet, List.of(0, 1, 2));
        List<DomainRun> apart = new ArrayList<>();
        for (int d = 2; d >= 0; d--) {
            apart.add(0, Simulation.runDomains(fleet, List.of(d)).get(0));
        }
        long arrived = 0;
        for (int d = 0; d < 3; d++) {
            RunResult a = TestScenarios.withoutWallTime(together.get(d).result());
            RunResult b = TestScenarios.withoutWallTime(apart.get(d).result());
            assertEquals(b, a, "domain " + d);
            assertEquals(fleet.fleet().domain(d).name(), together.get(d).domain());
            assertTrue(a.requests().arrived() > 1000, "a domain sees about 40/3 req/s for 120 s");
            arrived += a.requests().arrived();
        }
        // and different seeds give different traffic
        assertNotEquals(together.get(0).result().requests().arrived(), together.get(1).result().requests().arrived());
        assertTrue(arrived > 4000 && arrived < 5600, "the fleet sees about 40 req/s: " + arrived);
    }

    @Test
    void aDomainOfOneIsTheScenarioWithItsSeed() {
        Scenario fleet = TestScenarios.load(FLEET, "fleet.copies=1");
        Scenario single = TestScenarios.load(FLEET, "fleet=null", "seed=" + FleetPlan.domainSeed(11, "d01"));
        RunResult alone = TestScenarios.withoutWallTime(TestScenarios.run(single));
        RunResult domain = TestScenarios.withoutWallTime(Simulation.runDomains(fleet, List.of(0)).get(0).result());
        assertEquals(alone, domain);
    }

    @Test
    void fourShardsMatchTheWholeFleet_countsExactly_percentilesWithinTheHistogramsError() {
        Scenario fleet = TestScenarios.load(FLEET);
        // the whole fleet on one event list, keeping every request
        List<org.llmsim.request.Request> requests = new ArrayList<>();
        RunResult whole = new Simulation(fleet, requests::add).run();
        // four shards of one domain, each on its own event list, merged
        List<DomainRun> domains = new ArrayList<>();
        for (int d = 0; d < 4; d++) {
            domains.addAll(Simulation.runDomains(fleet, List.of(d)));
        }
        RunResult sharded = org.llmsim.metrics.FleetMerge.merge(fleet.name(), fleet.seed(), 4, domains);
        assertEquals(whole.requests(), sharded.requests());
        assertEquals(whole.measured(), sharded.measured());
        assertEquals(whole.cost(), sharded.cost());
        assertEquals(whole.ttft(), sharded.ttft());
        assertEquals(whole.e2e(), sharded.e2e());
        assertEquals(whole.pools(), sharded.pools());
        // against the exact order statistics of every measured completion of the fleet
        double[] ttft = requests.stream()
                .filter(r -> r.status() == org.llmsim.request.RequestStatus.COMPLETED
                        && whole.window().contains(r.arrivalS()))
                .mapToDouble(org.llmsim.request.Request::ttftS).sorted().toArray();
        assertEquals(whole.ttft().count(), ttft.length);
        for (double q : new double[] {0.50, 0.90, 0.99}) {
            double exact = ttft[(int) Math.ceil(q * ttft.length) - 1];
            double merged = sharded.ttft().percentile((int) Math.round(q * 100));
            assertEquals(exact, merged, exact * 1e-3, "p" + Math.round(q * 100));
        }
    }

    @Test
    void domainsSplitATraceRowByRow_everyRowReplayedOnce() {
        // the trace-replay scenario whole, and as a fleet of three unequal domains
        RunResult whole = TestScenarios.run(TestScenarios.loadFile("scenarios/trace-replay.yaml"));
        Scenario fleet = TestScenarios.loadFile("scenarios/trace-replay.yaml", "fleet={domains: [{name: a, share: "
                + "0.5}, {name: b, share: 0.3}, {name: c, share: 0.2}]}");
        List<DomainRun> domains = Simulation.runDomains(fleet, List.of(0, 1, 2));
        long arrived = 0;
        for (int d = 0; d < 3; d++) {
            RunResult r = domains.get(d).result();
            assertEquals(whole.window(), r.window(), "every domain measures the whole trace's window");
            double share = fleet.fleet().domain(d).share();
            assertEquals(share, r.requests().arrived() / (double) whole.requests().arrived(), 0.05,
                    "domain " + d + " replays about its share of the rows");
            arrived += r.requests().arrived();
        }
        assertEquals(whole.requests().arrived(), arrived, "every row of the trace arrives in exactly one domain");
    }
}
