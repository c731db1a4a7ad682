package org.llmsim.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * Merges the results of a fleet's router domains (each an ordinary run, simulated anywhere) into the fleet's result,
 * which the writers print like any run's. The merged figures are those one simulation of every domain would report
 * wherever the definitions allow:
 * <ul>
 *   <li><b>Exact</b> (up to the rounding of a floating-point sum): request counts and their reasons, throughput and
 *       goodput (completions inside the window, recovered as integers from the rates and the shared window),
 *       SLO and deadline attainment (good over measured, counted as {@link MetricsCollector} counts them),
 *       preemptions, prefix cache rates (from their raw counts), speculative decoding (from its raw sums), measured
 *       totals, KV transfers, every dollar and GPU-hour, and the steady-state cost figures recomputed from the summed
 *       spend rate and throughput with {@link CostCalculator}'s formulas; utilization weighted as the collector
 *       averages it (KV and busy time by replica-seconds in the window, batch size by passes).</li>
 *   <li><b>Within the histogram's error</b>: latency percentiles ({@link LatencyStats#merge}: bit for bit those of
 *       one histogram of every sample, which is within about 0.05% of the exact percentile).</li>
 *   <li><b>By convention</b> (documented in {@link FleetSeries}, {@link FleetElastic} and {@link FleetApp}): the time
 *       series, the autoscaling figures and the self-host break-even, which have no single-run counterpart for
 *       independent domains.</li>
 * </ul>
 * A merge of one domain equals that domain's result apart from the {@link FleetResult} block: a weighted mean of
 * one part is that part's value, and a count recovered from a rate gives the rate back.
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
        List<RunResult> rs = domains.stream().map(DomainRun::result).toList();
        RunResult first = rs.get(0);
        for (DomainRun d : domains) {
            if (!d.result().window().equals(first.window())) {
                throw new IllegalArgumentException("domain " + d.domain() + " has the window " + d.result().window()
                        + ", domain " + domains.get(0).domain() + " " + first.window());
            }
        }
        double windowS = first.window().lengthS();
        RunResult.Throughput throughput = throughput(map(rs, RunResult::throughput), windowS);
        List<Long> withDeadline = map(rs, r -> measuredWithDeadline(r.classes()));
        RunResult.SloResult slo = slo(map(rs, RunResult::slo), map(rs, r -> r.requests().measured()), withDeadline,
                windowS);
        List<Integer> offsets = new ArrayList<>();
        int offset = 0;
        for (RunResult r : rs) {
            offsets.add(offset);
            offset += r.replicas().size();
        }
        RunResult.SimStats sim = new RunResult.SimStats(sum(rs, r -> r.sim().wallS()),
                sumLong(rs, r -> r.sim().events()), max(rs, r -> r.sim().simulatedS()));
        RunResult.Cost cost = cost(map(rs, RunResult::cost), throughput);
        RunResult.MeasuredRequests measured = measured(map(rs, RunResult::measured));
        RunResult merged = new RunResult(scenario, seed, first.window(), counts(map(rs, RunResult::requests)),
                latency(rs, RunResult::ttft), latency(rs, RunResult::tpot), latency(rs, RunResult::e2e),
                latency(rs, RunResult::queue), throughput, slo, cost,
                utilization(map(rs, RunResult::utilization)), sumLong(rs, RunResult::preemptions),
                FleetPools.pools(domains), replicas(rs, offsets), sim,
                FleetSeries.merge(map(rs, RunResult::timeSeries)), classes(domains, windowS),
                latency(rs, RunResult::itl), preemption(map(rs, RunResult::preemption)),
                prefixCache(map(rs, RunResult::prefixCache)), measured,
                speculative(map(rs, RunResult::speculative)), kvTransfer(map(rs, RunResult::kvTransfer)),
                FleetApp.merge(domains, cost, throughput, measured),
                FleetElastic.merge(map(rs, RunResult::elastic), offsets, map(rs, r -> r.sim().simulatedS()),
                        map(rs, FleetMerge::poolReplicas)));
        List<FleetResult.DomainRow> rows = domains.stream().map(FleetResult.DomainRow::of).toList();
        return merged.withFleet(new FleetResult(domains.size(), shards, rows));
    }

    private static List<RunResult.ClassResult> classes(List<DomainRun> domains, double windowS) {
        List<RunResult.ClassResult> firstClasses = domains.get(0).result().classes();
        List<String> names = firstClasses.stream().map(RunResult.ClassResult::name).toList();
        for (DomainRun d : domains) {
            List<String> other = d.result().classes().stream().map(RunResult.ClassResult::name).toList();
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
                    throughput(map(parts, RunResult.ClassResult::throughput), windowS),
                    slo(map(parts, RunResult.ClassResult::slo), map(parts, p -> p.requests().measured()),
                            map(parts, p -> measuredWithDeadline(List.of(p))), windowS)));
        }
        return merged;
    }

    private static Map<String, Integer> poolReplicas(RunResult r) {
        Map<String, Integer> m = new LinkedHashMap<>();
        r.pools().forEach(p -> m.put(p.name(), p.replicas()));
        return m;
    }

    /** Measured arrivals of classes with a deadline: the denominator of the deadline attainment. */
    private static long measuredWithDeadline(List<RunResult.ClassResult> classes) {
        long n = 0;
        for (RunResult.ClassResult c : classes) {
            n += c.slo().deadlineS() != null ? c.requests().measured() : 0;
        }
        return n;
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

    /** Completions inside the window: the integers behind each rate, summed, over the shared window. */
    private static RunResult.Throughput throughput(List<RunResult.Throughput> parts, double windowS) {
        long completed = 0;
        long input = 0;
        long output = 0;
        for (RunResult.Throughput t : parts) {
            completed += count(t.requestsPerS(), windowS);
            input += count(t.inputTokensPerS(), windowS);
            output += count(t.outputTokensPerS(), windowS);
        }
        return new RunResult.Throughput(completed / windowS, input / windowS, output / windowS);
    }

    /** Attainment and goodput as the collector defines them, from the counts behind each domain's rates. */
    private static RunResult.SloResult slo(List<RunResult.SloResult> parts, List<Long> measured,
            List<Long> withDeadline, double windowS) {
        long good = 0;
        long goodInWindow = 0;
        long inDeadline = 0;
        long measuredSum = 0;
        long withDeadlineSum = 0;
        for (int i = 0; i < parts.size(); i++) {
            RunResult.SloResult s = parts.get(i);
            good += count(s.attainment(), measured.get(i));
            goodInWindow += count(s.goodputRps(), windowS);
            inDeadline += count(s.deadlineAttainment(), withDeadline.get(i));
            measuredSum += measured.get(i);
            withDeadlineSum += withDeadline.get(i);
        }
        RunResult.SloResult t = parts.get(0);
        return new RunResult.SloResult(t.ttftS(), t.tpotS(), t.e2eS(),
                measuredSum == 0 ? Double.NaN : (double) good / measuredSum, goodInWindow / windowS, t.deadlineS(),
                withDeadlineSum == 0 ? Double.NaN : (double) inDeadline / withDeadlineSum);
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
        for (RunResult.Utilization u : parts) {
            if (Double.isNaN(u.replicaS())) {
                throw new IllegalArgumentException("cannot merge utilization without its replica-seconds");
            }
        }
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

    private static RunResult.PreemptionResult preemption(List<RunResult.PreemptionResult> parts) {
        return new RunResult.PreemptionResult(sumLong(parts, RunResult.PreemptionResult::recompute),
                sumLong(parts, RunResult.PreemptionResult::swap),
                sumLong(parts, RunResult.PreemptionResult::swapSpaceFull),
                sum(parts, RunResult.PreemptionResult::swappedBytes), sum(parts, RunResult.PreemptionResult::swapS),
                sumLong(parts, RunResult.PreemptionResult::recomputeTokens),
                sum(parts, RunResult.PreemptionResult::recomputeS));
    }

    private static RunResult.PrefixCacheResult prefixCache(List<RunResult.PrefixCacheResult> parts) {
        long queried = sumLong(parts, RunResult.PrefixCacheResult::queriedTokens);
        long hit = sumLong(parts, RunResult.PrefixCacheResult::hitTokens);
        long requestsHit = sumLong(parts, RunResult.PrefixCacheResult::requestsHit);
        long lookups = sumLong(parts, RunResult.PrefixCacheResult::lookups);
        return new RunResult.PrefixCacheResult(CostCalculator.ratio(hit, queried),
                CostCalculator.ratio(requestsHit, lookups),
                sumLong(parts, RunResult.PrefixCacheResult::prefillTokensSaved),
                lookups, queried, hit, requestsHit);
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

    private static RunResult.SpeculativeResult speculative(List<RunResult.SpeculativeResult> parts) {
        if (parts.stream().allMatch(RunResult.SpeculativeResult.NONE::equals)) {
            return RunResult.SpeculativeResult.NONE;
        }
        long steps = sumLong(parts, RunResult.SpeculativeResult::sequenceSteps);
        long tokens = sumLong(parts, RunResult.SpeculativeResult::tokens);
        long proposed = sumLong(parts, RunResult.SpeculativeResult::proposed);
        double draftS = sum(parts, RunResult.SpeculativeResult::draftS);
        double passS = sum(parts, RunResult.SpeculativeResult::passS);
        return new RunResult.SpeculativeResult(steps, CostCalculator.ratio(tokens, steps),
                CostCalculator.ratio(tokens - steps, proposed), CostCalculator.ratio(draftS, passS), tokens, proposed,
                draftS, passS);
    }

    private static RunResult.KvTransferResult kvTransfer(List<RunResult.KvTransferResult> parts) {
        long transfers = sumLong(parts, RunResult.KvTransferResult::transfers);
        if (transfers == 0) {
            return RunResult.KvTransferResult.NONE;
        }
        return new RunResult.KvTransferResult(transfers, sum(parts, RunResult.KvTransferResult::bytes),
                mean(map(parts, RunResult.KvTransferResult::meanS), map(parts, k -> (double) k.transfers()),
                        Double.NaN),
                max(parts.stream().filter(k -> k.transfers() > 0).toList(), RunResult.KvTransferResult::maxS));
    }

    static <T> LatencyStats latency(List<T> parts, Function<T, LatencyStats> stats) {
        return LatencyStats.merge(map(parts, stats));
    }

    /**
     * The integer behind a ratio {@code n / denominator} (a count over a window, good over measured): exact for
     * counts below 2^50, since the ratio and its product with the denominator each round by at most half an ulp.
     * 0 for an undefined ratio (NaN: nothing counted).
     */
    static long count(double ratio, double denominator) {
        return Double.isNaN(ratio) || !(denominator > 0) ? 0 : Math.round(ratio * denominator);
    }

    /**
     * The mean of {@code values} weighted by {@code weights}, over the parts of positive weight: the one part's value
     * when there is one (so a merge of one domain gives its figures back bit for bit), {@code ifNoWeight} when there
     * is none.
     */
    static double mean(List<Double> values, List<Double> weights, double ifNoWeight) {
        double weighted = 0;
        double total = 0;
        int parts = 0;
        double only = ifNoWeight;
        for (int i = 0; i < values.size(); i++) {
            double w = weights.get(i);
            if (w > 0) {
                weighted += values.get(i) * w;
                total += w;
                parts++;
                only = values.get(i);
            }
        }
        return parts <= 1 ? only : weighted / total;
    }

    static <T, R> List<R> map(List<T> parts, Function<T, R> f) {
        List<R> out = new ArrayList<>(parts.size());
        for (T p : parts) {
            out.add(f.apply(p));
        }
        return out;
    }

    static <T> double sum(List<T> parts, ToDoubleFunction<T> f) {
        double s = 0;
        for (T p : parts) {
            s += f.applyAsDouble(p);
        }
        return s;
    }

    static <T> long sumLong(List<T> parts, ToLongFunction<T> f) {
        long s = 0;
        for (T p : parts) {
            s += f.applyAsLong(p);
        }
        return s;
    }

    /** The largest value, NaN when there are none. */
    static <T> double max(List<T> parts, ToDoubleFunction<T> f) {
        double m = Double.NaN;
        for (T p : parts) {
            double v = f.applyAsDouble(p);
            m = Double.isNaN(m) ? v : Math.max(m, v);
        }
        return m;
    }

    /** Groups items by a name, in the order names first appear. */
    static <T> Map<String, List<T>> byName(List<T> items, Function<T, String> name) {
        Map<String, List<T>> groups = new LinkedHashMap<>();
        for (T item : items) {
            groups.computeIfAbsent(Objects.requireNonNull(name.apply(item)), k -> new ArrayList<>()).add(item);
        }
        return groups;
    }
}
