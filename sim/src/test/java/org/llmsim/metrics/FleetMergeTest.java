package org.llmsim.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.llmsim.testing.TestScenarios;

class FleetMergeTest {

    private static RunResult quickstart(long seed) {
        return TestScenarios.run(TestScenarios.loadFile("scenarios/quickstart.yaml", "duration_s=120", "warmup_s=20",
                "seed=" + seed));
    }

    private static List<DomainRun> domains(RunResult... results) {
        List<DomainRun> out = new ArrayList<>();
        for (int i = 0; i < results.length; i++) {
            out.add(new DomainRun("d" + i, 1.0 / results.length, results[i]));
        }
        return out;
    }

    private static void assertMergeOfOneIsItself(RunResult r) {
        RunResult merged = FleetMerge.merge(r.scenario(), r.seed(), 1, domains(r));
        assertEquals(1, FleetResult.of(merged).domains());
        assertEquals(1, FleetResult.of(merged).rows().size());
        // every figure, percentile, pool, replica, class, time series and elastic figure is the domain's own
        assertEquals(r.with(FleetResult.of(merged)), merged);
        assertEquals(r.timeSeries(), merged.timeSeries());
        assertEquals(r.pools(), merged.pools());
        assertArrayEquals(r.e2e().cdf(), merged.e2e().cdf());
    }

    @Test
    void mergeOfOneDomain_equalsItsOwnResult_plain_classes_pools_faults_autoscaling() {
        assertMergeOfOneIsItself(quickstart(42));
        assertMergeOfOneIsItself(TestScenarios.run(TestScenarios.loadFile("scenarios/multi-tenant.yaml",
                "duration_s=240", "warmup_s=30")));
        assertMergeOfOneIsItself(TestScenarios.run(TestScenarios.loadFile("scenarios/mixed-fleet.yaml",
                "duration_s=90", "warmup_s=10")));
        assertMergeOfOneIsItself(TestScenarios.run(TestScenarios.loadFile("scenarios/replica-crash.yaml",
                "duration_s=200", "warmup_s=20", "faults[0].at_s=100")));
        assertMergeOfOneIsItself(TestScenarios.run(TestScenarios.loadFile("scenarios/diurnal-autoscale.yaml",
                "duration_s=1200", "workload.arrival.peak_hour=0")));
    }

    @Test
    void mergeOfThreeDomains_sumsCounts_recomputesRates_andMergesLatencies() {
        // given three domains of the quickstart cluster under different seeds
        RunResult a = quickstart(1);
        RunResult b = quickstart(2);
        RunResult c = quickstart(3);
        List<RunResult> rs = List.of(a, b, c);
        // when they are merged
        RunResult f = FleetMerge.merge("fleet", 7, 2, domains(a, b, c));
        // then counts are sums
        assertEquals(a.requests().arrived() + b.requests().arrived() + c.requests().arrived(), f.requests().arrived());
        assertEquals(a.measured().completed() + b.measured().completed() + c.measured().completed(),
                f.measured().completed());
        assertEquals(rs.stream().mapToLong(r -> r.sim().events()).sum(), f.sim().events());
        // rates are the counts behind them over the shared window
        double windowS = a.window().lengthS();
        double completedInWindow = rs.stream().mapToLong(r -> Math.round(r.throughput().requestsPerS() * windowS))
                .sum();
        assertEquals(completedInWindow / windowS, f.throughput().requestsPerS());
        assertEquals(a.throughput().requestsPerS() + b.throughput().requestsPerS() + c.throughput().requestsPerS(),
                f.throughput().requestsPerS(), 1e-9);
        // SLO attainment is good over measured, as the collector counts them
        long good = rs.stream().mapToLong(r -> r.measured().good()).sum();
        long measured = rs.stream().mapToLong(r -> r.requests().measured()).sum();
        assertEquals((double) good / measured, f.slo().attainment());
        // dollars and rates add up; per-request cost from the summed rate
        assertEquals(a.cost().usdPerHour() * 3, f.cost().usdPerHour(), 1e-9);
        assertEquals(f.cost().usdPerHour() / 3600 / f.throughput().requestsPerS(), f.cost().usdPerRequest(), 1e-15);
        assertEquals(a.cost().gpuUsd() + b.cost().gpuUsd() + c.cost().gpuUsd(), f.cost().gpuUsd(), 1e-9);
        // latencies are the merged histograms
        assertEquals(LatencyStats.merge(List.of(a.ttft(), b.ttft(), c.ttft())), f.ttft());
        assertEquals(a.ttft().count() + b.ttft().count() + c.ttft().count(), f.ttft().count());
        // one pool with every replica, renumbered globally
        assertEquals(1, f.pools().size());
        assertEquals(a.pools().get(0).replicas() * 3, f.pools().get(0).replicas());
        assertEquals(a.replicas().size() * 3, f.replicas().size());
        for (int i = 0; i < f.replicas().size(); i++) {
            assertEquals(i, f.replicas().get(i).index());
        }
        // utilization weighted by replica-seconds (equal here: a plain mean)
        double busy = rs.stream().mapToDouble(r -> r.utilization().busyFraction()).average().orElseThrow();
        assertEquals(busy, f.utilization().busyFraction(), 1e-12);
        // the time series sums the domains' replicas at every instant
        RunResult.Sample first = f.timeSeries().samples().get(0);
        assertEquals(a.timeSeries().samples().get(0).replicas() * 3, first.replicas());
        int longest = rs.stream().mapToInt(r -> r.timeSeries().samples().size()).max().orElseThrow();
        assertEquals(longest, f.timeSeries().samples().size());
        // and the fleet block lists the domains in order, without wall time
        assertEquals(3, FleetResult.of(f).domains());
        assertEquals(2, FleetResult.of(f).shards());
        assertEquals("d1", FleetResult.of(f).rows().get(1).name());
        assertEquals(b.requests().arrived(), FleetResult.of(f).rows().get(1).arrived());
        assertEquals(b.ttft().p99(), FleetResult.of(f).rows().get(1).ttftP99S());
    }

