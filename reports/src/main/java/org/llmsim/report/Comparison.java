package org.llmsim.report;

import java.util.List;

import org.llmsim.metrics.Estimate;
import org.llmsim.metrics.HeadlineMetric;
import org.llmsim.metrics.ReplicationSummary;
import org.llmsim.scenario.Scenario;

/**
 * Scenarios run under the same seeds, side by side: the first is the baseline every other one is compared with.
 * Values are means over replications (the run itself with one replication); differences are "other minus
 * baseline", and with replications their confidence intervals come from the paired per-seed differences.
 */
public final class Comparison {
    private final List<Entry> entries;
    private final List<PricingAlternatives> pricing;

    /**
     * One compared scenario.
     *
     * @param label    "A", "B", ... in the order given
     * @param scenario the scenario as loaded
     * @param reps     its runs, one per seed
     */
    public record Entry(String label, Scenario scenario, ReplicationSummary reps) {
        public String name() {
            return reps.first().scenario();
        }

        /** "A quickstart": how charts and tables name the scenario. */
        public String title() {
            return label + " " + name();
        }
    }

    public Comparison(List<Entry> entries) {
        this(entries, List.of());
    }

    /** @param pricing per entry, what its fleet costs under each kind of pricing (empty: not shown) */
    public Comparison(List<Entry> entries, List<PricingAlternatives> pricing) {
        if (entries.size() < 2) {
            throw new IllegalArgumentException("a comparison needs at least two scenarios");
        }
        if (!pricing.isEmpty() && pricing.size() != entries.size()) {
            throw new IllegalArgumentException("one pricing alternative per scenario");
        }
        this.entries = List.copyOf(entries);
        this.pricing = List.copyOf(pricing);
    }

    /** Per entry, its fleet under each kind of pricing; empty when not computed. */
    public List<PricingAlternatives> pricing() {
        return pricing;
    }

    /** The entries' labels. */
    List<String> labels() {
        return entries.stream().map(Entry::label).toList();
    }

    /** Labels "A", "B", ..., "Z", "AA", ... */
    public static String label(int index) {
        return index < 26 ? String.valueOf((char) ('A' + index)) : label(index / 26 - 1) + label(index % 26);
    }

    public List<Entry> entries() {
        return entries;
    }

    public Entry baseline() {
        return entries.get(0);
    }

    /** Replications per scenario. */
    public int replications() {
        return baseline().reps().size();
    }

    /** The value (mean over replications) of a metric for entry {@code i}. */
    public double value(int i, HeadlineMetric m) {
        return entries.get(i).reps().mean(m);
    }

    /** Entry {@code i} minus the baseline. */
    public double delta(int i, HeadlineMetric m) {
        return value(i, m) - value(0, m);
    }

    /** {@code (entry i - baseline) / |baseline|}, NaN when the baseline is zero or undefined. */
    public double relativeDelta(int i, HeadlineMetric m) {
        return MetricFormat.relativeDelta(value(0, m), value(i, m));
    }

    /** The difference to the baseline with its confidence interval from paired seeds (no interval with one run). */
    public Estimate pairedDelta(int i, HeadlineMetric m) {
        return ReplicationSummary.pairedDifference(baseline().reps(), entries.get(i).reps(), m);
    }

    /** Whether entry {@code i} is better (+1), worse (-1) or neither (0) than the baseline on {@code m}. */
    public int direction(int i, HeadlineMetric m) {
        double d = delta(i, m);
        if (!Double.isFinite(d) || d == 0 || m.better() == HeadlineMetric.Better.NEITHER) {
            return 0;
        }
        if (replications() > 1) {
            Estimate e = pairedDelta(i, m);
            if (!e.excludes(0)) {
                return 0; // not distinguishable from no change
            }
        } else if (Math.abs(MetricFormat.relativeDelta(value(0, m), value(i, m))) < 0.005) {
            return 0; // within half a percent: the same
        }
        boolean lower = d < 0;
        return lower == (m.better() == HeadlineMetric.Better.LOWER) ? 1 : -1;
    }
}
