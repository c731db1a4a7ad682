package org.llmsim.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A fleet's pools: the pools of the same name in every router domain taken as one pool. Replicas, completions and
 * spend rates are summed, utilization weighted as {@link FleetMerge#utilization} does, latencies merged; prefill and
 * decode replicas of a disaggregated pool summed. The configuration (GPU, model, tensor parallelism, data types,
 * batching) must agree across domains, since one row describes them all.
 */
final class FleetPools {
    private FleetPools() {
    }

    /** One row per pool name, in the order names first appear (domain by domain). */
    static List<RunResult.PoolResult> pools(List<DomainRun> domains) {
        List<Named> all = new ArrayList<>();
        for (DomainRun d : domains) {
            for (RunResult.PoolResult p : d.result().pools()) {
                all.add(new Named(d.domain(), p));
            }
        }
        List<RunResult.PoolResult> merged = new ArrayList<>();
        for (Map.Entry<String, List<Named>> e : Merging.byName(all, n -> n.pool().name()).entrySet()) {
            merged.add(merge(e.getKey(), e.getValue()));
        }
        return List.copyOf(merged);
    }

    private record Named(String domain, RunResult.PoolResult pool) {
    }

    private static RunResult.PoolResult merge(String name, List<Named> parts) {
        RunResult.PoolResult p = parts.get(0).pool();
        for (Named n : parts) {
            RunResult.PoolResult q = n.pool();
            if (!(q.gpu().equals(p.gpu()) && q.model().equals(p.model()) && q.tensorParallel() == p.tensorParallel()
                    && q.weightDtype().equals(p.weightDtype()) && q.kvDtype().equals(p.kvDtype())
                    && q.batching().equals(p.batching()))) {
                throw new IllegalArgumentException("pool " + name + " is configured differently in domains "
                        + parts.get(0).domain() + " (" + describe(p) + ") and " + n.domain() + " (" + describe(q)
                        + "); a fleet's pools of one name must agree");
            }
        }
        List<RunResult.PoolResult> pools = Merging.map(parts, Named::pool);
        RunResult.PoolLayout l = p.layout();
        RunResult.PoolLayout layout = new RunResult.PoolLayout(l.pipelineParallel(), l.gpusPerReplica(),
                l.draftModel(), l.speculativeK(), l.acceptance(),
                (int) Merging.sumLong(pools, q -> q.layout().prefillReplicas()),
                (int) Merging.sumLong(pools, q -> q.layout().decodeReplicas()), l.kvLink());
        RunResult.PoolLatency latency = new RunResult.PoolLatency(
                Merging.latency(pools, q -> q.latency().ttft()), Merging.latency(pools, q -> q.latency().tpot()),
                Merging.latency(pools, q -> q.latency().e2e()));
        return new RunResult.PoolResult(name, p.gpu(), p.model(),
                (int) Merging.sumLong(pools, RunResult.PoolResult::replicas), p.tensorParallel(), p.weightDtype(),
                p.kvDtype(), p.batching(), p.kvBlocksPerReplica(), p.kvTokensPerReplica(),
                Merging.sum(pools, RunResult.PoolResult::usdPerHour),
                Merging.sumLong(pools, RunResult.PoolResult::completed),
                FleetMerge.utilization(Merging.map(pools, RunResult.PoolResult::utilization)), p.schedulerOrder(),
                p.prefixCaching(), p.preemption(), layout, latency);
    }

    private static String describe(RunResult.PoolResult p) {
        return Objects.toString(p.gpu()) + ", " + p.model() + ", tp " + p.tensorParallel() + ", " + p.weightDtype()
                + "/" + p.kvDtype() + ", " + p.batching();
    }
}
