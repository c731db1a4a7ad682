package org.llmsim.scenario;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks that need the whole scenario for what issue-6 features name: fallbacks name other pools without going round
 * in a circle, faults name provider pools, and pipeline stages name tiers and pools that exist.
 */
final class ResilienceCheck {
    private ResilienceCheck() {
    }

    /**
     * Runs the checks and returns the pools that get their traffic from a fallback or a pipeline stage (so they need
     * no tier of their own).
     */
    static Set<String> check(ScenarioSpec spec, WorkloadPlan workload, Set<String> poolNames,
            List<ProviderPlan> providers, Problems p) {
        Set<String> secondary = new LinkedHashSet<>();
        Map<String, String> fallbackOf = new LinkedHashMap<>();
        List<PoolSpec> pools = spec.cluster().pools();
        for (int i = 0; i < pools.size(); i++) {
            PoolSpec pool = pools.get(i);
            String name = pool.name() != null ? pool.name() : "pool-" + i;
            if (pool.fallback() == null) {
                continue;
            }
            if (!poolNames.contains(pool.fallback())) {
                p.add("cluster.pools[" + i + "].fallback", "must name a pool (" + String.join(", ", poolNames)
                        + "), got '" + pool.fallback() + "'");
                continue;
            }
            fallbackOf.put(name, pool.fallback());
            secondary.add(pool.fallback());
        }
        for (int i = 0; i < pools.size(); i++) {
            String start = pools.get(i).name() != null ? pools.get(i).name() : "pool-" + i;
            Set<String> seen = new HashSet<>();
            for (String at = fallbackOf.get(start); at != null; at = fallbackOf.get(at)) {
                if (at.equals(start) || !seen.add(at)) {
                    p.add("cluster.pools[" + i + "].fallback", "leads back to pool '" + start + "' (fallback chains "
                            + "must end)");
                    break;
                }
            }
        }

        Set<String> providerNames = new LinkedHashSet<>();
        providers.forEach(pr -> providerNames.add(pr.name()));
        for (int i = 0; i < spec.faults().size(); i++) {
            String pool = poolOf(spec.faults().get(i));
            if (pool != null && !providerNames.contains(pool)) {
                p.add("faults[" + i + "].pool", "must name a provider pool (" + (providerNames.isEmpty() ? "there is "
                        + "none" : String.join(", ", providerNames)) + "), got '" + pool + "'; GPU replicas fail "
                        + "through their own fault kinds");
            }
        }

        RoutingSpec routing = spec.cluster().routing();
        Set<String> tierNames = new LinkedHashSet<>();
        if (routing != null && routing.tiers() != null) {
            routing.tiers().forEach(t -> tierNames.add(t.name()));
        }
        List<ClassSpec> classes = workload.classes();
        for (int c = 0; c < classes.size(); c++) {
            List<StageSpec> pipeline = classes.get(c).pipeline();
            if (pipeline == null) {
                continue;
            }
            String path = (workload.explicitClasses() ? "workload.classes[" + c + "]" : "workload") + ".pipeline";
            for (int i = 0; i < pipeline.size(); i++) {
                StageSpec s = pipeline.get(i);
                if (s.tier() != null && !tierNames.contains(s.tier())) {
                    p.add(path + "[" + i + "].tier", routing == null ? "names a tier, but there is no "
                            + "cluster.routing; name a pool instead" : "must name a tier (" + String.join(", ",
                            tierNames) + "), got '" + s.tier() + "'");
                }
                if (s.pool() != null) {
                    if (poolNames.contains(s.pool())) {
                        secondary.add(s.pool());
                    } else {
                        p.add(path + "[" + i + "].pool", "must name a pool (" + String.join(", ", poolNames)
                                + "), got '" + s.pool() + "'");
                    }
                }
            }
        }
        return secondary;
    }

    /** Whether some request goes to the tier the routing picks (a class without a pipeline, or such a stage). */
    static boolean usesDefaultTier(WorkloadPlan workload) {
        for (ClassSpec c : workload.classes()) {
            if (c.pipeline() == null) {
                return true;
            }
            for (StageSpec s : c.pipeline()) {
                if (s.callsModel() && s.tier() == null && s.pool() == null) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The pool an API-side fault names, or null for kinds that strike GPU pools (checked by their owners). */
    private static String poolOf(FaultSpec fault) {
        return fault.strikesProvider() ? fault.pool() : null;
    }
}
