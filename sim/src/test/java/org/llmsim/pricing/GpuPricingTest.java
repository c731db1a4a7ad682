package org.llmsim.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.llmsim.metrics.AppResult;
import org.llmsim.metrics.ElasticResult;
import org.llmsim.metrics.ElasticResult.ReplicaEvent;
import org.llmsim.metrics.EnergyResult;
import org.llmsim.metrics.RunResult;
import org.llmsim.scenario.Scenario;
import org.llmsim.testing.TestScenarios;

/**
 * How a pool's GPUs are paid for: each kind's bill against arithmetic done by hand from the prices written in the
 * scenario or the catalog entry, and spot interruptions through the replica-fault machinery.
 */
class GpuPricingTest {
    private static final double TOL = 1e-9;

    /** Llama-3.1-8B at 10 req/s for 120 s on {@code replicas} x {@code tp} H100s, paid as {@code pricing} says. */
    private static String yaml(int replicas, int tp, String pricing) {
        return yaml("h100-sxm", 10, replicas, tp, pricing);
    }

    /** The same on {@code gpu} at {@code rps} requests per second. */
    private static String yaml(String gpu, double rps, int replicas, int tp, String pricing) {
        return """
                name: pricing
                seed: 11
                duration_s: 120
                warmup_s: 20
                workload:
                  arrival: {process: poisson, rate_rps: %s}
                  input_tokens: {dist: lognormal, mean: 800, stddev: 300, max: 4096}
                  output_tokens: {dist: lognormal, mean: 200, stddev: 80, max: 1024}
                cluster:
                  pools:
                    - name: main
                      gpu: %s
                      model: llama-3.1-8b
                      replicas: %d
                      tensor_parallel: %d
                %s""".formatted(rps, gpu, replicas, tp, pricing.isEmpty() ? "" : "      pricing: " + pricing + "\n");
    }

    private static Map<String, Double> byKind(RunResult r) {
        return AppResult.of(r).breakdown().by(AppResult.CostEntry::kind);
    }

    private static double spanH(RunResult r) {
        return r.sim().simulatedS() / 3600.0;
    }

    @Test
    void onDemand_isTheGpuProfilesPrice_andAnOfferReplacesIt() {
        Scenario plain = TestScenarios.load(yaml(2, 1, ""));
        double profilePrice = plain.pools().get(0).hardware().gpu().priceUsdPerHour();
        RunResult r = TestScenarios.run(plain);
        // 2 replicas x 1 GPU x the run's hours x the profile's price, all of it gpu_time
        assertEquals(2 * spanH(r) * profilePrice, r.cost().gpuUsd(), TOL);
        assertEquals(Map.of(AppResult.GPU_TIME, r.cost().gpuUsd()).keySet(), byKind(r).keySet());
        assertEquals(2 * profilePrice, r.cost().usdPerHour(), TOL);

        // aws-p5-48xlarge: $55.04 an hour for 8 GPUs = $6.88 per GPU-hour
        RunResult p5 = TestScenarios.run(TestScenarios.load(yaml(2, 1, "{kind: on_demand, offer: aws-p5-48xlarge}")));
        assertEquals(2 * spanH(p5) * 55.04 / 8, p5.cost().gpuUsd(), TOL);
        assertEquals(2 * 55.04 / 8, p5.cost().usdPerHour(), TOL);
        assertNotEquals(profilePrice, 55.04 / 8);
    }

