package org.llmsim.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.pdmodel.font.PDFont;

/**
 * Text as the PDF pages measure it: widths in a font, lines wrapped to a width, characters the standard fonts cannot
 * show, and which table columns hold numbers. {@link PdfDocumentBuilder} draws what this measures.
 */
final class PdfText {
    private PdfText() {
    }

    /**
     * Which columns hold numbers and are right-aligned: every column but the first whose body cells mostly start
     * with a digit, a sign, a dollar or are "-".
     */
    static boolean[] numericColumns(List<String[]> rows) {
        boolean[] right = new boolean[rows.get(0).length];
        for (int c = 1; c < right.length; c++) {
            int numbers = 0;
            int cells = 0;
            for (int r = 1; r < rows.size(); r++) {
                String cell = rows.get(r)[c].strip();
                if (cell.isEmpty()) {
                    continue;
                }
                cells++;
                char first = cell.charAt(0);
                if (Character.isDigit(first) || first == '$' || first == '+' || first == '-') {
                    numbers++;
                }
            }
            right[c] = cells == 0 || numbers * 2 > cells;
        }
        return right;
    }

    /** {@code text} broken into lines no wider than {@code maxWidth} (a word too wide for a line is cut). */
    static List<String> wrap(String text, PDFont font, float size, float maxWidth) {
        List<String> lines = new ArrayList<>();
        for (String paragraph : text.split("\n")) {
            StringBuilder line = new StringBuilder();
            for (String whole : paragraph.split(" ")) {
                String word = whole;
                // a word wider than the line (a long path) is broken where it must be
                while (line.length() == 0 && word.length() > 1 && widthOf(word, font, size) > maxWidth) {
                    int cut = word.length() - 1;
                    while (cut > 1 && widthOf(word.substring(0, cut), font, size) > maxWidth) {
                        cut--;
                    }
                    lines.add(word.substring(0, cut));
                    word = word.substring(cut);
                }
                String candidate = line.length() == 0 ? word : line + " " + word;
                if (widthOf(candidate, font, size) > maxWidth && line.length() > 0) {
                    lines.add(line.toString());
                    line = new StringBuilder(word);
                } else {
                    line = new StringBuilder(candidate);
                }
            }
            lines.add(line.toString());
        }
        return lines;
    }

    /** Width of {@code s} in points. */
    static float widthOf(String s, PDFont font, float size) {
        try {
            return font.getStringWidth(s) / 1000 * size;
        } catch (IOException e) {
            return s.length() * size * 0.5f;
        }
    }

    /** The standard PDF fonts use WinAnsi encoding; replace what it cannot show. */
    static String sanitize(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\u2264' -> b.append("<=");
                case '\u2265' -> b.append(">=");
                case '\u2192' -> b.append("->");
                case '\u00d7' -> b.append('x');
                case '\u2013', '\u2014' -> b.append('-');
                default -> b.append(c < 32 || c > 255 ? '?' : c);
            }
        }
        return b.toString();
    }
}
