package org.llmsim.metrics;

import java.util.ArrayList;
import java.util.List;

import org.llmsim.scenario.PoolPlan;
import org.llmsim.scenario.Scenario;

/**
 * The per-pool and per-replica rows of a run's result: each pool's configuration as planned, beside what its replicas
 * measured ({@link ReplicaProbe}) and the latencies of the measured requests it completed ({@link RequestProbe}).
 * Replicas are numbered globally in pool order.
 */
final class PoolRows {
    private PoolRows() {
    }

    static List<RunResult.PoolResult> pools(Scenario scenario, ReplicaProbe replicas, RequestProbe requests,
            ProvisionedTime provisioned) {
        List<RunResult.PoolResult> pools = new ArrayList<>();
        int first = 0;
        for (PoolPlan pool : scenario.pools()) {
            int last = first + pool.replicas();
            int p = pools.size();
            pools.add(new RunResult.PoolResult(pool.name(), pool.hardware().gpu().id(), pool.hardware().model().id(),
                    pool.replicas(), pool.hardware().tp(), pool.hardware().weightDtype().yamlName(),
                    pool.hardware().kvDtype().yamlName(), pool.scheduler().policy().yamlName(),
                    pool.memory().kvBlocks(), pool.memory().kvTokens(), provisioned.poolUsdPerHour(p, pool),
                    replicas.completed(first, last), replicas.utilization(first, last, provisioned),
                    pool.scheduler().order().yamlName(), pool.scheduler().prefixCaching(),
                    pool.scheduler().preemption().yamlName(), layout(pool), requests.poolLatency(p)));
            first = last;
        }
        return List.copyOf(pools);
    }

    static List<RunResult.ReplicaResult> replicas(Scenario scenario, ReplicaProbe replicas,
            ProvisionedTime provisioned) {
        List<RunResult.ReplicaResult> rows = new ArrayList<>();
        int first = 0;
        for (PoolPlan pool : scenario.pools()) {
            for (int i = first; i < first + pool.replicas(); i++) {
                rows.add(replicas.row(i, pool.name(), provisioned));
            }
            first += pool.replicas();
        }
        return List.copyOf(rows);
    }

    private static RunResult.PoolLayout layout(PoolPlan pool) {
        var spec = pool.spec();
        var speculative = spec.speculative();
        var split = spec.disaggregated();
        return new RunResult.PoolLayout(pool.hardware().pp(), pool.hardware().gpus(),
                speculative == null ? null : pool.hardware().draft().id(), speculative == null ? 0 : speculative.k(),
                speculative == null ? Double.NaN : speculative.acceptance(),
                split == null ? 0 : split.prefillReplicas(), split == null ? 0 : split.decodeReplicas(),
                split == null ? null : split.kvLink().yamlName());
    }
}