    @Test
    void reserved_billsTheCommittedReplicasAroundTheClock_andTheRestOnDemand() {
        // 3 replicas, 2 of them committed at $2.00 per GPU-hour; the third on demand at the profile's price
        Scenario s = TestScenarios.load(yaml(3, 1,
                "{kind: reserved, term_years: 1, committed_replicas: 2, usd_per_gpu_hour: 2.0}"));
        double onDemand = s.pools().get(0).hardware().gpu().priceUsdPerHour();
        RunResult r = TestScenarios.run(s);
        Map<String, Double> kinds = byKind(r);
        assertEquals(2 * 1 * spanH(r) * 2.0, kinds.get(AppResult.COMMITMENT), TOL);
        assertEquals(1 * 1 * spanH(r) * onDemand, kinds.get(AppResult.GPU_TIME), TOL);
        assertEquals(2 * 2.0 + onDemand, r.cost().usdPerHour(), TOL);
        assertEquals(r.cost().gpuUsd(), kinds.get(AppResult.COMMITMENT) + kinds.get(AppResult.GPU_TIME), TOL);
    }

    @Test
    void reserved_fromTheCatalog_overADay_isCommittedReplicasTimesGpusTimesHoursTimesPrice() {
        // gcp-a3-highgpu-8g-us-central1: 1-year CUD $61.38 and on demand $88.49 per 8-GPU hour
        double committed = 61.38 / 8;
        double onDemand = 88.49 / 8;
        Scenario s = TestScenarios.load(yaml(2, 8,
                "{kind: reserved, offer: gcp-a3-highgpu-8g-us-central1, term_years: 1}"));
        PoolPricing p = s.pools().get(0).pricing();
        assertEquals(2, p.committedReplicas(), "committed_replicas defaults to the pool's replicas");
        assertEquals(committed, p.committedUsdPerGpuHour(), TOL);
        // a day in which a third replica ran 5 hours on top of the 2 committed
        PoolBill day = p.bill(new PoolPricing.Usage(24, 8, 3, 2 * 24 + 5, 5), 0);
        assertEquals(2 * 8 * 24 * committed, day.commitment(), TOL);
        assertEquals(5 * 8 * onDemand, day.gpuTime(), TOL);
        // a day in which only one replica was up: the commitment is paid in full all the same
        PoolBill idle = p.bill(new PoolPricing.Usage(24, 8, 3, 24, 0), 0);
        assertEquals(2 * 8 * 24 * committed, idle.total(), TOL);
    }

    @Test
    void reserved_autoscaled_paysOnDemandOnlyForTheReplicasBeyondTheCommitment() {
        String autoscaled = yaml(1, 1, "{kind: reserved, term_years: 3, committed_replicas: 1, discount: 0.5}")
                .replace("rate_rps: 10", "rate_rps: 40")
                .replace("      replicas: 1\n", "      replicas: 1\n      autoscale: {min_replicas: 1, max_replicas: 4, "
                        + "target: {metric: concurrency, value: 8}, interval_s: 5, cold_start_s: 10, "
                        + "scale_down_delay_s: 10}\n");
        Scenario s = TestScenarios.load(autoscaled);
        double onDemand = s.pools().get(0).hardware().gpu().priceUsdPerHour();
        RunResult r = TestScenarios.run(s);
        // the replicas beyond the first, integrated by hand over the pool's replica events
        double excessS = 0;
        double lastS = 0;
        int provisioned = 1;
        for (ReplicaEvent e : ElasticResult.of(r).events()) {
            excessS += Math.max(0, provisioned - 1) * (e.timeS() - lastS);
            lastS = e.timeS();
            provisioned = e.provisioned();
        }
        excessS += Math.max(0, provisioned - 1) * (r.sim().simulatedS() - lastS);
        assertTrue(excessS > 0, "the pool should scale up at 40 req/s");
        Map<String, Double> kinds = byKind(r);
        assertEquals(1 * spanH(r) * onDemand * 0.5, kinds.get(AppResult.COMMITMENT), TOL);
        assertEquals(excessS / 3600 * onDemand, kinds.get(AppResult.GPU_TIME), 1e-7);
    }

    private static final String OWNED_BY_HAND = "{kind: owned, purchase_usd_per_server: 300000, "
            + "gpus_per_server: 8, life_years: 4, hosting_usd_per_kw_month: 200, electricity_usd_per_kwh: 0.10, "
            + "pue: 1.5, power_kw_per_server: 10, ops_usd_per_server_month: 1000, energy_load_factor: 0.5}";

