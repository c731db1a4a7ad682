package org.llmsim.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A fleet's time series: per pool name and sample instant, the domains' samples added up. Arrivals, queue, running
 * sequences, replicas, serving replicas and spend rate are summed; KV utilization is weighted by provisioned replicas
 * (every replica of a pool has the same KV blocks, so this is the pool's blocks-in-use over its blocks, as one sampler
 * reports it). Every domain samples at the same instants ({@code k * interval}); a domain whose series ended earlier
 * (it went idle sooner) counts as idle from then on, with the replicas, serving replicas and spend rate of its last
 * sample.
 */
final class FleetSeries {
    private FleetSeries() {
    }

    static RunResult.TimeSeries merge(List<RunResult.TimeSeries> parts) {
        List<RunResult.TimeSeries> used = parts.stream().filter(t -> !Double.isNaN(t.intervalS())).toList();
        if (used.isEmpty()) {
            return RunResult.TimeSeries.EMPTY;
        }
        double intervalS = used.get(0).intervalS();
        Set<String> names = new LinkedHashSet<>();
        List<List<Map<String, RunResult.Sample>>> instants = new ArrayList<>();
        int length = 0;
        for (RunResult.TimeSeries t : used) {
            if (Double.compare(t.intervalS(), intervalS) != 0) {
                throw new IllegalArgumentException("time series sampled every " + t.intervalS() + " s and every "
                        + intervalS + " s cannot be merged");
            }
            names.addAll(t.pools());
            List<Map<String, RunResult.Sample>> byInstant = instants(t);
            instants.add(byInstant);
            length = Math.max(length, byInstant.size());
        }
        List<RunResult.Sample> samples = new ArrayList<>();
        for (int k = 0; k < length; k++) {
            double timeS = Double.NaN;
            for (List<Map<String, RunResult.Sample>> d : instants) {
                if (k < d.size()) {
                    timeS = d.get(k).values().iterator().next().timeS();
                    break;
                }
            }
            for (String pool : names) {
                List<RunResult.Sample> at = new ArrayList<>();
                for (List<Map<String, RunResult.Sample>> d : instants) {
                    RunResult.Sample s = sample(d, k, pool, timeS);
                    if (s != null) {
                        at.add(s);
                    }
                }
                if (!at.isEmpty()) {
                    samples.add(add(timeS, pool, at, intervalS));
                }
            }
        }
        return new RunResult.TimeSeries(intervalS, List.copyOf(names), List.copyOf(samples));
    }

    /** The samples of one series grouped by instant (the series is ordered by time, then pool). */
    private static List<Map<String, RunResult.Sample>> instants(RunResult.TimeSeries t) {
        List<Map<String, RunResult.Sample>> out = new ArrayList<>();
        double last = Double.NaN;
        for (RunResult.Sample s : t.samples()) {
            if (out.isEmpty() || Double.compare(s.timeS(), last) != 0) {
                out.add(new LinkedHashMap<>());
                last = s.timeS();
            }
            out.get(out.size() - 1).put(s.pool(), s);
        }
        return out;
    }

    /** A domain's sample of a pool at instant k, or an idle one after its series ended (null: no such pool). */
    private static RunResult.Sample sample(List<Map<String, RunResult.Sample>> d, int k, String pool, double timeS) {
        if (k < d.size()) {
            return d.get(k).get(pool);
        }
        for (int i = d.size() - 1; i >= 0; i--) {
            RunResult.Sample last = d.get(i).get(pool);
            if (last != null) {
                return new RunResult.Sample(timeS, pool, 0, last.intervalS(), 0, 0, 0, last.replicas(),
                        last.usdPerHour(), last.servingReplicas());
            }
        }
        return null;
    }

    private static RunResult.Sample add(double timeS, String pool, List<RunResult.Sample> at, double intervalS) {
        long arrivals = Merging.sumLong(at, RunResult.Sample::arrivals);
        double kv = Merging.mean(Merging.map(at, RunResult.Sample::kvUtilization),
                Merging.map(at, s -> (double) s.replicas()), 0);
        return new RunResult.Sample(timeS, pool, arrivals, intervalS,
                (int) Merging.sumLong(at, RunResult.Sample::queueLength),
                (int) Merging.sumLong(at, RunResult.Sample::runningSequences), kv,
                (int) Merging.sumLong(at, RunResult.Sample::replicas),
                Merging.sum(at, RunResult.Sample::usdPerHour),
                (int) Merging.sumLong(at, RunResult.Sample::servingReplicas));
    }
}
