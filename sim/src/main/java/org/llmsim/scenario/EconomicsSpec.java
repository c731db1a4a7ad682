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
 * @param energy           what the energy figures assume beyond the GPUs ({@link EnergySpec}); default: its defaults
 */
public record EconomicsSpec(List<String> compareProviders, Double opsUsdPerMonth, EnergySpec energy) {

    public EconomicsSpec(List<String> compareProviders, Double opsUsdPerMonth) {
        this(compareProviders, opsUsdPerMonth, null);
    }

    /** The same block with other energy settings. */
    public EconomicsSpec withEnergy(EnergySpec newEnergy) {
        return new EconomicsSpec(compareProviders, opsUsdPerMonth, newEnergy);
    }

    public EconomicsSpec {
        if (energy == null) {
            energy = EnergySpec.DEFAULTS;
        }
        if (compareProviders == null) {
            compareProviders = List.of();
        }
        if (opsUsdPerMonth == null) {
            opsUsdPerMonth = 0.0;
        }
    }

    public void validate(String path, Problems p) {
        p.nonNegative(path + ".ops_usd_per_month", opsUsdPerMonth);
        energy.validate(path + ".energy", p);
        for (int i = 0; i < compareProviders.size(); i++) {
            if (compareProviders.get(i) == null || compareProviders.get(i).isBlank()) {
                p.add(path + ".compare_providers[" + i + "]", "must name a provider profile");
            }
        }
    }
}
