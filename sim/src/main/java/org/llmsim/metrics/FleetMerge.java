package org.llmsim.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.llmsim.metrics.Merging.latency;
import static org.llmsim.metrics.Merging.map;
import static org.llmsim.metrics.Merging.max;
import static org.llmsim.metrics.Merging.mean;
import static org.llmsim.metrics.Merging.sum;
import static org.llmsim.metrics.Merging.sumLong;

/**
 * Merges the results of a fleet's router domains (each an ordinary run, simulated anywhere) into the fleet's result,
 * which the writers print like any run's. The merged figures are those one simulation of every domain would report
 * wherever the definitions allow:
 * <ul>
 *   <li><b>Exact</b> (up to the rounding of a floating-point sum): request counts and their reasons, throughput and
 *       goodput (the completions and tokens inside the window, summed, over the shared window), SLO and deadline
 *       attainment (good over measured, summed), measured totals, every dollar and GPU-hour, and the steady-state
 *       cost figures recomputed from the summed spend rate and throughput with {@link CostCalculator}'s formulas;
 *       utilization weighted as the collector averages it (KV and busy time by replica-seconds in the window, batch
 *       size by passes).</li>
 *   <li><b>Within the histogram's error</b>: latency percentiles ({@link LatencyStats#merge}: bit for bit those of
 *       one histogram of every sample, which is within about 0.05% of the exact percentile).</li>
 *   <li><b>Section by section</b>: each {@link Section} kind present in any domain merges the domains' sections
 *       itself ({@link SectionType#merge}, a domain without one contributing the kind's empty value): the engine's
 *       sections sum their raw counts and derive their ratios from the sums.</li>
 *   <li><b>By convention</b> (documented in {@link FleetSeries}, {@link FleetElastic} and {@link FleetApp}): the time
 *       series, the autoscaling figures and the self-host break-even, which have no single-run counterpart for
 *       independent domains.</li>
 * </ul>
 * A merge of one domain equals that domain's result apart from the {@link FleetResult} section: a weighted mean of
 * one part is that part's value, and a ratio of one part's counts is that part's ratio.
 */
public final class FleetMerge {

    private FleetMerge() {
    }

    /**
     * The fleet's result. {@code sim.wallS} is the sum of the domains' wall times; the caller replaces it with the
     * fleet's elapsed time.
     *
     * @param scenario the fleet scenario's name
     * @param seed     the fleet scenario's seed
     * @param shards   units of work the domains were simulated in (reported only)
     * @param domains  the domains' runs, in the fleet's order; same window, same classes, no application layer
     *                 (a cost breakdown and a break-even are fine: every run has them)
     * @throws IllegalArgumentException on no domains, an application layer, different windows, classes or
     *                                  intervals, or a pool configured differently in two domains
     */
    public static RunResult merge(String scenario, long seed, int shards, List<DomainRun> domains) {
        if (domains.isEmpty()) {
            throw new IllegalArgumentException("a fleet needs at least one router domain");
        }
        List<RunResult> rs = map(domains, DomainRun::result);
        RunResult first = rs.get(0);
        for (DomainRun d : domains) {
            if (!d.result().window().equals(first.window())) {
                throw new IllegalArgumentException("domain " + d.domain() + " has the window " + d.result().window()
                        + ", domain " + domains.get(0).domain() + " " + first.window());
            }
        }
        List<Integer> offsets = new ArrayList<>();
        int offset = 0;
        for (RunResult r : rs) {
            offsets.add(offset);
            offset += r.replicas().size();
        }
        RunResult.Throughput throughput = throughput(map(rs, RunResult::throughput));
        RunResult.SimStats sim = new RunResult.SimStats(sum(rs, r -> r.sim().wallS()),
                sumLong(rs, r -> r.sim().events()), max(rs, r -> r.sim().simulatedS()));
        RunResult core = new RunResult(scenario, seed, first.window(), counts(map(rs, RunResult::requests)),
                latency(rs, RunResult::ttft), latency(rs, RunResult::tpot), latency(rs, RunResult::e2e),
                latency(rs, RunResult::queue), throughput, slo(map(rs, RunResult::slo)),
                cost(map(rs, RunResult::cost), throughput), utilization(map(rs, RunResult::utilization)),
                FleetPools.pools(domains), replicas(rs, offsets), classes(domains),
                measured(map(rs, RunResult::measured)), sim, FleetSeries.merge(map(rs, RunResult::timeSeries)),
                Sections.NONE);
        RunResult merged = core;
        FleetContext context = new FleetContext(domains, core, offsets);
        for (SectionType<?> type : sectionTypes(rs)) {
            merged = merged.with(type.mergeDomains(context));
        }
        List<FleetResult.DomainRow> rows = map(domains, FleetResult.DomainRow::of);
        return merged.with(new FleetResult(domains.size(), shards, rows));
    }

