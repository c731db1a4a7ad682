package org.llmsim.report;

import static org.llmsim.report.PdfDocumentBuilder.INK;
import static org.llmsim.report.PdfDocumentBuilder.MARGIN;
import static org.llmsim.report.PdfDocumentBuilder.MUTED;
import static org.llmsim.report.PdfDocumentBuilder.ROW_HEIGHT;
import static org.llmsim.report.PdfDocumentBuilder.STRIPE;
import static org.llmsim.report.PdfDocumentBuilder.TABLE_TEXT;

import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

import org.apache.pdfbox.pdmodel.font.PDFont;

/**
 * The tables of a PDF document: striped rows of numbers with a header repeated on every page, tables of wrapped text,
 * and column widths fitted to the content. Draws through the document's cursor and text primitives.
 */
final class PdfTables {
    private final PdfDocumentBuilder pdf;

    PdfTables(PdfDocumentBuilder pdf) {
        this.pdf = pdf;
    }

    /**
     * A table; the first row is the header. Columns after the first are right-aligned (numbers).
     *
     * @param widths column widths as fractions of the text width
     */

    /**
     * A table with coloured cells; {@code colors} gives the colour of a body cell (row index from 1, column), or
     * null for the default ink.
     */
    void table(List<String[]> rows, float[] widths, BiFunction<Integer, Integer, Color> colors) {
        boolean[] right = PdfText.numericColumns(rows);
        pdf.ensureSpace(ROW_HEIGHT * Math.min(rows.size(), 3) + 8); // never a header alone at the foot of a page
        header(rows.get(0), widths, right);
        for (int r = 1; r < rows.size(); r++) {
            if (pdf.y() - ROW_HEIGHT < MARGIN) {
                pdf.newPage();
                header(rows.get(0), widths, right); // repeat the header on the new page
            }
            if (r % 2 == 0) {
                pdf.fillRect(MARGIN, pdf.y() - ROW_HEIGHT + 0.5f, pdf.width(), ROW_HEIGHT, STRIPE);
            }
            int row = r;
            drawRow(rows.get(r), widths, right, pdf.regular, c -> {
                Color color = colors.apply(row, c);
                return color == null ? INK : PdfDocumentBuilder.rgb(color);
            });
            pdf.moveDown(ROW_HEIGHT);
        }
        pdf.space(6);
    }

    /**
     * Column widths for {@link #table} that fit each column's widest cell (the header in pdf.bold) with its padding, as
     * fractions of the text width that add up to 1: spare room is shared out in proportion, and a table too wide for
     * the page is scaled down.
     */
    float[] widthsByContent(List<String[]> rows) {
        int n = rows.get(0).length;
        float[] w = new float[n];
        float sum = 0;
        for (int c = 0; c < n; c++) {
            float most = PdfText.widthOf(PdfText.sanitize(rows.get(0)[c]), pdf.bold, TABLE_TEXT);
            for (int r = 1; r < rows.size(); r++) {
                most = Math.max(most, PdfText.widthOf(PdfText.sanitize(rows.get(r)[c]), pdf.regular, TABLE_TEXT));
            }
            w[c] = most + 16; // the cell's padding (8 points before left-aligned text, 4 after numbers) and a gap
            sum += w[c];
        }
        for (int c = 0; c < n; c++) {
            w[c] /= sum;
        }
        return w;
    }


    /**
     * A table of text: every column left-aligned, long cells wrapped inside their column; the first row is the
     * header. {@code colors} as for {@link #table(List, float[], BiFunction)}; coloured cells are pdf.bold.
     */
    void leftTable(List<String[]> rows, float[] widths, BiFunction<Integer, Integer, Color> colors) {
        float line = TABLE_TEXT + 3;
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            List<List<String>> cells = new ArrayList<>();
            int lines = 1;
            for (int c = 0; c < row.length; c++) {
                List<String> wrapped = PdfText.wrap(PdfText.sanitize(row[c]), r == 0 ? pdf.bold : pdf.regular,
                        TABLE_TEXT,
                        widths[c] * pdf.width() - 8);
                cells.add(wrapped);
                lines = Math.max(lines, wrapped.size());
            }
            float height = lines * line + 3;
            pdf.ensureSpace(height + (r == 0 ? ROW_HEIGHT : 0));
            float x = MARGIN;
            try {
                for (int c = 0; c < row.length; c++) {
                    Color color = r == 0 ? null : colors.apply(r, c);
                    PDFont font = r == 0 || color != null ? pdf.bold : pdf.regular;
                    float[] ink = r == 0 ? MUTED : color == null ? INK : PdfDocumentBuilder.rgb(color);
                    for (int k = 0; k < cells.get(c).size(); k++) {
                        pdf.writeAt(cells.get(c).get(k), font, TABLE_TEXT, ink, x + 2, pdf.y() - TABLE_TEXT - k * line);
                    }
                    x += widths[c] * pdf.width();
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            pdf.moveDown(height);
            if (r == 0) {
                pdf.rule();
            }
        }
        pdf.space(6);
    }

    private void header(String[] row, float[] widths, boolean[] right) {
        drawRow(row, widths, right, pdf.bold, c -> MUTED);
        pdf.moveDown(ROW_HEIGHT);
        pdf.rule();
    }

    private void drawRow(String[] row, float[] widths, boolean[] right, PDFont font,
            java.util.function.IntFunction<float[]> color) {
        float x = MARGIN;
        try {
            for (int c = 0; c < row.length; c++) {
                float w = widths[c] * pdf.width();
                String cell = PdfText.sanitize(row[c]);
                float textWidth = font.getStringWidth(cell) / 1000 * TABLE_TEXT;
                float tx = right[c] ? x + w - textWidth - 4 : x + (c == 0 ? 2 : 8);
                pdf.writeAt(cell, font, TABLE_TEXT, color.apply(c), tx, pdf.y() - TABLE_TEXT);
                x += w;
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
