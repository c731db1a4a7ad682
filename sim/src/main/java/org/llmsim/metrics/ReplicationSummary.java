package org.llmsim.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Independent replications of one scenario (one seed each) and, for every {@link HeadlineMetric}, the mean over
 * them with its 95% confidence interval.
 *
 * @param runs      the results, by replication index; run 0 used the scenario's own seed
 * @param estimates by metric key, in {@link HeadlineMetric#ALL} order
 */
public record ReplicationSummary(List<RunResult> runs, Map<String, Estimate> estimates) {

    public ReplicationSummary {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("a replication summary needs at least one run");
        }
        runs = List.copyOf(runs);
        estimates = Collections.unmodifiableMap(new LinkedHashMap<>(estimates));
    }

    /** Summarises the runs of one scenario, given in replication order. */
    public static ReplicationSummary of(List<RunResult> runs) {
        Map<String, Estimate> estimates = new LinkedHashMap<>();
        for (HeadlineMetric m : HeadlineMetric.ALL) {
            estimates.put(m.key(), Estimate.of(values(runs, m)));
        }
        return new ReplicationSummary(runs, estimates);
    }

    /**
     * The difference {@code b - a} of a metric between two scenarios run under the same seeds, estimated from the
     * paired per-replication differences (common random numbers: both saw the same traffic, so the interval is
     * much narrower than the two separate intervals suggest).
     */
    public static Estimate pairedDifference(ReplicationSummary a, ReplicationSummary b, HeadlineMetric metric) {
        int n = Math.min(a.size(), b.size());
        double[] differences = new double[n];
        for (int i = 0; i < n; i++) {
            differences[i] = metric.of(b.runs.get(i)) - metric.of(a.runs.get(i));
        }
        return Estimate.of(differences);
    }

    /** Number of replications. */
    public int size() {
        return runs.size();
    }

    /** The run under the scenario's own seed (replication 0). */
    public RunResult first() {
        return runs.get(0);
    }

    public Estimate estimate(HeadlineMetric metric) {
        return estimates.get(metric.key());
    }

    /** The mean of a metric over replications, or its value when there is one run. */
    public double mean(HeadlineMetric metric) {
        return size() == 1 ? metric.of(first()) : estimate(metric).mean();
    }

    /** Seeds of the runs, by replication index. */
    public long[] seeds() {
        return runs.stream().mapToLong(RunResult::seed).toArray();
    }

    private static double[] values(List<RunResult> runs, HeadlineMetric m) {
        double[] v = new double[runs.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = m.of(runs.get(i));
        }
        return v;
    }
}
