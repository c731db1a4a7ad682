package org.llmsim.scenario;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Checks of the replica faults that need the resolved pools: each names a GPU pool of the scenario and a replica it
 * has, and a single crash falls while requests arrive. Kinds of other pools (API providers) are checked where they
 * are built.
 */
final class FaultCheck {
    private FaultCheck() {
    }

    static void check(ScenarioSpec spec, List<PoolPlan> pools, List<ProviderPlan> providers, Problems p) {
        List<FaultSpec> faults = spec.faults();
        for (int i = 0; i < faults.size(); i++) {
            String path = "faults[" + i + "]";
            FaultSpec f = faults.get(i);
            Integer replica;
            if (f instanceof ReplicaCrashFault crash) {
                replica = crash.replica();
                if (crash.atS() != null && crash.atS() >= spec.durationS()) {
                    p.add(path + ".at_s", "must be < duration_s (" + Problems.format(spec.durationS())
                            + "): faults strike while requests arrive, got " + Problems.format(crash.atS()));
                }
            } else if (f instanceof DegradedGpuFault degraded) {
                replica = degraded.replica();
            } else {
                continue;
            }
            PoolPlan pool = pools.stream().filter(pl -> pl.name().equals(f.pool())).findFirst().orElse(null);
            if (pool == null) {
                boolean provider = providers.stream().anyMatch(pr -> pr.name().equals(f.pool()));
                p.add(path + ".pool", provider ? f.kind() + " strikes GPU replicas, and " + f.pool() + " is an API "
                        + "provider pool" : "no GPU pool named '" + f.pool() + "'; pools: "
                        + pools.stream().map(PoolPlan::name).collect(Collectors.joining(", ")));
                continue;
            }
            if (replica != null && replica >= pool.replicas()) {
                p.add(path + ".replica", "must be < " + pool.replicas() + " (pool " + pool.name() + " has "
                        + pool.replicas() + (pool.autoscales() ? " replicas at most" : " replicas") + "), got "
                        + replica);
            }
            if (f instanceof ReplicaCrashFault && pool.spec().disaggregated() != null) {
                p.add(path + ".pool", "replica_crash is not supported on a disaggregated pool (" + pool.name()
                        + "): its prefill replicas hand KV on to decode replicas");
            }
        }
    }
}