    /** IT kWh (GPUs and hosts, before PUE) per provisioned GPU-hour of pool main inside the window. */
    private static double measuredKwhPerGpuHour(RunResult r, int gpus) {
        EnergyResult.Row main = EnergyResult.of(r).pool("main");
        return (main.gpuJ() + main.hostJ()) / 3.6e6 / (gpus * r.window().lengthS() / 3600.0);
    }

    @Test
    void owned_isAmortizationPlusHostingPlusEnergyPlusOperations() {
        // 2 replicas x 4 GPUs = one 8-GPU server bought for $300,000 over 4 years, 10 kW rated, hosting $200 per kW
        // and month, $0.10 per kWh at PUE 1.5, operations $1,000 a month; the H100s have power figures, so the
        // electricity is the power model's GPU + host energy per provisioned GPU-hour, times PUE and price
        RunResult r = TestScenarios.run(TestScenarios.load(yaml(2, 4, OWNED_BY_HAND)));
        double h = spanH(r);
        Map<String, Double> kinds = byKind(r);
        assertEquals(300_000 * h / (4 * 8760), kinds.get(AppResult.AMORTIZATION), TOL);
        assertEquals(10 * 200 * h / 730, kinds.get(AppResult.HOSTING), TOL);
        double kwhPerGpuHour = measuredKwhPerGpuHour(r, 8);
        assertEquals(8 * h * kwhPerGpuHour * 1.5 * 0.10, kinds.get(AppResult.ENERGY), 1e-9);
        assertEquals(1000 * h / 730, kinds.get(AppResult.OPERATIONS), TOL);
        assertFalse(kinds.containsKey(AppResult.GPU_TIME));
        double perHour = 300_000 / (4 * 8760.0) + 10 * 200 / 730.0 + 8 * kwhPerGpuHour * 1.5 * 0.10 + 1000 / 730.0;
        assertEquals(perHour, r.cost().usdPerHour(), 1e-9);
    }

    @Test
    void owned_electricityFollowsTheLoad_whereTheGpuHasPowerFigures() {
        RunResult idle = TestScenarios.run(TestScenarios.load(yaml("h100-sxm", 0.5, 2, 4, OWNED_BY_HAND)));
        RunResult busy = TestScenarios.run(TestScenarios.load(yaml("h100-sxm", 40, 2, 4, OWNED_BY_HAND)));
        double idleKw = measuredKwhPerGpuHour(idle, 8) * 8;
        double busyKw = measuredKwhPerGpuHour(busy, 8) * 8;
        // by hand, the floor: 8 idle H100s at 88 W plus one server's 2,000 W of host = 2.704 kW
        assertTrue(idleKw >= 2.704 - 1e-9 && idleKw < 3.5, "idle fleet draws " + idleKw + " kW");
        assertTrue(busyKw > idleKw * 1.2, "busy " + busyKw + " kW against idle " + idleKw);
        double idleEnergyPerHour = idleKw * 1.5 * 0.10;
        double busyEnergyPerHour = busyKw * 1.5 * 0.10;
        double fixedPerHour = 300_000 / (4 * 8760.0) + 10 * 200 / 730.0 + 1000 / 730.0;
        assertEquals(fixedPerHour + idleEnergyPerHour, idle.cost().usdPerHour(), 1e-9);
        assertEquals(fixedPerHour + busyEnergyPerHour, busy.cost().usdPerHour(), 1e-9);
    }

    @Test
    void owned_withoutPowerFigures_keepsTheRatedPowerFallback() {
        // an A10G profile gives no tdp_w: every provisioned server draws energy_load_factor of its rated power
        RunResult r = TestScenarios.run(TestScenarios.load(yaml("a10g", 1, 2, 4, OWNED_BY_HAND)));
        double h = spanH(r);
        assertEquals(1 * h * 10 * 0.5 * 1.5 * 0.10, byKind(r).get(AppResult.ENERGY), TOL);
    }

