package org.llmsim.report;

import java.awt.Color;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.TimeZone;
import java.util.function.BiFunction;

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
    static final float[] INK = {0.12f, 0.14f, 0.18f};
    static final float[] MUTED = {0.40f, 0.43f, 0.48f};
    private static final float[] RULE = {0.80f, 0.82f, 0.86f};
    static final float[] STRIPE = {0.965f, 0.969f, 0.976f};
    static final float TABLE_TEXT = 9;
    static final float ROW_HEIGHT = 14;

    private final PDDocument document = new PDDocument();
    final PDFont regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    final PDFont bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private final PDFont mono = new PDType1Font(Standard14Fonts.FontName.COURIER);
    private final String footer;
    private PDPageContentStream content;
    private float y;
    private final PdfTables tables = new PdfTables(this);

    /**
     * One large figure of a headline: the value, a caption under it, an optional detail line (muted) and an optional
     * status line in a colour (null: muted).
     */
    public record BigNumber(String value, String caption, String detail, String status, Color statusColor) {
    }

    /**
     * @param title  document title (metadata)
     * @param footer text at the foot of every page, left; the page number goes right
     */
    public PdfDocumentBuilder(String title, String footer) {
        this.footer = footer;
        PDDocumentInformation info = document.getDocumentInformation();
        info.setTitle(title);
        info.setCreator("llmsim");
        Calendar epoch = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
        epoch.setTimeInMillis(0);
        info.setCreationDate(epoch); // fixed, so the same run gives the same document
        newPage();
    }

    /** The baseline cursor: points from the page's bottom edge to where the next line goes. */
    float y() {
        return y;
    }

    void moveDown(float points) {
        y -= points;
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

    /** Points left on the current page above the bottom margin. */
    public float remaining() {
        return y - MARGIN;
    }

    public void title(String text) {
        text(text, bold, 22, INK, 0);
        space(6);
    }

    /** Small muted text above a title, e.g. the kind of document. */
    public void overline(String text) {
        text(text.toUpperCase(java.util.Locale.ROOT), bold, 8, MUTED, 0);
        space(2);
    }

    /** A paragraph in a larger size, for the question a document answers. */
    public void lead(String text) {
        paragraph(text, regular, 12, INK);
    }

    /** A smaller heading inside a section. */
    public void subheading(String text) {
        ensureSpace(30);
        space(4);
        text(text, bold, 10.5f, INK, 0);
        space(2);
    }

    /** A line of text in a colour (verdicts). */
    public void coloredLine(String text, Color color, boolean strong) {
        paragraph(text, strong ? bold : regular, 10, color == null ? INK : rgb(color));
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

    /** Large figures side by side with captions and notes underneath, used for the headline answer. */
    public void bigNumbers(List<BigNumber> numbers) {
        float col = width() / numbers.size();
        float textWidth = col - 18;
        float small = 8.5f;
        float line = small + 3;
        List<List<String[]>> blocks = new ArrayList<>(); // per number: lines as {text, kind}
        int most = 0;
        for (BigNumber n : numbers) {
            List<String[]> lines = new ArrayList<>();
            for (String l : PdfText.wrap(PdfText.sanitize(n.caption()), regular, small, textWidth)) {
                lines.add(new String[] {l, "caption"});
            }
            if (n.detail() != null) {
                for (String l : PdfText.wrap(PdfText.sanitize(n.detail()), regular, small, textWidth)) {
                    lines.add(new String[] {l, "caption"});
                }
            }
            if (n.status() != null) {
                PDFont font = n.statusColor() == null ? regular : bold;
                for (String l : PdfText.wrap(PdfText.sanitize(n.status()), font, small, textWidth)) {
                    lines.add(new String[] {l, "status"});
                }
            }
            blocks.add(lines);
            most = Math.max(most, lines.size());
        }
        float height = 30 + most * line;
        ensureSpace(height + 12);
        float top = y;
        try {
            for (int i = 0; i < numbers.size(); i++) {
                BigNumber n = numbers.get(i);
                float x = MARGIN + i * col;
                content.setNonStrokingColor(RULE[0], RULE[1], RULE[2]);
                content.addRect(x, top - height, 2, height);
                content.fill();
                writeAt(PdfText.sanitize(n.value()), bold, 22, INK, x + 10, top - 22);
                float baseline = top - 22 - 16;
                for (String[] l : blocks.get(i)) {
                    boolean status = l[1].equals("status") && n.statusColor() != null;
                    writeAt(l[0], status ? bold : regular, small, status ? rgb(n.statusColor()) : MUTED, x + 10,
                            baseline);
                    baseline -= line;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        y = top - height - 12;
    }

    /**
     * A table; the first row is the header. Columns after the first are right-aligned (numbers).
     *
     * @param widths column widths as fractions of the text width
     */
    public void table(List<String[]> rows, float[] widths) {
        tables.table(rows, widths, (r, c) -> null);
    }

    /**
     * A table with coloured cells; {@code colors} gives the colour of a body cell (row index from 1, column), or
     * null for the default ink.
     */
    public void table(List<String[]> rows, float[] widths, BiFunction<Integer, Integer, Color> colors) {
        tables.table(rows, widths, colors);
    }

    /** Column widths for {@link #table} that fit each column's widest cell; see {@link PdfTables#widthsByContent}. */
    public float[] widthsByContent(List<String[]> rows) {
        return tables.widthsByContent(rows);
    }

    /**
     * A table of text: every column left-aligned, long cells wrapped inside their column; the first row is the
     * header. {@code colors} as for {@link #table(List, float[], BiFunction)}; coloured cells are bold.
     */
    public void leftTable(List<String[]> rows, float[] widths, BiFunction<Integer, Integer, Color> colors) {
        tables.leftTable(rows, widths, colors);
    }

    void fillRect(float x, float bottom, float w, float h, float[] color) {
        try {
            content.setNonStrokingColor(color[0], color[1], color[2]);
            content.addRect(x, bottom, w, h);
            content.fill();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
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
                    writeAt(PdfText.sanitize(part), mono, size, INK, MARGIN, y - size);
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
        drawChart(chart, MARGIN, y - height, width(), height);
        y -= height + 6;
    }

    /**
     * Draws charts in a grid of {@code columns} columns, each cell {@code cellHeight} points tall; rows that do not
     * fit go to the next page.
     */
    public void chartGrid(List<JFreeChart> charts, int columns, float cellHeight) {
        float gap = 12;
        float cellWidth = (width() - gap * (columns - 1)) / columns;
        for (int i = 0; i < charts.size(); i += columns) {
            ensureSpace(cellHeight + 8);
            for (int c = 0; c < columns && i + c < charts.size(); c++) {
                drawChart(charts.get(i + c), MARGIN + c * (cellWidth + gap), y - cellHeight, cellWidth, cellHeight);
            }
            y -= cellHeight + 8;
        }
    }

    private void drawChart(JFreeChart chart, float x, float bottom, float w, float height) {
        try {
            PDFormXObject form = ChartForms.of(document, chart, w, height);
            content.saveGraphicsState();
            content.transform(new org.apache.pdfbox.util.Matrix(1, 0, 0, 1, x, bottom));
            content.drawForm(form);
            content.restoreGraphicsState();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public void save(Path file) throws IOException {
        content.close();
        content = null;
        writeFooters();
        document.save(file.toFile());
    }

    /** The footer of every page: the document's footer text left, "page i of n" right, under a hairline. */
    private void writeFooters() throws IOException {
        int pages = document.getNumberOfPages();
        for (int i = 0; i < pages; i++) {
            PDPage page = document.getPage(i);
            try (PDPageContentStream footerStream = new PDPageContentStream(document, page,
                    PDPageContentStream.AppendMode.APPEND, true, true)) {
                PDPageContentStream body = content;
                content = footerStream;
                float base = MARGIN - 22;
                content.setStrokingColor(RULE[0], RULE[1], RULE[2]);
                content.setLineWidth(0.5f);
                content.moveTo(MARGIN, base + 12);
                content.lineTo(MARGIN + width(), base + 12);
                content.stroke();
                writeAt(PdfText.sanitize(footer), regular, 7.5f, MUTED, MARGIN, base);
                String number = "page " + (i + 1) + " of " + pages;
                writeAt(number, regular, 7.5f, MUTED, MARGIN + width() - PdfText.widthOf(number, regular, 7.5f), base);
                content = body;
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (content != null) {
            content.close();
        }
        document.close();
    }

    private void paragraph(String text, PDFont font, float size, float[] color) {
        for (String line : PdfText.wrap(PdfText.sanitize(text), font, size, width())) {
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
            writeAt(PdfText.sanitize(text), font, size, color, MARGIN + indent, y - size);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        y -= size + 4;
    }

    void rule() {
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

    void writeAt(String text, PDFont font, float size, float[] color, float x, float baseline)
            throws IOException {
        content.beginText();
        content.setFont(font, size);
        content.setNonStrokingColor(color[0], color[1], color[2]);
        content.newLineAtOffset(x, baseline);
        content.showText(text);
        content.endText();
    }

    static float[] rgb(Color c) {
        return new float[] {c.getRed() / 255f, c.getGreen() / 255f, c.getBlue() / 255f};
    }



}
