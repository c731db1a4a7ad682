package org.llmsim.scenario;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The serving cluster ({@code cluster}): a router over one or more pools of replicas. */
public record ClusterSpec(RouterSpec router, List<PoolSpec> pools) {

    public ClusterSpec {
        if (router == null) {
            router = new RouterSpec(null);
        }
    }

    public void validate(String path, Problems p) {
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
    }
}
