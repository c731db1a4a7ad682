package org.llmsim.scenario;

import java.util.List;

/**
 * What the self-hosted fleet is compared with ({@code economics}): the break-even daily volume at which the GPU
 * pools cost as much as sending the same requests to each of {@code compare_providers} at list price.
 *
 * @param compareProviders provider profiles (ids or paths) to price the run's requests at; default: the providers
 *                         the scenario's own pools use
 * @param opsUsdPerMonth   people and tooling cost of running the fleet, USD per month, added to the GPU time (the
 *                         field's rule of thumb: one to two engineers); default 0
 */
public record EconomicsSpec(List<String> compareProviders, Double opsUsdPerMonth) {

    public EconomicsSpec {
        if (compareProviders == null) {
            compareProviders = List.of();
        }
        if (opsUsdPerMonth == null) {
            opsUsdPerMonth = 0.0;
        }
    }

    public void validate(String path, Problems p) {
        p.nonNegative(path + ".ops_usd_per_month", opsUsdPerMonth);
        for (int i = 0; i < compareProviders.size(); i++) {
            if (compareProviders.get(i) == null || compareProviders.get(i).isBlank()) {
                p.add(path + ".compare_providers[" + i + "]", "must name a provider profile");
            }
        }
    }
}
