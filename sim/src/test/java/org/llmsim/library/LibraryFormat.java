package org.llmsim.library;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** How the scenario library writes numbers in the README: few digits, units a reader expects. */
final class LibraryFormat {
    private LibraryFormat() {
    }

    /** A latency: {@code 9.1 ms}, {@code 462 ms}, {@code 1.8 s}, {@code 17 s}, {@code 12 min}. */
    static String time(double s) {
        if (Double.isNaN(s)) {
            return "n/a";
        }
        if (s < 0.01) {
            return f("%.1f ms", s * 1e3);
        }
        if (s < 1) {
            return f("%.0f ms", s * 1e3);
        }
        if (s < 10) {
            return f("%.1f s", s);
        }
        if (s < 120) {
            return f("%.0f s", s);
        }
        return f("%.0f min", s / 60);
    }

    /** Dollars: {@code $18,810}, {@code $79.80}, {@code $0.0062}. */
    static String usd(double x) {
        if (x >= 1000) {
            return f("$%,.0f", x);
        }
        if (x >= 0.1) {
            return f("$%.2f", x);
        }
        return "$" + new BigDecimal(x).round(new MathContext(2)).stripTrailingZeros().toPlainString();
    }

    /**
     * A share: {@code 92%}, {@code 99.6%}, {@code 1.4%} (one decimal near 100%, rounded down so that 99.96% does not
     * read as all, and below 10%).
     */
    static String pct(double fraction) {
        double p = 100 * fraction;
        if (p >= 99 && p < 100) {
            return f("%.1f%%", Math.floor(p * 10) / 10);
        }
        return p < 10 && p > 0 ? f("%.1f%%", p) : f("%.0f%%", p);
    }

    /** A rate: {@code 9.4 req/s}. */
    static String rps(double x) {
        return f("%.1f req/s", x);
    }

    /** A whole count with separators: {@code 16,000}. */
    static String count(double x) {
        return f("%,.0f", x);
    }

    /** A count rounded to two significant digits for volumes read off a curve: {@code 16,000}, {@code 350,000}. */
    static String roughCount(double x) {
        return count(new BigDecimal(x).round(new MathContext(2)).doubleValue());
    }

    static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
