package org.llmsim.workload.trace;

/**
 * Parsers for the values of a trace cell, working on a range of a line so that a row costs no string copies: token
 * counts, seconds, ISO-8601-style date-times and ids. Each throws {@link IllegalArgumentException} with a message for
 * the user.
 */
final class TraceValues {
    private TraceValues() {
    }

    /** Whether the cell looks like a date-time ({@code 2023-11-16 ...}) rather than a number of seconds. */
    static boolean isDateTime(CharSequence s, int from, int to) {
        return to - from >= 10 && s.charAt(from + 4) == '-' && s.charAt(from + 7) == '-';
    }

    /** A token count: a whole number >= 0 (written {@code 12} or {@code 12.0}). */
    static int tokens(CharSequence s, int from, int to) {
        if (from >= to) {
            throw new IllegalArgumentException("is empty; expected a token count");
        }
        long v = 0;
        int i = from;
        for (; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                break;
            }
            v = v * 10 + (c - '0');
            if (v > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("'" + s.subSequence(from, to) + "' is too large for a token count");
            }
        }
        if (i == to && i > from) {
            return (int) v;
        }
        double d = number(s, from, to, "a token count");
        if (d < 0 || d != Math.rint(d) || d > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("expected a whole number of tokens >= 0, got '" + s.subSequence(from, to)
                    + "'");
        }
        return (int) d;
    }

    /** A number of seconds. */
    static double seconds(CharSequence s, int from, int to) {
        double d = number(s, from, to, "a time in seconds or a date-time");
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException("expected a finite time, got '" + s.subSequence(from, to) + "'");
        }
        return d;
    }

    private static double number(CharSequence s, int from, int to, String what) {
        try {
            return Double.parseDouble(s.subSequence(from, to).toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected " + what + ", got '" + s.subSequence(from, to) + "'");
        }
    }

    /**
     * Nanoseconds since 1970-01-01T00:00Z of {@code YYYY-MM-DD[ T]hh:mm[:ss[.fraction]][Z|+hh:mm|-hh:mm]}; without a
     * zone the time is taken as UTC. Up to nine fraction digits are kept (Azure traces write seven).
     */
    static long epochNanos(CharSequence s, int from, int to) {
        try {
            int year = digits(s, from, 4);
            expect(s, from + 4, '-');
            int month = digits(s, from + 5, 2);
            expect(s, from + 7, '-');
            int day = digits(s, from + 8, 2);
            int i = from + 10;
            long secondOfDay = 0;
            long nanos = 0;
            if (i < to) {
                char sep = s.charAt(i);
                if (sep != ' ' && sep != 'T') {
                    throw new IllegalArgumentException();
                }
                int hour = digits(s, i + 1, 2);
                expect(s, i + 3, ':');
                int minute = digits(s, i + 4, 2);
                int second = 0;
                i += 6;
                if (i < to && s.charAt(i) == ':') {
                    second = digits(s, i + 1, 2);
                    i += 3;
                }
                if (i < to && s.charAt(i) == '.') {
                    i++;
                    long scale = 100_000_000L;
                    while (i < to && Character.isDigit(s.charAt(i))) {
                        nanos += (s.charAt(i) - '0') * scale;
                        scale /= 10;
                        i++;
                    }
                }
                if (hour > 23 || minute > 59 || second > 60) {
                    throw new IllegalArgumentException();
                }
                secondOfDay = hour * 3600L + minute * 60L + second;
                if (i < to) {
                    char z = s.charAt(i);
                    if (z == 'Z' && i + 1 == to) {
                        i++;
                    } else if (z == '+' || z == '-') {
                        int oh = digits(s, i + 1, 2);
                        int om = i + 3 < to && s.charAt(i + 3) == ':' ? digits(s, i + 4, 2) : digits(s, i + 3, 2);
                        int offset = (oh * 3600 + om * 60) * (z == '+' ? 1 : -1);
                        secondOfDay -= offset;
                        i = to;
                    }
                }
            }
            if (i != to || month < 1 || month > 12 || day < 1 || day > 31) {
                throw new IllegalArgumentException();
            }
            long epochSecond = daysFromCivil(year, month, day) * 86_400L + secondOfDay;
            return epochSecond * 1_000_000_000L + nanos;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("expected a date-time like 2023-11-16 18:15:46.68 or a number of "
                    + "seconds, got '" + s.subSequence(from, to) + "'");
        }
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
    static long daysFromCivil(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = Math.floorDiv(y, 400);
        int yoe = y - era * 400;
        int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097L + doe - 719_468L;
    }

    private static int digits(CharSequence s, int at, int count) {
        int v = 0;
        for (int i = at; i < at + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException();
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static void expect(CharSequence s, int at, char c) {
        if (s.charAt(at) != c) {
            throw new IllegalArgumentException();
        }
    }

    /** A 63-bit non-negative id for a cell's text (64-bit FNV-1a with the sign bit cleared). */
    static long id(CharSequence s, int from, int to) {
        long h = 0xcbf29ce484222325L;
        for (int i = from; i < to; i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return h & Long.MAX_VALUE;
    }
}
