package org.llmsim.report;

import java.awt.geom.Rectangle2D;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.TimeZone;

import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2D;
import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2DFontTextDrawerDefaultFonts;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.jfree.chart.JFreeChart;

/**
 * A small flowing-layout writer on PDFBox: headings, wrapped paragraphs, tables and JFreeChart charts drawn as vector
 * graphics (through pdfbox-graphics2d, with chart text as real, selectable PDF text). A4 portrait.
 */
public final class PdfDocumentBuilder implements Closeable {
    static final float MARGIN = 50;
    private static final PDRectangle PAGE = PDRectangle.A4;
    private static final float[] INK = {0.12f, 0.14f, 0.18f};
    private static final float[] MUTED = {0.40f, 0.43f, 0.48f};
    private static final float[] RULE = {0.80f, 0.82f, 0.86f};

    private final PDDocument document = new PDDocument();
    private final PDFont regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private final PDFont bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private final PDFont mono = new PDType1Font(Standard14Fonts.FontName.COURIER);
    private PDPageContentStream content;
    private float y;

    public PdfDocumentBuilder(String title) {
        PDDocumentInformation info = document.getDocumentInformation();
        info.setTitle(title);
        info.setCreator("llmsim");
        Calendar epoch = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
        epoch.setTimeInMillis(0);
        info.setCreationDate(epoch); // fixed, so the same run gives the same document
        newPage();
    }

    public float width() {
        return PAGE.getWidth() - 2 * MARGIN;
    }

    public void newPage() {
        try {
            if (content != null) {
                content.close();
            }
            PDPage page = new PDPage(PAGE);
            document.addPage(page);
            content = new PDPageContentStream(document, page);
            y = PAGE.getHeight() - MARGIN;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts a new page unless {@code height} points still fit on this one. */
    public void ensureSpace(float height) {
        if (y - height < MARGIN) {
            newPage();
        }
    }

    public void space(float points) {
        y -= points;
    }

    public void title(String text) {
        text(text, bold, 22, INK, 0);
        space(6);
    }

    public void heading(String text) {
        ensureSpace(40);
        space(8);
        text(text, bold, 14, INK, 0);
        rule();
        space(4);
    }

    public void subtle(String text) {
        paragraph(text, regular, 9, MUTED);
    }

    public void paragraph(String text) {
        paragraph(text, regular, 10, INK);
    }

    /** A large figure with a caption underneath, used for the headline answer. */
    public void bigNumbers(String[] values, String[] captions) {
        ensureSpace(60);
        float col = width() / values.length;
        float top = y;
        try {
            for (int i = 0; i < values.length; i++) {
                writeAt(values[i], bold, 24, INK, MARGIN + i * col, top - 24);
                writeAt(captions[i], regular, 9, MUTED, MARGIN + i * col, top - 40);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        y = top - 54;
    }

    /**
     * A table; the first row is the header. Columns after the first are right-aligned (numbers).
     *
     * @param widths column widths as fractions of the text width
     */
    public void table(List<String[]> rows, float[] widths) {
        float size = 9;
        float rowHeight = 14;
        for (int r = 0; r < rows.size(); r++) {
            ensureSpace(rowHeight + 2);
            String[] row = rows.get(r);
            float x = MARGIN;
            PDFont font = r == 0 ? bold : regular;
            try {
                for (int c = 0; c < row.length; c++) {
                    float w = widths[c] * width();
                    String cell = sanitize(row[c]);
                    float textWidth = font.getStringWidth(cell) / 1000 * size;
                    float tx = c == 0 ? x : x + w - textWidth - 4;
                    writeAt(cell, font, size, r == 0 ? MUTED : INK, tx, y - size);
                    x += w;
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            y -= rowHeight;
            if (r == 0) {
                rule();
            }
        }
        space(6);
    }

    /** Preformatted text in a monospaced font, wrapped at {@code columns} characters (for the scenario appendix). */
    public void code(String text, int columns) {
        float size = 7.5f;
        for (String raw : text.split("\n", -1)) {
            String line = raw.replace("\t", "    ");
            do {
                String part = line.length() > columns ? line.substring(0, columns) : line;
                line = line.length() > columns ? "    " + line.substring(columns) : "";
                ensureSpace(size + 2);
                try {
                    writeAt(sanitize(part), mono, size, INK, MARGIN, y - size);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                y -= size + 1.5f;
            } while (!line.isEmpty());
        }
        space(6);
    }

    /** Draws a chart as vector graphics, {@code height} points tall, across the text width. */
    public void chart(JFreeChart chart, float height) {
        ensureSpace(height + 6);
        float w = width();
        try {
            PdfBoxGraphics2D g = new PdfBoxGraphics2D(document, w, height);
            g.setFontTextDrawer(new PdfBoxGraphics2DFontTextDrawerDefaultFonts());
            chart.draw(g, new Rectangle2D.Double(0, 0, w, height));
            g.dispose();
            PDFormXObject form = g.getXFormObject();
            content.saveGraphicsState();
            content.transform(new org.apache.pdfbox.util.Matrix(1, 0, 0, 1, MARGIN, y - height));
            content.drawForm(form);
            content.restoreGraphicsState();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        y -= height + 6;
    }

    public void save(Path file) throws IOException {
        content.close();
        content = null;
        document.save(file.toFile());
    }

    @Override
    public void close() throws IOException {
        if (content != null) {
            content.close();
        }
        document.close();
    }

    private void paragraph(String text, PDFont font, float size, float[] color) {
        for (String line : wrap(sanitize(text), font, size, width())) {
            ensureSpace(size + 4);
            try {
                writeAt(line, font, size, color, MARGIN, y - size);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            y -= size + 4;
        }
        space(4);
    }

    private void text(String text, PDFont font, float size, float[] color, float indent) {
        ensureSpace(size + 4);
        try {
            writeAt(sanitize(text), font, size, color, MARGIN + indent, y - size);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        y -= size + 4;
    }

    private void rule() {
        try {
            content.setStrokingColor(RULE[0], RULE[1], RULE[2]);
            content.setLineWidth(0.6f);
            content.moveTo(MARGIN, y - 2);
            content.lineTo(MARGIN + width(), y - 2);
            content.stroke();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        y -= 6;
    }

    private void writeAt(String text, PDFont font, float size, float[] color, float x, float baseline)
            throws IOException {
        content.beginText();
        content.setFont(font, size);
        content.setNonStrokingColor(color[0], color[1], color[2]);
        content.newLineAtOffset(x, baseline);
        content.showText(text);
        content.endText();
    }

    private static List<String> wrap(String text, PDFont font, float size, float maxWidth) {
        List<String> lines = new ArrayList<>();
        for (String paragraph : text.split("\n")) {
            StringBuilder line = new StringBuilder();
            for (String word : paragraph.split(" ")) {
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

    private static float widthOf(String s, PDFont font, float size) {
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
