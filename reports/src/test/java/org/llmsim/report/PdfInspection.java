package org.llmsim.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.contentstream.PDContentStream;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdfparser.PDFStreamParser;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;

/** Looks inside produced PDFs: text per page, raster images, vector path operators. */
final class PdfInspection {
    private PdfInspection() {
    }

    static String text(PDDocument pdf, int page) throws IOException {
        PDFTextStripper stripper = new PDFTextStripper();
        stripper.setStartPage(page);
        stripper.setEndPage(page);
        return stripper.getText(pdf);
    }

    /** Raster images anywhere on the page, inside form XObjects included. */
    static int images(PDPage page) throws IOException {
        return images(page.getResources());
    }

    private static int images(PDResources resources) throws IOException {
        if (resources == null) {
            return 0;
        }
        int n = 0;
        for (COSName name : resources.getXObjectNames()) {
            PDXObject x = resources.getXObject(name);
            if (x instanceof PDImageXObject) {
                n++;
            } else if (x instanceof PDFormXObject form) {
                n += images(form.getResources());
            }
        }
        return n;
    }

    /** Path construction operators (m, l, c, re) on the page, inside form XObjects (the charts) included. */
    static int pathOperators(PDPage page) throws IOException {
        return pathOperators(page, page.getResources());
    }

    private static int pathOperators(PDContentStream stream, PDResources resources) throws IOException {
        int n = 0;
        for (Object token : new PDFStreamParser(stream).parse()) {
            if (token instanceof Operator op && List.of("m", "l", "c", "re").contains(op.getName())) {
                n++;
            }
        }
        if (resources != null) {
            for (COSName name : resources.getXObjectNames()) {
                if (resources.getXObject(name) instanceof PDFormXObject form) {
                    n += pathOperators(form, form.getResources());
                }
            }
        }
        return n;
    }

    /** Text of every page, in order. */
    static List<String> pages(PDDocument pdf) throws IOException {
        List<String> pages = new ArrayList<>();
        for (int i = 1; i <= pdf.getNumberOfPages(); i++) {
            pages.add(text(pdf, i));
        }
        return pages;
    }
}
