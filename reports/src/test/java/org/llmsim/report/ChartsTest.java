package org.llmsim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import javax.imageio.ImageIO;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.Marker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.ui.Layer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.llmsim.metrics.RunResult;

/** Charts render to something a reader can see, in the house palette. */
class ChartsTest {
    static RunResult run;

    @BeforeAll
    static void simulate() {
        run = Fixtures.run(1, Fixtures.quickstart()).get(0).first();
    }

    /** Renders a chart to PNG bytes and decodes them again, as a viewer would see the file. */
    private static BufferedImage png(JFreeChart chart, int width, int height) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ChartUtils.writeChartAsPNG(bytes, chart, width, height);
            assertTrue(bytes.size() > 1000, "a PNG was written");
            return ImageIO.read(new ByteArrayInputStream(bytes.toByteArray()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Pixels painted in {@code color}, anti-aliased edges included: a pixel counts when it is {@code color} blended
     * with the white background at an opacity of at least a quarter.
     */
    private static int pixels(BufferedImage image, Color color) {
        int[] target = {color.getRed(), color.getGreen(), color.getBlue()};
        int strongest = 0;
        for (int k = 1; k < 3; k++) {
            if (255 - target[k] > 255 - target[strongest]) {
                strongest = k;
            }
        }
        int n = 0;
        for (int x = 0; x < image.getWidth(); x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                Color c = new Color(image.getRGB(x, y));
                int[] p = {c.getRed(), c.getGreen(), c.getBlue()};
                double alpha = (255.0 - p[strongest]) / (255.0 - target[strongest]);
                if (alpha < 0.25 || alpha > 1.1) {
                    continue;
                }
                double error = 0;
                for (int k = 0; k < 3; k++) {
                    error += Math.abs(p[k] - (255 - alpha * (255 - target[k])));
                }
                if (error < 40) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void latencyCdf_rendersTheSeriesInThePaletteAndTheSloLine() {
        // given a CDF whose SLO lies within the data's range (so the target line is drawn)
        JFreeChart chart = Charts.latencyCdf("TTFT", List.of(new Charts.Cdf("run", run.ttft())),
                run.ttft().p90());
        BufferedImage image = png(chart, 600, 360);
        // then the curve (palette colour 0) and the SLO line (red) are there, on a mostly white background
        assertTrue(pixels(image, Charts.PALETTE[0]) > 300, "the distribution is drawn");
        assertTrue(pixels(image, Charts.BAD) > 50, "the SLO line is drawn");
        int white = 0;
        for (int x = 0; x < image.getWidth(); x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                white += image.getRGB(x, y) == Color.WHITE.getRGB() ? 1 : 0;
            }
        }
        assertTrue(white > 600 * 360 / 2, "a white chart");
        // and the SLO label has no box behind it
        Marker marker = (Marker) chart.getXYPlot().getDomainMarkers(Layer.FOREGROUND).iterator().next();
        assertEquals(0, marker.getLabelBackgroundColor().getAlpha());
        assertTrue(((ValueMarker) marker).getLabel().startsWith("SLO "));
    }

    @Test
    void latencyCdf_namesAnOffScaleTargetInsteadOfSqueezingTheCurve() {
        // the quickstart's TTFT SLO (1 s) is far beyond its slowest request (~0.15 s)
        JFreeChart chart = Charts.latencyCdf("TTFT", List.of(new Charts.Cdf("run", run.ttft())), 1.0);
        double upper = chart.getXYPlot().getDomainAxis().getUpperBound();
        assertTrue(upper < 300, "the axis follows the data, got " + upper + " ms");
        assertFalse(chart.getXYPlot().getAnnotations().isEmpty(), "the target is named at the edge");
    }

    @Test
    void timeSeriesCharts_renderEverySeriesWithAxesInUnits() {
        List<JFreeChart> charts = RunCharts.timeSeries(run);
        assertEquals(6, charts.size());
        for (JFreeChart chart : charts) {
            assertEquals("time (s)", chart.getXYPlot().getDomainAxis().getLabel());
            assertFalse(chart.getXYPlot().getRangeAxis().getLabel().isBlank(), "y axis has a unit");
            BufferedImage image = png(chart, 400, 260);
            assertTrue(pixels(image, Charts.PALETTE[0]) > 100, chart.getTitle().getText() + " is not blank");
        }
    }

    @Test
    void barCharts_useThePaletteAndNeutralGreyForIdle() {
        BufferedImage replicas = RunCharts.replicaUtilization(run).createBufferedImage(500, 260);
        assertTrue(pixels(replicas, Charts.PALETTE[0]) > 500, "busy bars");
        BufferedImage cost = RunCharts.costBreakdown(run).createBufferedImage(500, 160);
        assertTrue(pixels(cost, Charts.PALETTE[0]) > 500, "busy spend");
    }
}
