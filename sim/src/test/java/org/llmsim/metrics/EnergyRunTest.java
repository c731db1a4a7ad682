package org.llmsim.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.llmsim.hardware.GpuProfile;
import org.llmsim.scenario.InputError;
import org.llmsim.scenario.InputException;
import org.llmsim.scenario.ProfileCatalog;
import org.llmsim.scenario.Scenario;
import org.llmsim.testing.TestScenarios;

/**
 * A run's energy: the GPUs' between their idle floor and their board-power ceiling over the time they were
 * provisioned, the facility's the GPUs and hosts times the PUE, the CO2 the facility's kWh times the grid's intensity.
 */
class EnergyRunTest {
    private static final String WORKLOAD = """
            arrival: {process: poisson, rate_rps: %s}
            input_tokens: {dist: lognormal, mean: 800, stddev: 400, max: 4096}
            output_tokens: {dist: lognormal, mean: 200, stddev: 100, max: 1024}
            """;

    private static Scenario scenario(double rps, String pool, String... overrides) {
        return TestScenarios.load(TestScenarios.scenario(WORKLOAD.formatted(rps), pool, 300, 30), overrides);
    }

    private static final String H100_X2 = "{name: main, gpu: h100-sxm, model: llama-3.1-8b, replicas: 2}";

    @Test
    void gpuEnergy_liesBetweenTheIdleFloorAndTheBoardPowerCeiling() {
        List<Scenario> scenarios = List.of(
                scenario(0.2, H100_X2),
                scenario(40, H100_X2),
                scenario(5, "{name: main, gpu: a100-80gb, model: llama-3.1-70b, replicas: 1, tensor_parallel: 4}"),
                scenario(8, "{name: main, gpu: l40s, model: llama-3.1-8b, replicas: 1, autoscale: {min_replicas: 1, "
                        + "max_replicas: 4, target: {metric: concurrency, value: 8}, interval_s: 15, "
                        + "scale_down_delay_s: 30, cold_start_s: 20}}"),
                scenario(20, "{name: main, gpu: mi300x, model: mixtral-8x7b, replicas: 1}"));
        for (Scenario s : scenarios) {
            RunResult r = TestScenarios.run(s);
            EnergyResult e = EnergyResult.of(r);
            for (RunResult.PoolResult p : r.pools()) {
                GpuProfile gpu = s.pools().get(0).hardware().gpu();
                int gpus = s.pools().get(0).hardware().gpus();
                double gpuSeconds = gpus * p.utilization().replicaS();
                EnergyResult.Row row = e.pool(p.name());
                String what = p.gpu() + " at " + r.throughput().requestsPerS() + " req/s: " + row;
                assertTrue(gpuSeconds > 0, what);
                assertTrue(row.gpuJ() >= gpu.idleWOrDefault() * gpuSeconds * (1 - 1e-9), what);
                assertTrue(row.gpuJ() <= gpu.tdpW() * gpuSeconds * (1 + 1e-9), what);
                // the passes draw more than idle: a run that served requests lies strictly above the floor
                assertTrue(row.gpuJ() > gpu.idleWOrDefault() * gpuSeconds * 1.01, what);
            }
        }
    }

    @Test
    void aBusierFleet_drawsMorePower_butLessPerToken() {
        EnergyResult light = EnergyResult.of(TestScenarios.run(scenario(2, H100_X2)));
        EnergyResult heavy = EnergyResult.of(TestScenarios.run(scenario(30, H100_X2)));
        assertTrue(heavy.total().meanGpuPowerW(heavy.windowS()) > light.total().meanGpuPowerW(light.windowS()));
        assertTrue(heavy.total().joulesPerOutputToken() < light.total().joulesPerOutputToken());
    }

    @Test
    void facilityEnergy_isGpusAndHostsTimesThePue_andCo2TheFacilityKwhTimesTheIntensity() {
        Scenario s = scenario(10, H100_X2, "economics.energy.pue=1.25", "economics.energy.host_w_per_server=1600",
                "economics.energy.carbon_g_per_kwh=400");
        RunResult r = TestScenarios.run(s);
        EnergyResult.Row t = EnergyResult.of(r).total();
        double windowS = EnergyResult.of(r).windowS();
        // host: 1,600 W per 8-GPU server is 200 W per GPU, over 2 GPUs for the whole window
        assertEquals(200.0 * 2 * windowS, t.hostJ(), 1e-6);
        assertEquals((t.gpuJ() + t.hostJ()) * 1.25, t.facilityJ(), 1e-6);
        assertEquals(t.facilityKwh() * 400 / 1000, t.co2Kg(), 1e-12);
        // the PUE scales the facility and nothing else
        RunResult unity = TestScenarios.run(scenario(10, H100_X2, "economics.energy.pue=1.0",
                "economics.energy.host_w_per_server=1600", "economics.energy.carbon_g_per_kwh=400"));
        EnergyResult.Row u = EnergyResult.of(unity).total();
        assertEquals(t.gpuJ(), u.gpuJ(), 1e-9);
        assertEquals(t.facilityJ() / 1.25, u.facilityJ(), 1e-6);
    }

