package org.llmsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.llmsim.scenario.ProviderProfile;
import org.llmsim.testing.TestScenarios;

/** Every new field of the application layer is checked, with the path, the line and what is allowed. */
class ApplicationLayerValidationTest {
    private static final String HEAD = """
            name: app
            duration_s: 100
            workload:
              arrival: {process: poisson, rate_rps: 5}
              input_tokens: 500
              output_tokens: 100
            """;

    private static InputError onlyError(String yaml, String... overrides) {
        InputException e = assertThrows(InputException.class, () -> TestScenarios.load(yaml, overrides));
        assertEquals(1, e.errors().size(), e.getMessage());
        return e.errors().get(0);
    }

    private static void assertError(String yaml, String path, String fragment) {
        InputError e = onlyError(yaml);
        assertEquals(path, e.path(), e.toString());
        assertTrue(e.message().contains(fragment), e.message());
        assertTrue(e.line() != null, "the line of " + path + ": " + e);
    }

    @Test
    void providerPool_withReplicasOrAGpu_isAnError() {
        assertError(HEAD + """
                cluster:
                  pools:
                    - name: api
                      provider: anthropic-claude-sonnet-4-5
                      replicas: 2
                """, "cluster.pools[0].replicas", "does not apply to a provider pool");
        assertError(HEAD + """
                cluster:
                  pools:
                    - {name: api, provider: openai-gpt-4o, gpu: h100-sxm}
                """, "cluster.pools[0].gpu", "does not apply to a provider pool");
    }

    @Test
    void gpuPool_withProviderSettings_isAnError() {
        assertError(HEAD + """
                cluster:
                  pools:
                    - {gpu: h100-sxm, model: llama-3.1-8b, batch: true}
                """, "cluster.pools[0].batch", "applies to provider pools only");
    }

    @Test
    void unknownProvider_listsTheKnownOnes() {
        InputError e = onlyError(HEAD + """
                cluster:
                  pools:
                    - {provider: acme-gpt}
                """);
        assertEquals("cluster.pools[0].provider", e.path());
        assertTrue(e.message().contains("anthropic-claude-sonnet-4-5"), e.message());
    }

    @Test
    void batch_onAProviderWithoutABatchApi_isAnError(@TempDir Path dir) throws IOException {
        Path profile = dir.resolve("nobatch.yaml");
        Files.writeString(profile, """
                name: no batch API
                input_usd_per_mtok: 1
                output_usd_per_mtok: 2
                context_window_tokens: 8192
                latency: {network_rtt_s: 0.05, ttft_s: 0.5, output_tokens_per_s: 100}
                price_as_of: test
                sources: [test]
                """);
        assertError(HEAD + """
                cluster:
                  pools:
                    - name: api
                      provider: %s
                      batch: true
                """.formatted(profile.toAbsolutePath()), "cluster.pools[0].batch", "has no batch API");
    }

    @Test
    void tier_namingAnUnknownPool_isAnError() {
        assertError(HEAD + """
                cluster:
                  routing:
                    tiers: [{name: t, pool: nope}]
                  pools:
                    - {name: main, gpu: h100-sxm, model: llama-3.1-8b}
                """, "cluster.routing.tiers[0].pool", "must name a pool (main)");
    }

    @Test
    void rulesOnDifficulty_needAClassifier() {
        assertError(HEAD + """
                cluster:
                  routing:
                    tiers: [{name: t, pool: main}]
                    rules: [{difficulty_below: 0.5, tier: t}]
                  pools:
                    - {name: main, gpu: h100-sxm, model: llama-3.1-8b}
                """, "cluster.routing.rules", "only a classifier can estimate");
    }

    @Test
    void escalationsInACircle_areAnError() {
        InputException e = assertThrows(InputException.class, () -> TestScenarios.load(HEAD + """
                cluster:
                  routing:
                    tiers:
                      - {name: a, pool: main, escalate: {to: b, fraction: 0.1}}
                      - {name: b, pool: main, escalate: {to: a, fraction: 0.1}}
                  pools:
                    - {name: main, gpu: h100-sxm, model: llama-3.1-8b}
                """));
        assertTrue(e.getMessage().contains("leads back to tier 'a'"), e.getMessage());
    }

