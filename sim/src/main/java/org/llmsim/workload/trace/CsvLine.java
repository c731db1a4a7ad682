package org.llmsim.workload.trace;

import java.util.Arrays;

/**
 * Splits one CSV line into cells without copying them: each cell is a range of the line, except quoted cells
 * ({@code "a, b"}, {@code "say ""hi"""}), which are unescaped into their own string. Records spanning several lines
 * are not supported (trace cells hold numbers and ids).
 */
final class CsvLine {
    private CharSequence[] text = new CharSequence[8];
    private int[] start = new int[8];
    private int[] end = new int[8];
    private int count;

    /** Splits {@code line} at commas; returns the number of cells. */
    int split(String line) {
        count = 0;
        int i = 0;
        int n = line.length();
        while (true) {
            ensure(count + 1);
            if (i < n && line.charAt(i) == '"') {
                StringBuilder b = new StringBuilder();
                i++;
                while (true) {
                    if (i >= n) {
                        throw new IllegalArgumentException("has an unterminated quoted cell");
                    }
                    char c = line.charAt(i++);
                    if (c == '"') {
                        if (i < n && line.charAt(i) == '"') {
                            b.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        b.append(c);
                    }
                }
                text[count] = b;
                start[count] = 0;
                end[count] = b.length();
                count++;
                while (i < n && line.charAt(i) != ',') {
                    i++;
                }
            } else {
                int from = i;
                while (i < n && line.charAt(i) != ',') {
                    i++;
                }
                int to = i;
                while (from < to && line.charAt(from) == ' ') {
                    from++;
                }
                while (to > from && (line.charAt(to - 1) == ' ' || line.charAt(to - 1) == '\r')) {
                    to--;
                }
                text[count] = line;
                start[count] = from;
                end[count] = to;
                count++;
            }
            if (i >= n) {
                return count;
            }
            i++; // the comma
        }
    }

    private void ensure(int size) {
        if (size > start.length) {
            text = Arrays.copyOf(text, size * 2);
            start = Arrays.copyOf(start, size * 2);
            end = Arrays.copyOf(end, size * 2);
        }
    }

    int count() {
        return count;
    }

    CharSequence text(int cell) {
        return text[cell];
    }

    int start(int cell) {
        return start[cell];
    }

    int end(int cell) {
        return end[cell];
    }

    boolean isEmpty(int cell) {
        return start[cell] >= end[cell];
    }

    String string(int cell) {
        return text[cell].subSequence(start[cell], end[cell]).toString();
    }
}
