package org.llmsim.report;

import java.util.Locale;

/** Number formatting shared by the terminal and PDF reports: locale-independent, with units. */
public final class Format {
    private Format() {
    }

    /** Seconds as milliseconds with a sensible number of digits: "31.1 ms", "4,633 ms"; "-" for NaN. */
    public static String ms(double seconds) {
        if (Double.isNaN(seconds)) {
            return "-";
        }
        double ms = seconds * 1000;
        if (ms >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", ms);
        }
        if (ms >= 100) {
            return String.format(Locale.ROOT, "%.0f", ms);
        }
        if (ms >= 10) {
            return String.format(Locale.ROOT, "%.1f", ms);
        }
        return String.format(Locale.ROOT, "%.2f", ms);
    }

    /** A latency target or value with its unit: "1 s", "2.5 s", "50 ms", "0.5 ms"; "-" for NaN. */
    public static String latency(double seconds) {
        if (Double.isNaN(seconds)) {
            return "-";
        }
        if (seconds >= 1) {
            return plain(Math.round(seconds * 1000) / 1000.0) + " s";
        }
        double ms = seconds * 1000;
        if (Math.abs(ms - Math.rint(ms)) < 1e-9) {
            return String.format(Locale.ROOT, "%.0f ms", ms);
        }
        return ms(seconds) + " ms";
    }

    /** A range of latencies with one unit: "49.5-51.3 ms", "0.95-1.2 s". */
    public static String latencyRange(double lowS, double highS) {
        if (highS < 1) {
            return ms(lowS) + "-" + ms(highS) + " ms";
        }
        if (lowS >= 1) {
            return latency(lowS).replace(" s", "") + "-" + latency(highS);
        }
        return latency(lowS) + " - " + latency(highS);
    }

    /** A count with thousands separators. */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** A rate or quantity with thousands separators and {@code decimals} decimals; "-" for NaN. */
    public static String number(double x, int decimals) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return "-";
        }
        return String.format(Locale.ROOT, "%,." + decimals + "f", x);
    }

    /** A fraction as a percentage: "97.5%"; "-" for NaN. */
    public static String percent(double fraction) {
        if (Double.isNaN(fraction)) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }

    /** Dollars with precision that suits the magnitude: "$7.98", "$0.000225", "$5,825"; "-" for NaN. */
    public static String usd(double usd) {
        if (Double.isNaN(usd) || Double.isInfinite(usd)) {
            return "-";
        }
        double a = Math.abs(usd);
        if (a >= 1000) {
            return String.format(Locale.ROOT, "$%,.0f", usd);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "$%.2f", usd);
        }
        if (a == 0) {
            return "$0";
        }
        // three significant digits, never in exponent notation: "$0.899", "$0.0000616"
        int decimals = 2 - (int) Math.floor(Math.log10(a));
        return String.format(Locale.ROOT, "$%." + decimals + "f", usd);
    }

    /** Seconds of simulated or wall time: "600 s", "0.40 s", "2.5 h". */
    public static String duration(double seconds) {
        if (seconds >= 3 * 3600) {
            return String.format(Locale.ROOT, "%.1f h", seconds / 3600);
        }
        if (seconds >= 10) {
            return String.format(Locale.ROOT, "%,.0f s", seconds);
        }
        return String.format(Locale.ROOT, "%.2f s", seconds);
    }

    /** A plain number for SLO targets and such: "1", "0.05". */
    public static String plain(double x) {
        if (x == Math.rint(x)) {
            return String.format(Locale.ROOT, "%.0f", x);
        }
        return String.format(Locale.ROOT, "%s", x);
    }

    /** Pads {@code s} on the left to {@code width} visible characters. */
    public static String left(String s, int width) {
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }

    /** Pads {@code s} on the right to {@code width} visible characters. */
    public static String right(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
