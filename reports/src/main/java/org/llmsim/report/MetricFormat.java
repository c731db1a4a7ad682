package org.llmsim.report;

import java.util.Locale;

import org.llmsim.metrics.HeadlineMetric;

/** Values and differences of {@link HeadlineMetric}s with their units, for tables and verdicts. */
public final class MetricFormat {
    private MetricFormat() {
    }

    /** The unit shown after a metric's label in table headers: "ms", "$", "%", "/s" or "". */
    public static String unit(HeadlineMetric m) {
        return switch (m.kind()) {
            case SECONDS -> "ms";
            case USD -> "$";
            case FRACTION -> "%";
            case RATE -> "/s";
            case COUNT, QUANTITY -> "";
        };
    }

    /** The label with its unit: "TTFT p99 (ms)". */
    public static String labelWithUnit(HeadlineMetric m) {
        return switch (m.kind()) {
            case SECONDS -> m.label() + " (ms)";
            default -> m.label();
        };
    }

    /** A value in the metric's unit, without the unit for milliseconds: "76.8", "$0.899", "99.5%", "9.86". */
    public static String value(HeadlineMetric m, double v) {
        if (!Double.isFinite(v)) {
            return "-";
        }
        return switch (m.kind()) {
            case SECONDS -> Format.ms(v);
            case USD -> Format.usd(v);
            case FRACTION -> Format.percent(v);
            case RATE -> Format.number(v, v >= 100 ? 0 : 2);
            case COUNT -> Format.count(Math.round(v));
            case QUANTITY -> Format.number(v, 1);
        };
    }

    /** A value with its unit spelled out: "76.8 ms", "$0.899", "99.5%", "9.86/s". */
    public static String valueWithUnit(HeadlineMetric m, double v) {
        String s = value(m, v);
        if (s.equals("-")) {
            return s;
        }
        return switch (m.kind()) {
            case SECONDS -> s + " ms";
            case RATE -> s + "/s";
            default -> s;
        };
    }

    /** A signed difference in the metric's unit: "+35.2", "-$0.28", "+1.2 pp" (fractions in percentage points). */
    public static String delta(HeadlineMetric m, double d) {
        if (!Double.isFinite(d)) {
            return "-";
        }
        String sign = d > 0 ? "+" : d < 0 ? "-" : "";
        double a = Math.abs(d);
        return switch (m.kind()) {
            case SECONDS -> sign + Format.ms(a);
            case USD -> sign + Format.usd(a);
            case FRACTION -> sign + String.format(Locale.ROOT, "%.1f pp", a * 100);
            case RATE -> sign + Format.number(a, a >= 100 ? 0 : 2);
            case COUNT -> sign + Format.count(Math.round(a));
            case QUANTITY -> sign + Format.number(a, 1);
        };
    }

    /** A relative difference: "+45.8%", "-31.0%", "0.0%"; "-" when undefined (a zero or missing baseline). */
    public static String relative(double rel) {
        if (!Double.isFinite(rel)) {
            return "-";
        }
        return String.format(Locale.ROOT, "%+.1f%%", rel * 100).replace("+0.0%", "0.0%").replace("-0.0%", "0.0%");
    }

    /** {@code (b - a) / |a|}, NaN when {@code a} is zero or either is undefined. */
    public static double relativeDelta(double a, double b) {
        if (!Double.isFinite(a) || !Double.isFinite(b) || a == 0) {
            return Double.NaN;
        }
        return (b - a) / Math.abs(a);
    }
}