    @Test
    void aRegion_setsTheGridIntensityFromTheTable_andWithoutOneThereIsNoCo2() {
        RunResult r = TestScenarios.run(scenario(5, H100_X2, "economics.energy.region=us-east-1"));
        EnergyResult.Row t = EnergyResult.of(r).total();
        assertEquals(t.facilityKwh() * 379.1 / 1000, t.co2Kg(), 1e-12);
        assertTrue(Double.isNaN(EnergyResult.of(TestScenarios.run(scenario(5, H100_X2))).total().co2Kg()));
    }

    @Test
    void aPoolsOwnSettings_overrideTheScenariosFieldByField() {
        String twoPools = "name: test\nseed: 7\nduration_s: 300\nwarmup_s: 30\nworkload:\n"
                + WORKLOAD.formatted(6).indent(2)
                + "cluster:\n  pools:\n"
                + "    - {name: here, gpu: h100-sxm, model: llama-3.1-8b, replicas: 1}\n"
                + "    - {name: north, gpu: h100-sxm, model: llama-3.1-8b, replicas: 1,"
                + " energy: {region: europe-north1, pue: 1.1}}\n"
                + "economics:\n  energy: {region: us-east-1, pue: 1.5}\n";
        EnergyResult e = EnergyResult.of(TestScenarios.run(TestScenarios.load(twoPools)));
        EnergyResult.Row here = e.pool("here");
        EnergyResult.Row north = e.pool("north");
        assertEquals((here.gpuJ() + here.hostJ()) * 1.5, here.facilityJ(), 1e-6);
        assertEquals(here.facilityKwh() * 379.1 / 1000, here.co2Kg(), 1e-12);
        assertEquals((north.gpuJ() + north.hostJ()) * 1.1, north.facilityJ(), 1e-6);
        assertEquals(north.facilityKwh() * 39 / 1000, north.co2Kg(), 1e-12);
        assertEquals(here.co2G() + north.co2G(), e.total().co2G(), 1e-9);
        InputException bad = assertThrows(InputException.class, () -> TestScenarios.load(
                twoPools.replace("europe-north1", "atlantis")));
        assertEquals("cluster.pools[1].energy.region", bad.errors().get(0).path());
    }

    @Test
    void classes_shareTheFleetsEnergy() {
        RunResult r = TestScenarios.run(scenario(10, H100_X2));
        EnergyResult e = EnergyResult.of(r);
        double sum = e.classes().stream().mapToDouble(EnergyResult.Row::gpuJ).sum();
        assertEquals(e.total().gpuJ(), sum, 1e-6 * sum);
        assertEquals(e.total().gpuJ(), e.pool("main").gpuJ(), 0);
    }

    @Test
    void badEnergySettings_areInputErrorsNamingTheField() {
        InputException pue = assertThrows(InputException.class,
                () -> scenario(1, H100_X2, "economics.energy.pue=0.9"));
        assertEquals("economics.energy.pue", pue.errors().get(0).path());
        assertTrue(pue.errors().get(0).message().contains("at least 1"), pue.getMessage());
        InputException region = assertThrows(InputException.class,
                () -> scenario(1, H100_X2, "economics.energy.region=mars-north-1"));
        assertEquals("economics.energy.region", region.errors().get(0).path());
        assertTrue(region.errors().get(0).message().contains("us-east-1"), region.getMessage());
    }

    @Test
    void aGpuProfileWhoseIdlePowerExceedsItsBoardPower_isAnInputErrorNamingFileAndField(@TempDir Path dir)
            throws IOException {
        Path gpus = Files.createDirectories(dir.resolve("gpus"));
        String h100 = Files.readString(TestScenarios.home().resolve("gpu-profiles/gpus/h100-sxm.yaml"));
        Files.writeString(gpus.resolve("hot.yaml"), h100.replace("id: h100-sxm", "id: hot")
                .replace("idle_w: 88", "idle_w: 800")
                .replace("power: {compute_bound_w: 700, memory_bound_w: 486}",
                        "power: {compute_bound_w: 900, memory_bound_w: 486}"));
        ProfileCatalog catalog = new ProfileCatalog(List.of(dir));
        InputException e = assertThrows(InputException.class, () -> catalog.gpu("hot", null, null, null));
        List<String> fields = e.errors().stream().map(InputError::path).toList();
        assertTrue(fields.contains("idle_w") && fields.contains("power.compute_bound_w"), fields.toString());
        for (InputError err : e.errors()) {
            assertTrue(err.file().endsWith("hot.yaml") && err.line() != null, err.toString());
        }
        assertTrue(e.errors().get(0).message().contains("tdp_w (700)"), e.getMessage());
    }
}
