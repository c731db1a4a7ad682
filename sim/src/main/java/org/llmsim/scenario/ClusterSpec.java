package org.llmsim.scenario;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The serving system ({@code cluster}): a router over one or more pools (GPU replicas or API providers), and the
 * application layer in front of them: response caches ({@code caches}) and model tiers ({@code routing}).
 */
public record ClusterSpec(RouterSpec router, List<PoolSpec> pools, RoutingSpec routing, List<CacheSpec> caches) {

    public ClusterSpec {
        if (router == null) {
            router = new RouterSpec(null, null, null, null);
        }
        if (caches == null) {
            caches = List.of();
        }
    }

    /** A cluster of pools behind one router, without caches or tiers. */
    public ClusterSpec(RouterSpec router, List<PoolSpec> pools) {
        this(router, pools, null, null);
    }

    public void validate(String path, Problems p) {
        router.validate(path + ".router", p);
        if (!p.required(path + ".pools", pools)) {
            return;
        }
        if (pools.isEmpty()) {
            p.add(path + ".pools", "must list at least one pool");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < pools.size(); i++) {
            String poolPath = path + ".pools[" + i + "]";
            PoolSpec pool = pools.get(i);
            if (pool == null) {
                p.add(poolPath, "is empty");
                continue;
            }
            pool.validate(poolPath, p);
            if (pool.name() != null && !names.add(pool.name())) {
                p.add(poolPath + ".name", "duplicate pool name '" + pool.name() + "'");
            }
        }
        if (routing != null) {
            routing.validate(path + ".routing", p);
        }
        Set<String> cacheNames = new HashSet<>();
        for (int i = 0; i < caches.size(); i++) {
            CacheSpec c = caches.get(i);
            if (c == null) {
                p.add(path + ".caches[" + i + "]", "is empty");
                continue;
            }
            c.validate(path + ".caches[" + i + "]", p);
            if (c.name() != null && !cacheNames.add(c.name())) {
                p.add(path + ".caches[" + i + "].name", "duplicate cache name '" + c.name() + "'");
            }
        }
    }

    /**
     * Whether the cluster needs an application layer: caches, tiers, provider pools, a router that takes time, or pools
     * that retry, time out, fall back or break circuits.
     */
    public boolean hasApplicationLayer() {
        return routing != null || !caches.isEmpty() || router.decisionLatencyS() > 0
                || (pools != null && pools.stream().anyMatch(pool -> pool != null
                        && (pool.servedByProvider() || pool.hasResilience())));
    }
}
