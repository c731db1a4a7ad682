package org.llmsim.scenario;

import java.util.List;

import org.llmsim.scenario.ProviderProfile;

/**
 * A validated scenario, ready to simulate: the spec with defaults, its resolved pools, and where it came from.
 *
 * @param spec       the scenario with defaults and overrides applied
 * @param pools      resolved pools, in file order
 * @param sourceFile the file it was read from (for messages and reports)
 * @param sourceText the file's text as written (reports reproduce it)
 * @param overrides  the {@code --set} assignments applied on top of the file
 * @param workload   the workload resolved: classes with defaults, scanned traces, size bounds
 * @param providers  resolved provider pools (external APIs), in file order; {@code pools} holds the GPU pools
 * @param compareProviders the APIs the GPU pools are compared with for the break-even figure
 *                         ({@code economics.compare_providers}, else the profiles of the provider pools)
 * @param fleet      the fleet's router domains, each a scenario of its own, or null for a single domain (the
 *                   other fields then describe the fleet's file: its name, seed, workload and one domain's pools)
 */
public record Scenario(ScenarioSpec spec, List<PoolPlan> pools, String sourceFile, String sourceText,
        List<String> overrides, WorkloadPlan workload, List<ProviderPlan> providers,
        List<ProviderProfile> compareProviders, FleetPlan fleet) {

    public Scenario {
        if (providers == null) {
            providers = List.of();
        }
        if (compareProviders == null) {
            compareProviders = List.of();
        }
    }

    /** A scenario of one router domain. */
    public Scenario(ScenarioSpec spec, List<PoolPlan> pools, String sourceFile, String sourceText,
            List<String> overrides, WorkloadPlan workload, List<ProviderPlan> providers,
            List<ProviderProfile> compareProviders) {
        this(spec, pools, sourceFile, sourceText, overrides, workload, providers, compareProviders, null);
    }

    /** A scenario of GPU pools only. */
    public Scenario(ScenarioSpec spec, List<PoolPlan> pools, String sourceFile, String sourceText,
            List<String> overrides, WorkloadPlan workload) {
        this(spec, pools, sourceFile, sourceText, overrides, workload, List.of(), List.of());
    }

    public String name() {
        return spec.name();
    }

    public long seed() {
        return spec.seed();
    }

    /**
     * The same scenario under another seed: every random stream changes, nothing else. Replications and comparisons
     * use it; the file text and overrides stay those the user wrote.
     */
    public Scenario withSeed(long newSeed) {
        return new Scenario(spec.withSeed(newSeed), pools, sourceFile, sourceText, overrides, workload, providers,
                compareProviders, fleet == null ? null : fleet.withSeed(newSeed));
    }

    /** Whether the scenario is a fleet of router domains. */
    public boolean isFleet() {
        return fleet != null;
    }

    /** Replicas across all pools (of one domain, for a fleet). */
    public int totalReplicas() {
        return pools.stream().mapToInt(PoolPlan::replicas).sum();
    }

    /** USD per hour of the whole provisioned fleet. */
    public double fleetUsdPerHour() {
        return pools.stream().mapToDouble(PoolPlan::usdPerHour).sum();
    }
}