    @Test
    void escalationFraction_lookingLikeAPercentage_getsAHint() {
        assertError(HEAD + """
                cluster:
                  routing:
                    tiers:
                      - {name: a, pool: main, escalate: {to: b, fraction: 15}}
                      - {name: b, pool: main}
                  pools:
                    - {name: main, gpu: h100-sxm, model: llama-3.1-8b}
                """, "cluster.routing.tiers[0].escalate.fraction", "did you mean 0.15?");
    }

    @Test
    void rule_namingAnUnknownClass_isAnError() {
        assertError(HEAD + """
                cluster:
                  routing:
                    tiers: [{name: t, pool: main}]
                    rules: [{classes: [vip], tier: t}]
                  pools:
                    - {name: main, gpu: h100-sxm, model: llama-3.1-8b}
                """, "cluster.routing.rules[0].classes", "names class 'vip'");
    }

    @Test
    void providerBesideGpuPools_withoutRouting_isAnError() {
        assertError(HEAD + """
                cluster:
                  pools:
                    - {name: main, gpu: h100-sxm, model: llama-3.1-8b}
                    - {name: api, provider: openai-gpt-4o}
                """, "cluster.pools", "add cluster.routing");
    }

    @Test
    void responseCache_withoutContentKeys_isAnError() {
        assertError(HEAD + """
                cluster:
                  caches: [{kind: exact, capacity_entries: 10}]
                  pools:
                    - {name: main, gpu: h100-sxm, model: llama-3.1-8b}
                """, "cluster.caches[0]", "popularity");
    }

    @Test
    void unknownCacheKindAndRouterPolicy_listTheRegisteredOnes() {
        String withPopularity = HEAD.replace("output_tokens: 100", "output_tokens: 100\n  popularity: {dist: zipf, "
                + "items: 10}");
        assertError(withPopularity + """
                cluster:
                  caches: [{kind: fuzzy}]
                  pools:
                    - {name: main, gpu: h100-sxm, model: llama-3.1-8b}
                """, "cluster.caches[0].kind", "exact, semantic");
        assertError(HEAD + """
                cluster:
                  router: {policy: smartest}
                  pools:
                    - {name: main, gpu: h100-sxm, model: llama-3.1-8b}
                """, "cluster.router.policy", "power_of_two");
    }

    @Test
    void semanticSettings_onAnExactCache_areAnError() {
        String withPopularity = HEAD.replace("output_tokens: 100", "output_tokens: 100\n  popularity: {dist: zipf, "
                + "items: 10}");
        assertError(withPopularity + """
                cluster:
                  caches: [{kind: exact, similarity_threshold: 0.9}]
                  pools:
                    - {name: main, gpu: h100-sxm, model: llama-3.1-8b}
                """, "cluster.caches[0].similarity_threshold", "semantic only");
    }

    @Test
    void everyProviderProfile_loadsWithPricesLatencyAndSources() {
        ProfileCatalog catalog = TestScenarios.catalog();
        List<ProviderProfile> all = catalog.allProviders();
        assertTrue(all.size() >= 22, "profiles: " + all.size());
        for (String vendor : new String[] {"openai", "anthropic", "google", "together", "deepseek", "fireworks",
            "groq"}) {
            assertTrue(all.stream().anyMatch(p -> vendor.equals(p.vendor())), vendor);
        }
        for (ProviderProfile p : all) {
            assertTrue(p.inputUsdPerMtok() > 0 && p.outputUsdPerMtok() >= p.inputUsdPerMtok(), p.id());
            assertTrue(p.priceAsOf() != null && !p.sources().isEmpty(), p.id());
            assertTrue(p.latency().ttftS().meanS() > 0, p.id());
        }
    }
}
