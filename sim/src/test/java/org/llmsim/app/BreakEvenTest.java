package org.llmsim.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.llmsim.metrics.AppResult;
import org.llmsim.metrics.RunResult;
import org.llmsim.scenario.Scenario;
import org.llmsim.testing.TestScenarios;

class BreakEvenTest {
    @TempDir
    Path dir;

    @Test
    void breakEven_isTheFleetsDailyCostOverTheApiPriceOfTheMeanRequest() {
        String frontier = AppFixtures.provider(dir, "frontier", 4, 20);
        String cheap = AppFixtures.provider(dir, "cheap", 0.2, 0.2);
        Scenario s = TestScenarios.load("""
                name: break-even
                duration_s: 300
                workload:
                  arrival: {process: poisson, rate_rps: 2}
                  input_tokens: 1000
                  output_tokens: 200
                cluster:
                  pools:
                    - {name: main, gpu: h100-sxm, model: llama-3.1-8b}
                economics:
                  compare_providers: [%s, %s]
                  ops_usd_per_month: 3650
                """.formatted(frontier, cheap));
        RunResult r = TestScenarios.run(s);
        AppResult.BreakEven be = AppResult.of(r).breakEven();
        // the fleet around the clock plus $3,650 a month of operations ($120 a day)
        double perDay = s.fleetUsdPerHour() * 24 + 120;
        assertEquals(perDay, be.selfHostedUsdPerDay(), 1e-9);
        assertEquals(r.throughput().requestsPerS() * 86_400, be.requestsPerDay(), 1e-6);
        AppResult.BreakEvenApi vsFrontier = be.apis().get(0);
        AppResult.BreakEvenApi vsCheap = be.apis().get(1);
        // the mean request, 1,000 in and 200 out, costs $0.008 at the frontier API and $0.00024 at the cheap one
        assertEquals(0.008, vsFrontier.apiUsdPerRequest(), 1e-12);
        assertEquals(perDay / 0.008, vsFrontier.breakEvenRequestsPerDay(), 1e-6);
        assertEquals(perDay / 0.00024, vsCheap.breakEvenRequestsPerDay(), 1e-3);
        // at about 170k requests a day, one H100 is cheaper than the frontier API only above ~27k requests a day
        assertEquals(be.requestsPerDay() >= vsFrontier.breakEvenRequestsPerDay() ? "self_hosted" : "api",
                vsFrontier.cheaper());
        assertEquals("api", vsCheap.cheaper());
    }

    @Test
    void withoutAnApiToCompare_thereIsNoBreakEven() {
        RunResult r = TestScenarios.run(TestScenarios.loadFile("scenarios/quickstart.yaml", "duration_s=60",
                "warmup_s=0"));
        assertNull(AppResult.of(r).breakEven());
    }
}
