package org.llmsim.scenario;

import java.util.List;

import org.llmsim.kernel.RandomStreams;

/**
 * A fleet resolved: every router domain as a scenario of its own, ready to simulate. A domain's scenario is the
 * fleet's file without its {@code fleet} block, with the traffic multiplied by the domain's share
 * ({@link LoadScaling}: arrival rates, or closed-loop users rounded), the domain's own assignments applied, and a
 * seed of its own derived from the fleet's seed and the domain's name, so domains draw independent traffic and
 * adding a domain changes no other domain's draws.
 *
 * @param domains the domains, in file order
 */
public record FleetPlan(List<Domain> domains) {
    public FleetPlan {
        domains = List.copyOf(domains);
    }

    /**
     * One router domain.
     *
     * @param name     its name
     * @param share    the share of the fleet's traffic it receives
     * @param scenario its scenario (one cluster, one router, its share of the traffic)
     */
    public record Domain(String name, double share, Scenario scenario) {
    }

    public int size() {
        return domains.size();
    }

    public Domain domain(int i) {
        return domains.get(i);
    }

    /** The same fleet under fleet seed {@code fleetSeed}: every domain's seed derived again. */
    public FleetPlan withSeed(long fleetSeed) {
        return new FleetPlan(domains.stream()
                .map(d -> new Domain(d.name(), d.share(), d.scenario().withSeed(domainSeed(fleetSeed, d.name()))))
                .toList());
    }

    /**
     * The seed of domain {@code name} of a fleet run under {@code fleetSeed}: the fleet's named stream seed for the
     * domain ({@link RandomStreams#seedFor}), so replication r of the fleet (seed + r) shares no domain seed with
     * replication r + 1. Kept non-negative so it reads back as written.
     */
    public static long domainSeed(long fleetSeed, String name) {
        return new RandomStreams(fleetSeed).seedFor("fleet/domain/" + name) & Long.MAX_VALUE;
    }
}
