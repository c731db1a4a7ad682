package org.llmsim.scenario;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks of the application layer that need the whole scenario: tiers name pools, rules and caches name classes,
 * caches have content to match, provider settings fit their profiles, and every backend gets traffic from somewhere
 * (a tier, a fallback or a pipeline stage; fallbacks, faults and stages are checked by {@link ResilienceCheck}).
 */
final class ApplicationLayerCheck {
    private ApplicationLayerCheck() {
    }

    static void check(ScenarioSpec spec, WorkloadPlan workload, List<PoolPlan> pools, List<ProviderPlan> providers,
            Problems p) {
        ClusterSpec cluster = spec.cluster();
        Set<String> poolNames = new LinkedHashSet<>();
        pools.forEach(pool -> poolNames.add(pool.name()));
        providers.forEach(pr -> poolNames.add(pr.name()));
        Set<String> classNames = new LinkedHashSet<>();
        workload.classes().forEach(c -> classNames.add(c.name()));

        for (ProviderPlan pr : providers) {
            String path = "cluster.pools[" + pr.index() + "]";
            if (pr.batch() && !pr.profile().hasBatch()) {
                p.add(path + ".batch", pr.profile().id() + " has no batch API (no batch_discount in its profile)");
            }
            if (Boolean.TRUE.equals(pr.spec().promptCaching()) && !pr.profile().hasPromptCache()) {
                p.add(path + ".prompt_caching", pr.profile().id() + " has no prompt cache (no "
                        + "cached_input_usd_per_mtok in its profile)");
            }
        }

        RoutingSpec routing = cluster.routing();
        Set<String> secondary = ResilienceCheck.check(spec, workload, poolNames, providers, p);
        if (routing == null) {
            List<PoolPlan> entryPools = pools.stream().filter(pool -> !secondary.contains(pool.name())).toList();
            List<ProviderPlan> entryProviders = providers.stream().filter(pr -> !secondary.contains(pr.name()))
                    .toList();
            if (!entryProviders.isEmpty() && (!entryPools.isEmpty() || entryProviders.size() > 1)) {
                p.add("cluster.pools", "has " + (entryPools.size() + entryProviders.size()) + " pools, "
                        + entryProviders.size() + " of them API providers: add cluster.routing with tiers that say "
                        + "which requests each pool serves (one pool of GPU replicas, or one provider, needs no "
                        + "routing; pools that are only fallbacks or named by pipeline stages do not count)");
            }
            if (entryPools.isEmpty() && entryProviders.isEmpty() && ResilienceCheck.usesDefaultTier(workload)) {
                p.add("cluster.pools", "every pool is a fallback or named by a pipeline stage, so requests without a "
                        + "pipeline (or model stages without tier or pool) have nowhere to go");
            }
            for (PoolPlan pool : entryPools) {
                if (pool.spec().router() != null) {
                    p.add("cluster.pools[" + pool.index() + "].router", "applies to a pool that serves a tier of "
                            + "cluster.routing; without routing, cluster.router spreads requests over every replica");
                }
                if (entryPools.size() > 1 && pool.spec().hasResilience()) {
                    p.add("cluster.pools[" + pool.index() + "]", "retry, timeout_s, fallback and circuit_breaker "
                            + "apply per pool, but without routing cluster.router spreads requests over the replicas "
                            + "of all " + entryPools.size() + " GPU pools: add cluster.routing with a tier per pool");
                }
            }
        } else {
            Set<String> served = new LinkedHashSet<>();
            boolean allKnown = true;
            for (int i = 0; i < routing.tiers().size(); i++) {
                RoutingSpec.TierSpec t = routing.tiers().get(i);
                if (!poolNames.contains(t.pool())) {
                    p.add("cluster.routing.tiers[" + i + "].pool", "must name a pool (" + String.join(", ", poolNames)
                            + "), got '" + t.pool() + "'");
                    allKnown = false;
                }
                served.add(t.pool());
            }
            for (String pool : poolNames) {
                if (allKnown && !served.contains(pool) && !secondary.contains(pool)) {
                    p.add("cluster.routing.tiers", "give pool '" + pool + "' a tier: a pool no tier, fallback or "
                            + "pipeline stage names gets no traffic (remove it from cluster.pools if it is not wanted)");
                }
            }
            for (int i = 0; i < routing.rules().size(); i++) {
                checkClasses("cluster.routing.rules[" + i + "].classes", routing.rules().get(i).classes(), classNames,
                        p);
            }
        }

        boolean anyContent = workload.classes().stream().anyMatch(c -> c.popularity() != null);
        for (int i = 0; i < cluster.caches().size(); i++) {
            CacheSpec c = cluster.caches().get(i);
            String path = "cluster.caches[" + i + "]";
            checkClasses(path + ".classes", c.classes(), classNames, p);
            if (!anyContent) {
                p.add(path, "needs requests that say what they ask: give the workload (or its classes) a "
                        + "popularity block (items, exponent, paraphrases); without it every request is unique and "
                        + "never hits");
            }
        }
    }

    private static void checkClasses(String path, List<String> names, Set<String> known, Problems p) {
        if (names == null) {
            return;
        }
        for (String n : names) {
            if (!known.contains(n)) {
                p.add(path, "names class '" + n + "', which the workload does not have (" + String.join(", ", known)
                        + ")");
            }
        }
    }
}
