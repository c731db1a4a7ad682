package org.llmsim.report;

import java.awt.geom.Rectangle2D;
import java.io.IOException;

import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2D;
import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2DFontTextDrawerDefaultFonts;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.jfree.chart.JFreeChart;

/** A JFreeChart chart as PDF vector graphics (through pdfbox-graphics2d), its text as real, selectable PDF text. */
final class ChartForms {
    private ChartForms() {
    }

    /** The chart drawn into a form of {@code width} x {@code height} points, ready to place on a page. */
    static PDFormXObject of(PDDocument document, JFreeChart chart, float width, float height) throws IOException {
        PdfBoxGraphics2D g = new PdfBoxGraphics2D(document, width, height);
        g.setFontTextDrawer(new PdfBoxGraphics2DFontTextDrawerDefaultFonts());
        chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
        g.dispose();
        return g.getXFormObject();
    }
}
