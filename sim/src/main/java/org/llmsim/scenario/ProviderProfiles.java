package org.llmsim.scenario;

import java.nio.file.Path;

import org.llmsim.scenario.ProviderProfile;

/** Reads and checks provider profiles ({@code gpu-profiles/providers/*.yaml}) for the {@link ProfileCatalog}. */
final class ProviderProfiles {
    private ProviderProfiles() {
    }

    static ProviderProfile load(Path file, String expectedId) {
        ProfileCatalog.Document doc = ProfileCatalog.read(file);
        Problems p = new Problems(doc.name(), doc.lines());
        ProviderProfile pr = StrictYaml.bind(doc.tree(), ProviderProfile.class, p);
        if (pr == null) {
            p.throwIfAny();
        }
        ProfileCatalog.checkId(p, pr.id(), expectedId);
        p.required("name", pr.name());
        if (p.required("input_usd_per_mtok", pr.inputUsdPerMtok())) {
            p.nonNegative("input_usd_per_mtok", pr.inputUsdPerMtok());
        }
        if (p.required("output_usd_per_mtok", pr.outputUsdPerMtok())) {
            p.nonNegative("output_usd_per_mtok", pr.outputUsdPerMtok());
        }
        p.nonNegative("cached_input_usd_per_mtok", pr.cachedInputUsdPerMtok());
        if (pr.cachedInputUsdPerMtok() != null && pr.inputUsdPerMtok() != null
                && pr.cachedInputUsdPerMtok() > pr.inputUsdPerMtok()) {
            p.add("cached_input_usd_per_mtok", "must be <= input_usd_per_mtok (" + Problems.format(
                    pr.inputUsdPerMtok()) + "): a cache read never costs more than the input it replaces");
        }
        if (!(pr.cacheWriteMultiplier() >= 1 && pr.cacheWriteMultiplier() <= 10)) {
            p.add("cache_write_multiplier", "must be in [1, 10] (a multiple of the input price), got "
                    + Problems.format(pr.cacheWriteMultiplier()));
        }
        if (pr.hasPromptCache()) {
            if (p.required("cache_ttl_s", pr.cacheTtlS())) {
                p.positive("cache_ttl_s", pr.cacheTtlS());
            }
        } else if (pr.cacheTtlS() != null) {
            p.add("cache_ttl_s", "needs cached_input_usd_per_mtok (the price of a cache read)");
        }
        p.atLeast("min_cacheable_tokens", pr.minCacheableTokens(), 1);
        if (pr.batchDiscount() != null) {
            if (!(pr.batchDiscount() >= 0 && pr.batchDiscount() < 1)) {
                p.add("batch_discount", "must be a fraction in [0, 1) (0.5 is half price), got "
                        + Problems.format(pr.batchDiscount()));
            }
            if (p.required("batch_completion_s", pr.batchCompletionS())) {
                pr.batchCompletionS().validate("batch_completion_s", p);
            }
        } else if (pr.batchCompletionS() != null) {
            p.add("batch_completion_s", "needs batch_discount (the provider's batch API)");
        }
        p.positive("batch_window_s", pr.batchWindowS());
        if (p.required("context_window_tokens", pr.contextWindowTokens())) {
            p.atLeast("context_window_tokens", pr.contextWindowTokens(), 2);
        }
        if (pr.rateLimit() != null) {
            pr.rateLimit().validate("rate_limit", p);
        }
        if (p.required("latency", pr.latency())) {
            ProviderProfile.ProviderLatency l = pr.latency();
            if (p.required("latency.network_rtt_s", l.networkRttS())) {
                l.networkRttS().validate("latency.network_rtt_s", p);
            }
            if (p.required("latency.ttft_s", l.ttftS())) {
                l.ttftS().validate("latency.ttft_s", p);
            }
            if (p.required("latency.output_tokens_per_s", l.outputTokensPerS())) {
                l.outputTokensPerS().validate("latency.output_tokens_per_s", p);
                if (l.outputTokensPerS() instanceof org.llmsim.scenario.TimeSpec.Fixed f && f.value() != null
                        && !(f.value() > 0)) {
                    p.add("latency.output_tokens_per_s.value", "must be > 0, got " + Problems.format(f.value()));
                }
            }
            p.positive("latency.prefill_tokens_per_s", l.prefillTokensPerS());
        }
        if (!java.util.List.of(ProviderProfile.BILL_INPUT, ProviderProfile.BILL_FULL, ProviderProfile.BILL_NONE)
                .contains(pr.timeoutBilling())) {
            p.add("timeout_billing", "must be one of input, full, none, got '" + pr.timeoutBilling() + "'");
        }
        p.required("price_as_of", pr.priceAsOf());
        ProfileCatalog.checkSources(p, pr.sources());
        p.sortByLine();
        p.throwIfAny();
        return pr.id() == null ? pr.withId(ProfileCatalog.stem(file)) : pr;
    }
}
