package org.llmsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.llmsim.testing.TestScenarios;

/** A pool's {@code pricing} and the price catalog: every mistake named with its file, line, field and what is allowed. */
class PricingValidationTest {
    private static final String HEAD = """
            name: pricing
            duration_s: 100
            workload:
              arrival: {process: poisson, rate_rps: 5}
              input_tokens: 500
              output_tokens: 100
            cluster:
              pools:
                - name: main
                  gpu: h100-sxm
                  model: llama-3.1-8b
                  replicas: 2
            """;

    private static InputError onlyError(String pricing) {
        InputException e = assertThrows(InputException.class,
                () -> TestScenarios.load(HEAD + "      pricing: " + pricing + "\n"));
        assertEquals(1, e.errors().size(), e.getMessage());
        InputError error = e.errors().get(0);
        assertEquals("inline.yaml", error.file());
        assertTrue(error.line() != null, "a line for " + error);
        return error;
    }

    private static void assertError(String pricing, String path, String fragment) {
        InputError e = onlyError(pricing);
        assertEquals(path, e.path(), e.toString());
        assertTrue(e.message().contains(fragment), e.message());
    }

    @Test
    void unknownKind_listsTheKinds() {
        assertError("{kind: leased}", "cluster.pools[0].pricing.kind",
                "must be one of on_demand, reserved, spot, owned, got 'leased'");
    }

    @Test
    void reserved_needsItsTerm_ofOneOrThreeYears_andAPrice() {
        assertError("{kind: reserved, discount: 0.3}", "cluster.pools[0].pricing.term_years", "is required");
        assertError("{kind: reserved, term_years: 2, discount: 0.3}", "cluster.pools[0].pricing.term_years",
                "must be 1 or 3");
        assertError("{kind: reserved, term_years: 1}", "cluster.pools[0].pricing",
                "reserved needs its committed price: usd_per_gpu_hour, discount");
        // the offer has no 3-year price: the message says which terms it has
        assertError("{kind: reserved, term_years: 3, offer: aws-p5-48xlarge}", "cluster.pools[0].pricing",
                "or an offer with a 3-year price (aws-p5-48xlarge has no committed price)");
    }

    @Test
    void negativeOrOutOfRangeValues_areNamed() {
        assertError("{kind: on_demand, usd_per_gpu_hour: -1}", "cluster.pools[0].pricing.usd_per_gpu_hour",
                "must be >= 0, got -1");
        assertError("{kind: spot, discount: 1.2}", "cluster.pools[0].pricing.discount", "must be a fraction in [0, 1)");
        assertError("{kind: spot, usd_per_gpu_hour: 1, interruptions_per_hour: -0.5}",
                "cluster.pools[0].pricing.interruptions_per_hour", "must be >= 0");
        assertError("{kind: owned, purchase_usd_per_server: 1, power_kw_per_server: 10, electricity_usd_per_kwh: 0.1, "
                + "pue: 0.8}", "cluster.pools[0].pricing.pue", "must be in [1, 3]");
    }

    @Test
    void fieldsOfAnotherKind_andMissingOwnedFigures_areErrors() {
        assertError("{kind: on_demand, term_years: 1}", "cluster.pools[0].pricing.term_years",
                "applies to kind reserved only");
        assertError("{kind: owned, purchase_usd_per_server: 300000, power_kw_per_server: 10}",
                "cluster.pools[0].pricing.electricity_usd_per_kwh", "is required");
        assertError("{kind: owned, electricity_usd_per_kwh: 0.1, power_kw_per_server: 10}",
                "cluster.pools[0].pricing.purchase_usd_per_server", "owned needs the price of a server");
        assertError("{kind: spot}", "cluster.pools[0].pricing", "spot needs its price");
    }

    @Test
    void anOffer_mustExist_andBeForThePoolsGpu() {
        InputError unknown = onlyError("{kind: on_demand, offer: aws-p9-mystery}");
        assertEquals("cluster.pools[0].pricing.offer", unknown.path());
        assertTrue(unknown.message().contains("unknown price catalog profile 'aws-p9-mystery'; known: "),
                unknown.message());
        assertTrue(unknown.message().contains("aws-p5-48xlarge"), unknown.message());
        assertError("{kind: on_demand, offer: aws-g6e-xlarge}", "cluster.pools[0].pricing.offer",
                "is an offer of l40s GPUs (g6e.xlarge), but the pool runs on h100-sxm");
    }

    @Test
    void aProviderPool_takesNoPricing() {
        InputException e = assertThrows(InputException.class, () -> TestScenarios.load(HEAD.replace(
                "      gpu: h100-sxm\n      model: llama-3.1-8b\n      replicas: 2\n",
                "      provider: openai-gpt-5\n      pricing: {kind: spot}\n")));
        assertTrue(e.getMessage().contains("cluster.pools[0].pricing: does not apply to a provider pool"),
                e.getMessage());
    }

    @Test
    void everyCatalogEntry_loadsWithAPriceADateAndSources() {
        List<PriceOffer> all = TestScenarios.catalog().allOffers();
        Set<String> gpus = TestScenarios.catalog().ids("gpus");
        Set<String> providers = all.stream().map(PriceOffer::provider).collect(Collectors.toSet());
        assertTrue(providers.containsAll(List.of("aws", "gcp", "azure", "oracle", "coreweave", "lambda", "runpod")),
                providers.toString());
        for (PriceOffer o : all) {
            assertFalse(o.sources().isEmpty(), o.id());
            assertTrue(o.priceAsOf() != null && !o.priceAsOf().isBlank(), o.id());
            assertTrue(o.gpu() == null || gpus.contains(o.gpu()), o.id() + " names GPU profile " + o.gpu());
            double onDemand = o.perGpu(o.onDemandUsdPerHour());
            if (o.purchaseUsd() == null) {
                assertTrue(onDemand > 0, o.id() + " has an on-demand price");
            }
            // a commitment and a spot price are cheaper than on demand
            for (PriceOffer.Commitment c : o.reserved()) {
                assertTrue(o.perGpu(c.usdPerHour()) < onDemand, o.id() + " " + c.termYears() + "-year");
            }
            if (o.spotUsdPerHour() != null) {
                assertTrue(o.perGpu(o.spotUsdPerHour()) < onDemand, o.id() + " spot");
            }
        }
    }

    @Test
    void aBadCatalogEntry_namesItsFileAndField(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("prices"));
        Path file = dir.resolve("prices").resolve("my-cloud.yaml");
        Files.writeString(file, """
                provider: mycloud
                instance_type: big
                gpus: 8
                on_demand_usd_per_hour: -3
                reserved:
                  - {term_years: 2, usd_per_hour: 1}
                price_as_of: "2026-12-01"
                sources: ["https://example.com/pricing"]
                """);
        ProfileCatalog catalog = new ProfileCatalog(List.of(dir));
        InputException e = assertThrows(InputException.class, () -> catalog.offer("my-cloud", null, null, null));
        List<String> paths = e.errors().stream().map(InputError::path).toList();
        assertEquals(List.of("on_demand_usd_per_hour", "reserved[0].term_years"), paths, e.getMessage());
        assertTrue(e.errors().get(0).file().endsWith("my-cloud.yaml"), e.getMessage());
        assertEquals(4, e.errors().get(0).line());
    }
}