    @Test
    void owned_fromTheCatalog_takesThePurchasePriceAndRatedPowerOfTheServer() {
        // owned-dgx-h100: $375,000, 10.2 kW; 3 replicas of 4 GPUs need 2 servers; defaults: 5 years, PUE 1.58,
        // no hosting or operations
        RunResult r = TestScenarios.run(TestScenarios.load(yaml(3, 4,
                "{kind: owned, offer: owned-dgx-h100, electricity_usd_per_kwh: 0.09}")));
        double h = spanH(r);
        Map<String, Double> kinds = byKind(r);
        assertEquals(2 * 375_000 * h / (5 * 8760), kinds.get(AppResult.AMORTIZATION), TOL);
        // energy follows the provisioned GPUs (12 of the 16) at the measured draw per GPU-hour
        assertEquals(12 * h * measuredKwhPerGpuHour(r, 12) * 1.58 * 0.09, kinds.get(AppResult.ENERGY), 1e-9);
        assertFalse(kinds.containsKey(AppResult.HOSTING));
    }

    private static RunResult spot(double interruptionsPerHour, long seed) {
        return TestScenarios.run(TestScenarios.load(yaml(3, 1, "{kind: spot, offer: crusoe-h100-sxm, "
                + "interruptions_per_hour: " + interruptionsPerHour + ", notice_s: 30}"), "seed=" + seed));
    }

    @Test
    void spot_billsTheSpotPrice_andItsInterruptionsAreDeterministicRetriedCrashes() {
        RunResult calm = spot(0, 11);
        RunResult stormy = spot(60, 11);
        // crusoe-h100-sxm: $1.60 per GPU-hour on spot
        assertEquals(3 * spanH(stormy) * 1.60, stormy.cost().gpuUsd(), TOL);
        assertEquals(3 * 1.60, stormy.cost().usdPerHour(), TOL);
        assertEquals(ElasticResult.NONE, ElasticResult.of(calm));

        ElasticResult.PoolElastic pool = ElasticResult.of(stormy).pools().get(0);
        List<ReplicaEvent> reclaims = ElasticResult.of(stormy).events().stream()
                .filter(e -> e.event().equals(ReplicaEvent.CRASH)).toList();
        assertTrue(pool.crashes() >= 2, "crashes " + pool.crashes());
        assertEquals(pool.crashes(), reclaims.size());
        assertTrue(reclaims.get(0).reason().contains("spot interruption after 30 s notice"), reclaims.get(0).reason());
        assertTrue(pool.requestsRetried() > 0);
        // nothing is lost: every arrival is accounted for, and nothing failed
        RunResult.RequestCounts q = stormy.requests();
        assertEquals(0, q.failed());
        assertEquals(q.arrived(), q.completed() + q.failed() + q.rejected() + q.unfinished());
        // the same seed draws the same interruptions; the slowdown shows in the tail latency
        assertEquals(TestScenarios.withoutWallTime(stormy), TestScenarios.withoutWallTime(spot(60, 11)));
        assertTrue(stormy.ttft().p99() > calm.ttft().p99());
    }

    @Test
    void spot_replacementServesTheColdStartLessTheNoticeAfterTheReclaim() {
        RunResult r = spot(60, 11);
        double coldStartS = ElasticResult.of(r).pools().get(0).coldStartS();
        List<ReplicaEvent> events = ElasticResult.of(r).events();
        ReplicaEvent crash = events.stream().filter(e -> e.event().equals(ReplicaEvent.CRASH)).findFirst()
                .orElseThrow();
        ReplicaEvent back = events.stream().filter(e -> e.event().equals(ReplicaEvent.RECOVERED)
                && e.replica() == crash.replica() && e.timeS() >= crash.timeS()).findFirst().orElseThrow();
        assertEquals(Math.max(0, coldStartS - 30), back.timeS() - crash.timeS(), 1e-6);
    }
}
