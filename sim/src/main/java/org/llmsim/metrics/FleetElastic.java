package org.llmsim.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fleet's autoscaling and fault figures: per pool name, the domains' pools taken as one, and every replica event of
 * every domain. Choices, figure by figure:
 * <ul>
 *   <li>summed: the floor and ceiling ({@code minReplicas}, {@code maxReplicas}: the fleet's), scale-ups,
 *       scale-downs, cold starts, GPU-hours and their cost, crashes, requests retried and failed, degraded replicas,
 *       replicas warm at the start;</li>
 *   <li>{@code replicasMean}: the fleet's provisioned replicas averaged over the longest domain's simulated span
 *       (each domain's mean times its span, summed, over that span; a domain provisions nothing after its own run
 *       ends, as its bill says);</li>
 *   <li>{@code replicasMin} and {@code replicasMax}: the sums of the domains' extremes, which bound the fleet's
 *       (domains reach their extremes at different times, and the result does not keep when);</li>
 *   <li>configuration (autoscaled, metric, target, cold start): the first domain's; faulted when any domain is;</li>
 *   <li>events: every domain's, its replicas renumbered to the fleet's global indices, sorted by time (stable: a
 *       domain's events keep their order, and events at the same instant come in domain order). Their
 *       {@code target}, {@code provisioned} and {@code serving} are the fleet pool's: the sums over domains of each
 *       domain's counts after its latest event (its replicas warm at t = 0 before its first), so the provisioned
 *       replicas over time read from the events are the fleet's.</li>
 * </ul>
 */
final class FleetElastic {
    private FleetElastic() {
    }

    /** @param parts each domain's figures, in domain order */
    static ElasticResult merge(List<ElasticResult> parts, FleetContext fleet) {
        if (parts.stream().allMatch(ElasticResult.NONE::equals)) {
            return ElasticResult.NONE;
        }
        List<Integer> offsets = fleet.replicaOffsets();
        List<Double> simulatedS = Merging.map(fleet.domains(), d -> d.result().sim().simulatedS());
        // each domain's replicas by pool name (the count of a pool without autoscaling or faults)
        List<Map<String, Integer>> poolReplicas = Merging.map(fleet.domains(), d -> poolReplicas(d.result()));
        double spanS = simulatedS.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        List<Spanned> all = new ArrayList<>();
        List<Tagged> tagged = new ArrayList<>();
        for (int d = 0; d < parts.size(); d++) {
            for (ElasticResult.PoolElastic p : parts.get(d).pools()) {
                all.add(new Spanned(p, simulatedS.get(d)));
            }
            int offset = offsets.get(d);
            for (ElasticResult.ReplicaEvent e : parts.get(d).events()) {
                tagged.add(new Tagged(d, e.replica() < 0 ? e : new ElasticResult.ReplicaEvent(e.timeS(), e.pool(),
                        e.event(), e.replica() + offset, e.target(), e.provisioned(), e.serving(), e.metric(),
                        e.value(), e.reason())));
            }
        }
        tagged.sort(Comparator.comparingDouble(t -> t.event().timeS()));
        List<ElasticResult.ReplicaEvent> events = fleetCounts(tagged, parts, poolReplicas);
        List<ElasticResult.PoolElastic> pools = new ArrayList<>();
        for (Map.Entry<String, List<Spanned>> e : Merging.byName(all, s -> s.pool().name()).entrySet()) {
            pools.add(pool(e.getValue(), spanS));
        }
        return new ElasticResult(List.copyOf(pools), List.copyOf(events));
    }

    private record Tagged(int domain, ElasticResult.ReplicaEvent event) {
    }

    private static Map<String, Integer> poolReplicas(RunResult r) {
        Map<String, Integer> m = new LinkedHashMap<>();
        r.pools().forEach(p -> m.put(p.name(), p.replicas()));
        return m;
    }

    /**
     * The events with the fleet's pool counts: each domain's pool holds the target, provisioned and serving replicas
     * of its last event (its warm replicas at t = 0 before any), and an event reports their sums over the domains.
     */
    private static List<ElasticResult.ReplicaEvent> fleetCounts(List<Tagged> tagged, List<ElasticResult> parts,
            List<Map<String, Integer>> poolReplicas) {
        Map<String, int[][]> state = new HashMap<>();
        List<ElasticResult.ReplicaEvent> out = new ArrayList<>();
        for (Tagged t : tagged) {
            ElasticResult.ReplicaEvent e = t.event();
            int[][] pool = state.computeIfAbsent(e.pool(), name -> initial(name, parts, poolReplicas));
            pool[t.domain()] = new int[] {e.target(), e.provisioned(), e.serving()};
            int[] sum = new int[3];
            for (int[] d : pool) {
                for (int i = 0; i < 3; i++) {
                    sum[i] += d[i];
                }
            }
            out.add(new ElasticResult.ReplicaEvent(e.timeS(), e.pool(), e.event(), e.replica(), sum[0], sum[1],
                    sum[2], e.metric(), e.value(), e.reason()));
        }
        return List.copyOf(out);
    }

    private static int[][] initial(String pool, List<ElasticResult> parts, List<Map<String, Integer>> poolReplicas) {
        int[][] state = new int[parts.size()][];
        for (int d = 0; d < parts.size(); d++) {
            int warm = poolReplicas.get(d).getOrDefault(pool, 0);
            for (ElasticResult.PoolElastic p : parts.get(d).pools()) {
                warm = p.name().equals(pool) ? p.initialReplicas() : warm;
            }
            state[d] = new int[] {warm, warm, warm};
        }
        return state;
    }

    private record Spanned(ElasticResult.PoolElastic pool, double spanS) {
    }

    private static ElasticResult.PoolElastic pool(List<Spanned> parts, double spanS) {
        List<ElasticResult.PoolElastic> ps = Merging.map(parts, Spanned::pool);
        ElasticResult.PoolElastic p = ps.get(0);
        double replicasMean = p.replicasMean();
        if (ps.size() > 1) {
            double replicaS = 0;
            for (Spanned s : parts) {
                replicaS += s.pool().replicasMean() * s.spanS();
            }
            replicasMean = spanS > 0 ? replicaS / spanS : 0;
        }
        return new ElasticResult.PoolElastic(p.name(), p.autoscaled(),
                (int) Merging.sumLong(ps, ElasticResult.PoolElastic::minReplicas),
                (int) Merging.sumLong(ps, ElasticResult.PoolElastic::maxReplicas), p.metric(), p.target(),
                p.coldStartS(), Merging.sumLong(ps, ElasticResult.PoolElastic::scaleUps),
                Merging.sumLong(ps, ElasticResult.PoolElastic::scaleDowns),
                Merging.sumLong(ps, ElasticResult.PoolElastic::coldStarts), replicasMean,
                (int) Merging.sumLong(ps, ElasticResult.PoolElastic::replicasMin),
                (int) Merging.sumLong(ps, ElasticResult.PoolElastic::replicasMax),
                Merging.sum(ps, ElasticResult.PoolElastic::gpuHours),
                Merging.sum(ps, ElasticResult.PoolElastic::gpuUsd),
                ps.stream().anyMatch(ElasticResult.PoolElastic::faulted),
                Merging.sumLong(ps, ElasticResult.PoolElastic::crashes),
                Merging.sumLong(ps, ElasticResult.PoolElastic::requestsRetried),
                Merging.sumLong(ps, ElasticResult.PoolElastic::requestsFailed),
                (int) Merging.sumLong(ps, ElasticResult.PoolElastic::degraded),
                (int) Merging.sumLong(ps, ElasticResult.PoolElastic::initialReplicas));
    }
}
