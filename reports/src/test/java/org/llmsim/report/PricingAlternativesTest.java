package org.llmsim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.llmsim.metrics.EnergyResult;
import org.llmsim.metrics.RunResult;
import org.llmsim.scenario.PriceOffer;
import org.llmsim.scenario.ProfileCatalog;
import org.llmsim.scenario.Scenario;
import org.llmsim.scenario.ScenarioLoader;
import org.llmsim.simulation.Simulation;

/** The same fleet under each pricing, and the break-evens, against arithmetic done by hand from the catalog. */
class PricingAlternativesTest {
    private static final Path QUICKSTART = Path.of(System.getProperty("llmsim.home", "..")).resolve(
            "scenarios/quickstart.yaml");
    private static final ProfileCatalog CATALOG = ProfileCatalog.standard(List.of());
    private static final double TOL = 1e-9;

    private static Scenario quickstart(String... more) {
        List<String> overrides = new java.util.ArrayList<>(List.of("duration_s=60", "warmup_s=10"));
        overrides.addAll(List.of(more));
        return new ScenarioLoader(CATALOG).load(QUICKSTART, overrides);
    }

    private static PriceOffer offer(String id) {
        return CATALOG.allOffers().stream().filter(o -> o.id().equals(id)).findFirst().orElseThrow();
    }

    private static double usd(PricingAlternatives p, String kind) {
        return p.alternatives().stream().filter(a -> a.kind().equals(kind)).findFirst().orElseThrow().usdPerHour();
    }

    @Test
    void twoH100sOnDemand_arePricedFromTheH100EntryWithTheMostKindsOfPrice_andOwnedFromTheDgx() {
        // the quickstart: 2 replicas x 1 H100, fixed, on demand at the profile's price
        Scenario s = quickstart();
        RunResult r = new Simulation(s).run();
        PricingAlternatives p = PricingAlternatives.of(s, r, CATALOG.allOffers(), 0.09);

        // gcp-a3-highgpu-8g-us-central1 has on demand, 1-year, 3-year and spot prices: 2 GPUs of its 8
        PriceOffer gcp = offer("gcp-a3-highgpu-8g-us-central1");
        assertEquals(2 * gcp.onDemandUsdPerHour() / 8, usd(p, "on_demand"), TOL);
        assertEquals(2 * gcp.term(1).usdPerHour() / 8, usd(p, "reserved_1y"), TOL);
        assertEquals(2 * gcp.term(3).usdPerHour() / 8, usd(p, "reserved_3y"), TOL);
        assertEquals(2 * gcp.spotUsdPerHour() / 8, usd(p, "spot"), TOL);
        PricingAlternatives.BreakEven b = p.breakEven().get(0);
        assertEquals(gcp.term(1).usdPerHour() / gcp.onDemandUsdPerHour(), b.reserved1y(), TOL);
        assertEquals(gcp.term(3).usdPerHour() / gcp.onDemandUsdPerHour(), b.reserved3y(), TOL);

        // owned: one DGX H100 (8 GPUs, 2 used) over 5 years, no hosting or operations, PUE 1.58, $0.09 per kWh;
        // electricity at the run's measured GPU + host kWh per provisioned GPU-hour
        PriceOffer dgx = offer("owned-dgx-h100");
        EnergyResult.Row main = EnergyResult.of(r).pool("main");
        double windowH = EnergyResult.of(r).windowS() / 3600;
        double busy = (main.gpuJ() + main.hostJ()) / 3.6e6 / (2 * windowH);
        double amortization = dgx.purchaseUsd() / (5 * 8760);
        assertEquals(amortization + 2 * busy * 1.58 * 0.09, usd(p, "owned"), 1e-9);
        // owned vs on demand, per GPU: fixed F = amortization / 2 GPUs; idle e = (88 W idle + 2000/8 W host) / 1000
        double f = amortization / 2;
        double c = 1.58 * 0.09;
        double idle = (88 + 250) / 1000.0;
        double onDemand = gcp.onDemandUsdPerHour() / 8;
        double u = (f + c * idle) / (onDemand - c * (busy - idle));
        assertEquals(u, b.owned(), 1e-9);
        assertTrue(u > 0 && u < 1, "owning pays above " + u);
        // sanity of the definition: at u the two cost the same per GPU-hour
        assertEquals(u * onDemand, f + c * (u * busy + (1 - u) * idle), 1e-9);
    }

    @Test
    void anOwnedPool_itsOwnedAlternativeIsWhatTheRunBilled_andWithoutElectricityOthersHaveNone() {
        Scenario owned = quickstart("cluster.pools[0].pricing.kind=owned",
                "cluster.pools[0].pricing.offer=owned-dgx-h100", "cluster.pools[0].pricing.electricity_usd_per_kwh=0.09");
        RunResult r = new Simulation(owned).run();
        PricingAlternatives p = PricingAlternatives.of(owned, r, CATALOG.allOffers(), Double.NaN);
        assertEquals(r.cost().usdPerHour(), usd(p, "owned"), 1e-9);

        Scenario rented = quickstart();
        PricingAlternatives q = PricingAlternatives.of(rented, new Simulation(rented).run(), CATALOG.allOffers(),
                Double.NaN);
        assertTrue(Double.isNaN(usd(q, "owned")));
        assertNotNull(q.alternatives().get(4).note());
        assertTrue(Double.isNaN(q.breakEven().get(0).owned()));
    }
}
