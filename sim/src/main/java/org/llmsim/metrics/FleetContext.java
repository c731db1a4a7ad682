package org.llmsim.metrics;

import java.util.List;

/**
 * What a {@link SectionType}'s merge may read besides the domains' sections of its kind.
 *
 * @param domains        the router domains' runs, in the fleet's order
 * @param core           the fleet's merged core figures (counts, latencies, throughput, cost, pools), no sections
 * @param replicaOffsets each domain's first replica in the fleet's global numbering
 */
public record FleetContext(List<DomainRun> domains, RunResult core, List<Integer> replicaOffsets) {
    public FleetContext {
        domains = List.copyOf(domains);
        replicaOffsets = List.copyOf(replicaOffsets);
    }
}
