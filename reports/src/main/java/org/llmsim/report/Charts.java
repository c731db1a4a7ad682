package org.llmsim.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Stroke;
import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.AxisSpace;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.llmsim.metrics.LatencyStats;

/**
 * JFreeChart charts in one house style: white background, light grid, no frames, and one palette
 * ({@link #PALETTE}) in which series {@code i} always has colour {@code i} - the same pool or scenario has the same
 * colour in every chart of a report. Chart text uses only characters the PDF's standard fonts can show, so it stays
 * selectable text.
 */
public final class Charts {
    /** Series colours, in order: blue, orange, green, red, purple, brown. */
    public static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
            new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b)};
    /** Targets and what misses them. */
    public static final Color BAD = PALETTE[3];
    /** What meets its target. */
    public static final Color GOOD = PALETTE[2];
    /** Idle or inactive quantities. */
    public static final Color NEUTRAL = new Color(0xc7c7c7);
    private static final Color INK = new Color(0x1f2430);
    private static final Color MUTED = new Color(0x666d7a);
    private static final Color GRID = new Color(0xe3e5e8);
    private static final Color SHADE = new Color(0xf1f2f4);
    private static final Font TITLE = new Font("SansSerif", Font.BOLD, 11);
    private static final Font LABEL = new Font("SansSerif", Font.PLAIN, 9);
    private static final Font TICK = new Font("SansSerif", Font.PLAIN, 8);
    private static final Stroke LINE = new BasicStroke(1.4f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    private static final Stroke DASHED = new BasicStroke(1.0f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {4f, 3f}, 0f);

    /** Points reserved for the y axis (ticks and label) of XY charts. */
    private static final double Y_AXIS_SPACE = 46;

    private Charts() {
    }

    /** The colour of series {@code i} (the palette repeats after six). */
    public static Color color(int i) {
        return PALETTE[Math.floorMod(i, PALETTE.length)];
    }

    /** One named latency distribution. */
    public record Cdf(String name, LatencyStats stats) {
    }

    /** One named line of a time series chart: {@code y[i]} at {@code x[i]}. */
    public record Line(String name, double[] x, double[] y) {
    }

    /**
     * Marks on a time axis: the warm-up (shaded, not measured) and the end of arrivals (a dashed line), seconds.
     * NaN leaves a mark out.
     */
    public record TimeMarks(double warmupEndS, double arrivalsEndS) {
        public static final TimeMarks NONE = new TimeMarks(Double.NaN, Double.NaN);
    }

    /** One series of a bar chart: a value per category. */
    public record Bars(String name, double[] values, Color color) {
    }

    /**
     * Cumulative distribution of a latency metric in milliseconds, one line per distribution, with a dashed line at
     * the SLO target when there is one. The axis covers the data; a target far beyond it is named at the right edge
     * instead of squeezing the curves against the left.
     *
     * @param metric what is plotted, e.g. "TTFT"
     * @param cdfs   the distributions (series i gets colour i)
     * @param sloS   the SLO target in seconds, or null
     */
    public static JFreeChart latencyCdf(String metric, List<Cdf> cdfs, Double sloS) {
        XYSeriesCollection data = new XYSeriesCollection();
        double maxMs = 0;
        for (Cdf c : cdfs) {
            XYSeries series = new XYSeries(c.name(), false, true);
            double[] values = c.stats().cdf();
            for (int i = 0; i < values.length; i++) {
                if (!Double.isNaN(values[i])) {
                    series.add(values[i] * 1000, LatencyStats.CDF_QUANTILES[i]);
                    maxMs = Math.max(maxMs, values[i] * 1000);
                }
            }
            data.addSeries(series);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(metric + " distribution", metric + " (ms)",
                "fraction of requests", data, PlotOrientation.VERTICAL, cdfs.size() > 1, false, false);
        XYPlot plot = style(chart);
        NumberAxis y = (NumberAxis) plot.getRangeAxis();
        y.setRange(0, 1.0);
        y.setTickUnit(new NumberTickUnit(0.1));
        NumberAxis x = (NumberAxis) plot.getDomainAxis();
        double upper = maxMs > 0 ? maxMs * 1.04 : 1;
        if (sloS != null) {
            double sloMs = sloS * 1000;
            String label = "SLO " + Format.number(sloMs, sloMs < 10 ? 1 : 0) + " ms";
            if (sloMs <= upper * 1.6) {
                upper = Math.max(upper, sloMs * 1.06);
                ValueMarker marker = new ValueMarker(sloMs, BAD, DASHED);
                marker.setLabel(label);
                marker.setLabelFont(TICK);
                marker.setLabelPaint(BAD);
                marker.setLabelBackgroundColor(new Color(255, 255, 255, 0));
                // the label goes where the curves are not: low when most requests meet the target (the curves
                // pass high over the line), high when most miss it
                boolean low = shareAtMost(cdfs.get(0).stats(), sloS) >= 0.5;
                marker.setLabelAnchor(low ? RectangleAnchor.BOTTOM_LEFT : RectangleAnchor.TOP_LEFT);
                marker.setLabelTextAnchor(low ? TextAnchor.BOTTOM_RIGHT : TextAnchor.TOP_RIGHT);
                marker.setLabelOffset(new RectangleInsets(4, 4, 4, 4));
                plot.addDomainMarker(marker, Layer.FOREGROUND);
            } else {
                // the target is far off scale: say so at the right edge rather than flatten the distribution
                XYTextAnnotation note = new XYTextAnnotation(label + " (off scale) \u00bb", upper, 0.04);
                note.setFont(TICK);
                note.setPaint(BAD);
                note.setTextAnchor(TextAnchor.BOTTOM_RIGHT);
                plot.addAnnotation(note);
            }
        }
        x.setRange(0, upper);
        return chart;
    }

    /** The share of requests at or under {@code limitS}, read off the distribution's quantiles. */
    static double shareAtMost(LatencyStats stats, double limitS) {
        double share = 0;
        double[] values = stats.cdf();
        for (int i = 0; i < values.length; i++) {
            if (values[i] <= limitS) {
                share = LatencyStats.CDF_QUANTILES[i];
            }
        }
        return share;
    }

    /**
     * A time series chart: one line per series (series i gets colour i), the y axis from zero.
     *
     * @param title   chart title
     * @param yLabel  y axis label with its unit
     * @param lines   the series
     * @param marks   warm-up and end of arrivals
     * @param integer whether the y values are counts (integer ticks)
     */
    public static JFreeChart timeSeries(String title, String yLabel, List<Line> lines, TimeMarks marks,
            boolean integer) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Line line : lines) {
            XYSeries series = new XYSeries(line.name(), false, true);
            for (int i = 0; i < line.x().length; i++) {
                series.add(line.x()[i], line.y()[i]);
            }
            data.addSeries(series);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, "time (s)", yLabel, data, PlotOrientation.VERTICAL,
                lines.size() > 1, false, false);
        XYPlot plot = style(chart);
        for (int i = 0; i < lines.size(); i++) {
            plot.getRenderer().setSeriesStroke(i, new BasicStroke(1.0f, BasicStroke.CAP_ROUND,
                    BasicStroke.JOIN_ROUND));
        }
        NumberAxis y = (NumberAxis) plot.getRangeAxis();
        y.setAutoRangeIncludesZero(true);
        y.setUpperMargin(0.12); // a flat line at the maximum should not sit on the top edge
        if (integer) {
            y.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        }
        NumberAxis x = (NumberAxis) plot.getDomainAxis();
        x.setAutoRangeIncludesZero(true);
        x.setLowerMargin(0);
        x.setUpperMargin(0);
        if (!Double.isNaN(marks.warmupEndS()) && marks.warmupEndS() > 0) {
            IntervalMarker warmup = new IntervalMarker(0, marks.warmupEndS(), SHADE);
            plot.addDomainMarker(warmup, Layer.BACKGROUND);
        }
        if (!Double.isNaN(marks.arrivalsEndS())) {
            plot.addDomainMarker(new ValueMarker(marks.arrivalsEndS(), MUTED, DASHED), Layer.BACKGROUND);
        }
        return chart;
    }

    /**
     * A bar chart with one bar per category and series (series in the colours given).
     *
     * @param title      chart title
     * @param xLabel     category axis label
     * @param yLabel     value axis label with its unit
     * @param categories category names
     * @param series     the bars
     * @param horizontal bars along the x axis (for few categories with long names)
     * @param stacked    stack the series instead of grouping them
     */
    public static JFreeChart bars(String title, String xLabel, String yLabel, List<String> categories,
            List<Bars> series, boolean horizontal, boolean stacked) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Bars s : series) {
            for (int i = 0; i < categories.size(); i++) {
                data.addValue(s.values()[i], s.name(), categories.get(i));
            }
        }
        PlotOrientation orientation = horizontal ? PlotOrientation.HORIZONTAL : PlotOrientation.VERTICAL;
        JFreeChart chart = stacked
                ? ChartFactory.createStackedBarChart(title, xLabel, yLabel, data, orientation, series.size() > 1,
                        false, false)
                : ChartFactory.createBarChart(title, xLabel, yLabel, data, orientation, series.size() > 1, false,
                        false);
        styleChart(chart);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setRangeAxisLocation(AxisLocation.BOTTOM_OR_LEFT);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlineVisible(false);
        plot.setRangeGridlinePaint(GRID);
        plot.setDomainGridlinesVisible(false);
        CategoryAxis x = plot.getDomainAxis();
        x.setLabelFont(LABEL);
        x.setLabelPaint(MUTED);
        x.setTickLabelFont(TICK);
        x.setTickLabelPaint(INK);
        x.setAxisLineVisible(false);
        if (horizontal) {
            x.setCategoryMargin(0.25);
            x.setLowerMargin(0.02);
            x.setUpperMargin(0.02);
        } else {
            // few categories sit together in the middle rather than spread thin across the width
            double used = Math.min(0.9, 0.16 * categories.size());
            x.setLowerMargin((1 - used) / 2);
            x.setUpperMargin((1 - used) / 2);
            x.setCategoryMargin(0.3 * used);
        }
        NumberAxis y = (NumberAxis) plot.getRangeAxis();
        y.setLabelFont(LABEL);
        y.setLabelPaint(MUTED);
        y.setTickLabelFont(TICK);
        y.setTickLabelPaint(INK);
        y.setAxisLineVisible(false);
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setDrawBarOutline(false);
        renderer.setItemMargin(0.0);
        if (horizontal) {
            renderer.setMaximumBarWidth(0.35);
        }
        for (int i = 0; i < series.size(); i++) {
            renderer.setSeriesPaint(i, series.get(i).color());
        }
        return chart;
    }

    /** A y axis in percent of 0..1 values: ticks "0%".."100%". */
    static void percentAxis(NumberAxis axis) {
        NumberFormat percent = NumberFormat.getPercentInstance(Locale.ROOT);
        axis.setNumberFormatOverride(percent);
        axis.setStandardTickUnits(NumberAxis.createStandardTickUnits());
    }

    /** Applies the house style to an XY chart and returns its plot. */
    static XYPlot style(JFreeChart chart) {
        styleChart(chart);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setDomainGridlineStroke(new BasicStroke(0.5f));
        plot.setRangeGridlineStroke(new BasicStroke(0.5f));
        plot.setOutlineVisible(false);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        // the same room for every y axis, so that charts in a grid line up whatever their tick labels
        AxisSpace left = new AxisSpace();
        left.setLeft(Y_AXIS_SPACE);
        plot.setFixedRangeAxisSpace(left);
        for (var axis : List.of(plot.getDomainAxis(), plot.getRangeAxis())) {
            axis.setLabelFont(LABEL);
            axis.setLabelPaint(MUTED);
            axis.setTickLabelFont(TICK);
            axis.setTickLabelPaint(INK);
            axis.setAxisLinePaint(GRID);
            axis.setTickMarkPaint(GRID);
        }
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < PALETTE.length; i++) {
            renderer.setSeriesPaint(i, PALETTE[i]);
            renderer.setSeriesStroke(i, LINE);
        }
        plot.setRenderer(renderer);
        return plot;
    }

    private static void styleChart(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        chart.setPadding(new RectangleInsets(2, 2, 2, 8));
        chart.getTitle().setFont(TITLE);
        chart.getTitle().setPaint(INK);
        chart.getTitle().setHorizontalAlignment(org.jfree.chart.ui.HorizontalAlignment.LEFT);
        chart.getTitle().setMargin(0, 4, 6, 0);
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setItemFont(LABEL);
            legend.setItemPaint(INK);
            legend.setFrame(BlockBorder.NONE);
            legend.setPosition(RectangleEdge.TOP);
            legend.setHorizontalAlignment(org.jfree.chart.ui.HorizontalAlignment.LEFT);
        }
    }
}
