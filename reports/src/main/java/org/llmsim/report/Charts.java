package org.llmsim.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.List;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.llmsim.metrics.LatencyStats;

/** JFreeChart charts in one consistent style (the same palette in every chart and report). */
public final class Charts {
    /** Series colours, in order: blue, orange, green, red, purple, brown. */
    public static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
            new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b)};
    private static final Color GRID = new Color(0xdddddd);
    private static final Color SLO = new Color(0xd62728);
    private static final Font TITLE = new Font("SansSerif", Font.BOLD, 12);
    private static final Font LABEL = new Font("SansSerif", Font.PLAIN, 10);
    private static final Font TICK = new Font("SansSerif", Font.PLAIN, 9);

    private Charts() {
    }

    /** One named latency distribution. */
    public record Cdf(String name, LatencyStats stats) {
    }

    /**
     * Cumulative distribution of a latency metric in milliseconds, one line per distribution, with a vertical line at
     * the SLO target when there is one.
     *
     * @param metric   what is plotted, e.g. "TTFT"
     * @param cdfs     the distributions
     * @param sloS     the SLO target in seconds, or null
     */
    public static JFreeChart latencyCdf(String metric, List<Cdf> cdfs, Double sloS) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Cdf c : cdfs) {
            XYSeries series = new XYSeries(c.name(), false, true);
            double[] values = c.stats().cdf();
            for (int i = 0; i < values.length; i++) {
                if (!Double.isNaN(values[i])) {
                    series.add(values[i] * 1000, LatencyStats.CDF_QUANTILES[i]);
                }
            }
            data.addSeries(series);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(metric + " distribution", metric + " (ms)",
                "fraction of requests", data, PlotOrientation.VERTICAL, cdfs.size() > 1, false, false);
        XYPlot plot = style(chart);
        NumberAxis y = (NumberAxis) plot.getRangeAxis();
        y.setRange(0, 1.0);
        y.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(0.1));
        if (sloS != null) {
            ValueMarker marker = new ValueMarker(sloS * 1000, SLO, new BasicStroke(1.2f, BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_MITER, 10f, new float[] {4f, 3f}, 0f));
            marker.setLabel("SLO " + Format.plain(sloS * 1000) + " ms");
            marker.setLabelFont(TICK);
            marker.setLabelPaint(SLO);
            marker.setLabelAnchor(RectangleAnchor.BOTTOM_LEFT);
            marker.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
            plot.addDomainMarker(marker);
            NumberAxis x = (NumberAxis) plot.getDomainAxis();
            double max = Math.max(sloS * 1000 * 1.08, maxOf(cdfs) * 1000 * 1.02);
            x.setRange(0, max);
        }
        return chart;
    }

    private static double maxOf(List<Cdf> cdfs) {
        double max = 0;
        for (Cdf c : cdfs) {
            if (!Double.isNaN(c.stats().max())) {
                max = Math.max(max, c.stats().max());
            }
        }
        return max;
    }

    /** Applies the house style and returns the plot. */
    static XYPlot style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.getTitle().setFont(TITLE);
        if (chart.getLegend() != null) {
            chart.getLegend().setItemFont(LABEL);
            chart.getLegend().setFrame(org.jfree.chart.block.BlockBorder.NONE);
        }
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setOutlineVisible(false);
        for (var axis : List.of(plot.getDomainAxis(), plot.getRangeAxis())) {
            axis.setLabelFont(LABEL);
            axis.setTickLabelFont(TICK);
        }
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < PALETTE.length; i++) {
            renderer.setSeriesPaint(i, PALETTE[i]);
            renderer.setSeriesStroke(i, new BasicStroke(1.6f));
        }
        plot.setRenderer(renderer);
        return plot;
    }
}
