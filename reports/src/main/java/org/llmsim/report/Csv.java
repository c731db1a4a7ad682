package org.llmsim.report;

import java.math.BigDecimal;

/** Cells of the CSV files: numbers exact and locale-independent, text quoted only when it must be. */
final class Csv {
    private Csv() {
    }

    /** A number with up to 9 significant digits and no exponent ("0.0768", "5825"); empty for NaN. */
    static String number(double x) {
        if (!Double.isFinite(x)) {
            return "";
        }
        if (x == Math.rint(x) && Math.abs(x) < 1e15) {
            return Long.toString((long) x);
        }
        return new BigDecimal(x).round(new java.math.MathContext(9)).stripTrailingZeros().toPlainString();
    }

    /** Text, quoted (RFC 4180) when it holds a comma, quote or line break. */
    static String field(String s) {
        if (s == null) {
            return "";
        }
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