    /** The kinds of section any domain has, by key. */
    private static List<SectionType<?>> sectionTypes(List<RunResult> rs) {
        Map<String, SectionType<?>> types = new TreeMap<>();
        for (RunResult r : rs) {
            for (Section s : r.sections().all()) {
                types.putIfAbsent(s.type().key(), s.type());
            }
        }
        return List.copyOf(types.values());
    }

    private static List<RunResult.ClassResult> classes(List<DomainRun> domains) {
        List<RunResult.ClassResult> firstClasses = domains.get(0).result().classes();
        List<String> names = map(firstClasses, RunResult.ClassResult::name);
        for (DomainRun d : domains) {
            List<String> other = map(d.result().classes(), RunResult.ClassResult::name);
            if (!other.equals(names)) {
                throw new IllegalArgumentException("domain " + d.domain() + " has the classes " + other + ", domain "
                        + domains.get(0).domain() + " " + names);
            }
        }
        List<RunResult.ClassResult> merged = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            int c = i;
            List<RunResult.ClassResult> parts = map(domains, d -> d.result().classes().get(c));
            RunResult.ClassResult k = parts.get(0);
            merged.add(new RunResult.ClassResult(k.name(), k.priority(),
                    counts(map(parts, RunResult.ClassResult::requests)),
                    latency(parts, RunResult.ClassResult::ttft), latency(parts, RunResult.ClassResult::tpot),
                    latency(parts, RunResult.ClassResult::e2e), latency(parts, RunResult.ClassResult::queue),
                    throughput(map(parts, RunResult.ClassResult::throughput)),
                    slo(map(parts, RunResult.ClassResult::slo))));
        }
        return merged;
    }

    static RunResult.RequestCounts counts(List<RunResult.RequestCounts> parts) {
        Map<String, Long> rejected = new TreeMap<>();
        Map<String, Long> failed = new TreeMap<>();
        for (RunResult.RequestCounts c : parts) {
            c.rejectedByReason().forEach((k, v) -> rejected.merge(k, v, Long::sum));
            c.failedByReason().forEach((k, v) -> failed.merge(k, v, Long::sum));
        }
        return new RunResult.RequestCounts(sumLong(parts, RunResult.RequestCounts::arrived),
                sumLong(parts, RunResult.RequestCounts::completed), sumLong(parts, RunResult.RequestCounts::rejected),
                sumLong(parts, RunResult.RequestCounts::unfinished), sumLong(parts, RunResult.RequestCounts::measured),
                Collections.unmodifiableMap(rejected), sumLong(parts, RunResult.RequestCounts::failed),
                Collections.unmodifiableMap(failed));
    }

    /** Completions and their tokens inside the window, summed, over the shared window. */
    private static RunResult.Throughput throughput(List<RunResult.Throughput> parts) {
        return new RunResult.Throughput(sumLong(parts, RunResult.Throughput::completed),
                sumLong(parts, RunResult.Throughput::inputTokens), sumLong(parts, RunResult.Throughput::outputTokens),
                parts.get(0).windowS());
    }

    /** The first part's targets; the counts behind attainment and goodput summed. */
    private static RunResult.SloResult slo(List<RunResult.SloResult> parts) {
        RunResult.SloResult t = parts.get(0);
        return new RunResult.SloResult(t.ttftS(), t.tpotS(), t.e2eS(), t.deadlineS(),
                sumLong(parts, RunResult.SloResult::measured), sumLong(parts, RunResult.SloResult::good),
                sumLong(parts, RunResult.SloResult::goodInWindow), sumLong(parts, RunResult.SloResult::withDeadline),
                sumLong(parts, RunResult.SloResult::inDeadline), t.windowS());
    }

    /** Spend summed; the steady-state figures from the summed rate with {@link CostCalculator}'s formulas. */
    private static RunResult.Cost cost(List<RunResult.Cost> parts, RunResult.Throughput throughput) {
        double gpuUsd = sum(parts, RunResult.Cost::gpuUsd);
        double apiUsd = sum(parts, RunResult.Cost::apiUsd);
        double gatewayUsd = sum(parts, RunResult.Cost::gatewayUsd);
        double usdPerHour = sum(parts, RunResult.Cost::usdPerHour);
        double usdPerS = usdPerHour / 3600.0;
        return new RunResult.Cost(gpuUsd + apiUsd + gatewayUsd, gpuUsd, apiUsd, sum(parts, RunResult.Cost::gpuHours),
                usdPerHour, usdPerHour * CostCalculator.HOURS_PER_MONTH,
                CostCalculator.ratio(usdPerS, throughput.requestsPerS()),
                CostCalculator.ratio(usdPerS, throughput.outputTokensPerS()) * 1e6,
                CostCalculator.ratio(usdPerS, throughput.inputTokensPerS() + throughput.outputTokensPerS()) * 1e6,
                gatewayUsd, usdPerHour * 24);
    }

    /**
     * Utilization as the collector averages it over replicas: KV occupancy and busy time weighted by the
     * replica-seconds in the window, batch size by the passes.
     */
    static RunResult.Utilization utilization(List<RunResult.Utilization> parts) {
        List<Double> replicaS = map(parts, RunResult.Utilization::replicaS);
        List<Double> passes = map(parts, u -> (double) u.passes());
        return new RunResult.Utilization(mean(map(parts, RunResult.Utilization::kvCacheMean), replicaS, 0),
                mean(map(parts, RunResult.Utilization::batchSizeMean), passes, 0),
                mean(map(parts, RunResult.Utilization::busyFraction), replicaS, 0),
                sum(parts, RunResult.Utilization::replicaS), sumLong(parts, RunResult.Utilization::passes));
    }

    private static List<RunResult.ReplicaResult> replicas(List<RunResult> rs, List<Integer> offsets) {
        List<RunResult.ReplicaResult> all = new ArrayList<>();
        for (int d = 0; d < rs.size(); d++) {
            for (RunResult.ReplicaResult r : rs.get(d).replicas()) {
                all.add(new RunResult.ReplicaResult(offsets.get(d) + r.index(), r.pool(), r.completed(),
                        r.iterations(), r.utilization()));
            }
        }
        return List.copyOf(all);
    }

    private static RunResult.MeasuredRequests measured(List<RunResult.MeasuredRequests> parts) {
        double last = Double.NaN;
        for (RunResult.MeasuredRequests m : parts) {
            last = Double.isNaN(last) ? m.lastFinishS() : Double.isNaN(m.lastFinishS()) ? last
                    : Math.max(last, m.lastFinishS());
        }
        return new RunResult.MeasuredRequests(sumLong(parts, RunResult.MeasuredRequests::completed),
                sumLong(parts, RunResult.MeasuredRequests::good),
                sumLong(parts, RunResult.MeasuredRequests::inputTokens),
                sumLong(parts, RunResult.MeasuredRequests::outputTokens), last);
    }
}
