package org.llmsim.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.llmsim.metrics.Estimate;
import org.llmsim.metrics.HeadlineMetric;
import org.llmsim.metrics.RunResult;

/**
 * One line per SLO and compared scenario, in words a planner forwards: "B meets the TTFT SLO (p99 91.2 ms <= 1 s),
 * as A does, at 31% lower cost." A scenario meets an SLO when the p99 of that metric (the mean p99 over
 * replications) is within the target; cost compares dollars per million output tokens.
 */
public final class Verdicts {
    private static final double SAME_COST = 0.005;

    private Verdicts() {
    }

    /** An SLO a verdict talks about: its name, the p99 metric, and how to read the target from a run. */
    private record Slo(String name, String p99Key, java.util.function.Function<RunResult.SloResult, Double> target) {
    }

    private static final List<Slo> SLOS = List.of(
            new Slo("TTFT", "ttft_s.p99", RunResult.SloResult::ttftS),
            new Slo("TPOT", "tpot_s.p99", RunResult.SloResult::tpotS),
            new Slo("E2E", "e2e_s.p99", RunResult.SloResult::e2eS));

    /** The verdicts of every scenario after the baseline, in order. */
    public static List<String> of(Comparison c) {
        List<String> lines = new ArrayList<>();
        for (int i = 1; i < c.entries().size(); i++) {
            lines.addAll(of(c, i));
        }
        return lines;
    }

    /** The verdicts of entry {@code i} against the baseline. */
    public static List<String> of(Comparison c, int i) {
        String a = c.baseline().label();
        String x = c.entries().get(i).label();
        String cost = cost(c, i);
        List<String> lines = new ArrayList<>();
        for (Slo slo : SLOS) {
            Double targetA = slo.target().apply(c.baseline().reps().first().slo());
            Double targetX = slo.target().apply(c.entries().get(i).reps().first().slo());
            Double target = targetX != null ? targetX : targetA;
            if (target == null) {
                continue;
            }
            HeadlineMetric p99 = HeadlineMetric.byKey(slo.p99Key());
            double valueX = c.value(i, p99);
            double valueA = c.value(0, p99);
            boolean meetsX = valueX <= target;
            StringBuilder b = new StringBuilder();
            b.append(x).append(meetsX ? " meets" : " misses").append(" the ").append(slo.name()).append(" SLO (p99 ")
                    .append(Format.latency(valueX)).append(meetsX ? " <= " : " > ").append(Format.latency(target))
                    .append(")");
            if (targetA != null && Double.isFinite(valueA)) {
                boolean meetsA = valueA <= targetA;
                b.append(meetsA == meetsX ? ", as " + a + " does" : ", which " + a + (meetsA ? " meets" : " misses")
                        + " (p99 " + Format.latency(valueA) + ")");
            }
            b.append(", ").append(cost).append('.');
            if (c.replications() > 1) {
                Estimate e = c.entries().get(i).reps().estimate(p99);
                if (e.ci95Low() <= target && target <= e.ci95High()) {
                    b.append(" Not conclusive: the 95% interval of ").append(x).append("'s p99, ")
                            .append(Format.latencyRange(e.ci95Low(), e.ci95High()))
                            .append(", contains the target.");
                }
            }
            lines.add(b.toString());
        }
        if (lines.isEmpty()) {
            HeadlineMetric ttft = HeadlineMetric.byKey("ttft_s.p99");
            lines.add("No SLO is set; " + x + " runs " + cost + ", with p99 TTFT "
                    + change(c.relativeDelta(i, ttft), "higher", "lower") + " than " + a + ".");
        }
        return lines;
    }

    /** "at 31% lower cost", "at 12% higher cost", "at the same cost". */
    private static String cost(Comparison c, int i) {
        double rel = c.relativeDelta(i, HeadlineMetric.byKey("cost.usd_per_1m_output_tokens"));
        if (!Double.isFinite(rel)) {
            return "with no comparable cost per token";
        }
        if (Math.abs(rel) < SAME_COST) {
            return "at the same cost";
        }
        return "at " + percent(Math.abs(rel)) + (rel < 0 ? " lower" : " higher") + " cost";
    }

    private static String change(double rel, String up, String down) {
        if (!Double.isFinite(rel)) {
            return "not comparable";
        }
        if (Math.abs(rel) < SAME_COST) {
            return "the same";
        }
        return percent(Math.abs(rel)) + " " + (rel > 0 ? up : down);
    }

    private static String percent(double fraction) {
        return fraction >= 0.095 ? String.format(Locale.ROOT, "%.0f%%", fraction * 100)
                : String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }
}
