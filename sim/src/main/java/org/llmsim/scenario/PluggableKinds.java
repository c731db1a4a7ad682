package org.llmsim.scenario;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The names a scenario may give its pluggable parts: router policies ({@code policy:}) and response-cache kinds
 * ({@code kind:}). The configuration layer checks names against these lists; the runtime registries
 * ({@code cluster.Routers}, {@code app.ResponseCaches}) hold one factory per name and declare here any name they
 * register beyond the built-in ones, so this package needs nothing from the code that implements the kinds.
 */
public final class PluggableKinds {
    private static final Set<String> ROUTER_POLICIES = new LinkedHashSet<>(List.of("round_robin", "random",
            "least_outstanding", "least_kv_load", "power_of_two", "affinity"));
    private static final Set<String> CACHE_KINDS = new LinkedHashSet<>(List.of("exact", "semantic"));

    private PluggableKinds() {
    }

    /** The router policies a scenario may name, built-in ones first. */
    public static synchronized List<String> routerPolicies() {
        return new ArrayList<>(ROUTER_POLICIES);
    }

    /** The response-cache kinds a scenario may name, built-in ones first. */
    public static synchronized List<String> cacheKinds() {
        return new ArrayList<>(CACHE_KINDS);
    }

    /** Makes {@code name} a valid {@code policy:} (called by the router registry when it registers one). */
    public static synchronized void declareRouterPolicy(String name) {
        ROUTER_POLICIES.add(name);
    }

    /** Makes {@code kind} a valid cache {@code kind:} (called by the cache registry when it registers one). */
    public static synchronized void declareCacheKind(String kind) {
        CACHE_KINDS.add(kind);
    }
}