    @Test
    void mergeOrder_doesNotChangeCountsRatesOrPercentiles() {
        RunResult a = quickstart(1);
        RunResult b = quickstart(2);
        RunResult c = TestScenarios.run(TestScenarios.loadFile("scenarios/quickstart.yaml", "duration_s=120",
                "warmup_s=20", "seed=3", "workload.arrival.rate_rps=20"));
        RunResult f1 = FleetMerge.merge("fleet", 1, 3, domains(a, b, c));
        RunResult f2 = FleetMerge.merge("fleet", 1, 3, domains(c, a, b));
        assertEquals(f1.requests(), f2.requests());
        assertEquals(f1.throughput(), f2.throughput());
        assertEquals(f1.slo(), f2.slo());
        assertEquals(f1.measured(), f2.measured());
        assertEquals(PreemptionResult.of(f1), PreemptionResult.of(f2));
        assertEquals(f1.ttft().p99(), f2.ttft().p99());
        assertArrayEquals(f1.e2e().cdf(), f2.e2e().cdf());
        assertEquals(f1.e2e().mean(), f2.e2e().mean(), 1e-12 * f1.e2e().mean());
        assertEquals(f1.cost().usdPerHour(), f2.cost().usdPerHour(), 1e-9);
        assertEquals(f1.classes().get(0).requests(), f2.classes().get(0).requests());
    }

    @Test
    void merge_refusesPoolsConfiguredDifferently_andApplicationLayers() {
        RunResult h100 = quickstart(1);
        RunResult l40s = TestScenarios.run(TestScenarios.loadFile("scenarios/quickstart-l40s.yaml", "duration_s=120",
                "warmup_s=20", "seed=1", "name=quickstart"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FleetMerge.merge("fleet", 1, 1, domains(h100, l40s)));
        assertTrue(e.getMessage().contains("pool main") && e.getMessage().contains("d0")
                && e.getMessage().contains("d1"), e.getMessage());

        RunResult app = TestScenarios.run(TestScenarios.loadFile("scenarios/support-bot-stack.yaml", "duration_s=300",
                "warmup_s=30"));
        assertThrows(IllegalArgumentException.class, () -> FleetMerge.merge("fleet", 1, 1, domains(app)));
    }

    @Test
    void everySectionKind_mergesBySummingItsRawCounts_absentOnesReadEmpty() {
        // given two domains, the first with speculative passes and KV transfers, the second with other ones and a
        // third domain with neither (the sections stand in for disaggregated, speculative pools)
        RunResult a = quickstart(1).with(new SpeculativeResult(10, 30, 40, 0.1, 1.0))
                .with(new KvTransferResult(2, 10, 0.3, 0.2));
        RunResult b = quickstart(2).with(new SpeculativeResult(30, 60, 120, 0.5, 2.0))
                .with(new KvTransferResult(1, 5, 0.6, 0.6));
        RunResult c = quickstart(3);
        // when they are merged
        RunResult f = FleetMerge.merge("fleet", 1, 1, domains(a, b, c));
        // then each section is the sum of the domains' raw counts, and its ratios those of the sums
        assertEquals(new SpeculativeResult(40, 90, 160, 0.6, 3.0), SpeculativeResult.of(f));
        assertEquals(90.0 / 40, SpeculativeResult.of(f).tokensPerStep());
        assertEquals(new KvTransferResult(3, 15, 0.3 + 0.6, 0.6), KvTransferResult.of(f));
        List<RunResult> rs = List.of(a, b, c);
        PrefixCacheResult pc = PrefixCacheResult.of(f);
        assertEquals(rs.stream().mapToLong(r -> PrefixCacheResult.of(r).queriedTokens()).sum(), pc.queriedTokens());
        assertEquals(rs.stream().mapToLong(r -> PrefixCacheResult.of(r).hitTokens()).sum(), pc.hitTokens());
        assertEquals(rs.stream().mapToLong(r -> PreemptionResult.of(r).total()).sum(), PreemptionResult.of(f).total());
        assertEquals(rs.stream().mapToLong(r -> ItlResult.of(r).latency().count()).sum(),
                ItlResult.of(f).latency().count());
        // and the core keeps the counts behind its rates
        assertEquals(rs.stream().mapToLong(r -> r.throughput().completed()).sum(), f.throughput().completed());
        assertEquals(rs.stream().mapToLong(r -> r.slo().goodInWindow()).sum(), f.slo().goodInWindow());
        assertEquals(rs.stream().mapToLong(r -> r.timeSeries().samples().get(0).arrivals()).sum(),
                f.timeSeries().samples().get(0).arrivals());
    }

    @Test
    void aFleetsResult_isNotADomainOfAnotherFleet() {
        RunResult fleet = FleetMerge.merge("fleet", 1, 1, domains(quickstart(1)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FleetMerge.merge("fleets", 1, 1, domains(fleet)));
        assertTrue(e.getMessage().contains("another fleet"), e.getMessage());
    }

    @Test
    void mergedResult_survivesJavaSerialization() {
        RunResult f = FleetMerge.merge("fleet", 1, 2, domains(quickstart(1), quickstart(2)));
        RunResult copy = RunResultSerializationTest.roundTrip(f);
        assertEquals(f, copy);
        assertArrayEquals(f.ttft().histogram(), copy.ttft().histogram());
    }
}
