package org.llmsim.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.util.List;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Charts of figures against a load or a varied field (sweeps, capacity curves, the plan's cost/latency frontier), in
 * the house style of {@link Charts}: series {@code i} in palette colour {@code i}, targets as dashed red lines,
 * marked loads as dashed vertical lines with their label.
 */
public final class LoadCharts {
    private static final Font TICK = new Font("SansSerif", Font.PLAIN, 8);
    private static final Stroke DASHED = new BasicStroke(1.0f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {4f, 3f}, 0f);
    private static final Color INK = new Color(0x1f2430);

    private LoadCharts() {
    }

    /** One named series of points; NaN values are left out. */
    public record Series(String name, double[] x, double[] y) {
    }

    /** A marked x value: a dashed vertical line with a label at its top (or bottom, so two labels do not meet). */
    public record Mark(double x, String label, Color color, boolean top) {
    }

    /** A horizontal target line (an SLO) with its label. */
    public record Target(double y, String label) {
    }

    /** Values spanning more than this ratio get a logarithmic axis (latencies past saturation). */
    static final double LOG_RATIO = 30;

    /**
     * Lines with points, one per series. A latency axis ({@code spread}) whose values span more than
     * {@value #LOG_RATIO} times becomes logarithmic, so that the rise past saturation does not flatten the rest.
     *
     * @param categories names of the x positions 0, 1, 2, ... when the x field is not numeric, or null
     * @param target     a horizontal target, or null
     * @param marks      vertical marks
     * @param spread     whether a wide spread of values may switch the y axis to a log scale
     */
    public static JFreeChart curves(String title, String xLabel, String yLabel, List<Series> series,
            List<String> categories, Target target, List<Mark> marks, boolean spread) {
        XYSeriesCollection data = collection(series);
        JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, data, PlotOrientation.VERTICAL,
                series.size() > 1, false, false);
        XYPlot plot = Charts.style(chart);
        XYLineAndShapeRenderer renderer = (XYLineAndShapeRenderer) plot.getRenderer();
        renderer.setDefaultShapesVisible(true);
        for (int i = 0; i < series.size(); i++) {
            renderer.setSeriesShape(i, new Ellipse2D.Double(-2.5, -2.5, 5, 5));
        }
        if (categories != null) {
            SymbolAxis x = new SymbolAxis(xLabel, categories.toArray(new String[0]));
            x.setGridBandsVisible(false);
            x.setLabelFont(plot.getDomainAxis().getLabelFont());
            x.setLabelPaint(plot.getDomainAxis().getLabelPaint());
            x.setTickLabelFont(TICK);
            x.setAxisLinePaint(plot.getDomainAxis().getAxisLinePaint());
            plot.setDomainAxis(x);
        } else {
            ((NumberAxis) plot.getDomainAxis()).setAutoRangeIncludesZero(false);
        }
        if (spread && logScale(data, target)) {
            LogAxis log = new LogAxis(yLabel);
            chart.setTitle(title + " (log scale)");
            log.setLabelFont(plot.getRangeAxis().getLabelFont());
            log.setLabelPaint(plot.getRangeAxis().getLabelPaint());
            log.setTickLabelFont(TICK);
            log.setAxisLinePaint(plot.getRangeAxis().getAxisLinePaint());
            log.setNumberFormatOverride(new Compact());
            log.setUpperMargin(0.15);
            plot.setRangeAxis(log);
            if (target != null && Double.isFinite(target.y())) {
                plot.addRangeMarker(targetLine(target), Layer.FOREGROUND);
            }
        } else {
            NumberAxis y = (NumberAxis) plot.getRangeAxis();
            y.setAutoRangeIncludesZero(true);
            y.setUpperMargin(0.12);
            target(plot, data, target);
        }
        for (Mark m : marks) {
            mark(plot, m);
        }
        return chart;
    }

    /**
     * Points without lines, one colour per group; a frontier drawn as a line through its points, and one point
     * ringed as the choice.
     */
    public static JFreeChart scatter(String title, String xLabel, String yLabel, List<Series> groups,
            Series frontier, double[] chosen, Target target) {
        XYSeriesCollection data = collection(groups);
        JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, data, PlotOrientation.VERTICAL,
                groups.size() > 1 || frontier != null, false, false);
        XYPlot plot = Charts.style(chart);
        XYLineAndShapeRenderer points = new XYLineAndShapeRenderer(false, true);
        for (int i = 0; i < groups.size(); i++) {
            points.setSeriesPaint(i, Charts.color(i));
            points.setSeriesShape(i, new Ellipse2D.Double(-3, -3, 6, 6));
        }
        plot.setRenderer(0, points);
        if (frontier != null) {
            plot.setDataset(1, collection(List.of(frontier)));
            XYLineAndShapeRenderer line = new XYLineAndShapeRenderer(true, false);
            line.setSeriesPaint(0, INK);
            line.setSeriesStroke(0, new BasicStroke(1.0f));
            plot.setRenderer(1, line);
        }
        if (chosen != null) {
            XYSeries ring = new XYSeries("cheapest", false, true);
            ring.add(chosen[0], chosen[1]);
            plot.setDataset(2, new XYSeriesCollection(ring));
            XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
            r.setSeriesPaint(0, INK);
            r.setSeriesShape(0, new Ellipse2D.Double(-6, -6, 12, 12));
            r.setSeriesShapesFilled(0, false);
            r.setSeriesStroke(0, new BasicStroke(1.4f));
            plot.setRenderer(2, r);
        }
        ((NumberAxis) plot.getDomainAxis()).setAutoRangeIncludesZero(true);
        NumberAxis y = (NumberAxis) plot.getRangeAxis();
        y.setAutoRangeIncludesZero(true);
        y.setUpperMargin(0.12);
        target(plot, data, target);
        return chart;
    }

    private static XYSeriesCollection collection(List<Series> series) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Series s : series) {
            XYSeries xy = new XYSeries(s.name(), false, true);
            for (int i = 0; i < s.x().length; i++) {
                if (Double.isFinite(s.x()[i]) && Double.isFinite(s.y()[i])) {
                    xy.add(s.x()[i], s.y()[i]);
                }
            }
            data.addSeries(xy);
        }
        return data;
    }

    /** A dashed red line at the target; the axis stretches to show it unless it lies far above the data. */
    private static void target(XYPlot plot, XYSeriesCollection data, Target target) {
        if (target == null || !Double.isFinite(target.y())) {
            return;
        }
        double top = 0;
        for (int s = 0; s < data.getSeriesCount(); s++) {
            top = Math.max(top, data.getSeries(s).getMaxY());
        }
        NumberAxis y = (NumberAxis) plot.getRangeAxis();
        if (top > 0 && target.y() > 4 * top) {
            XYTextAnnotation note = new XYTextAnnotation(target.label() + " (off scale)",
                    plot.getDomainAxis().getUpperBound(), top * 1.08);
            note.setFont(TICK);
            note.setPaint(Charts.BAD);
            note.setTextAnchor(TextAnchor.BOTTOM_RIGHT);
            plot.addAnnotation(note);
            return;
        }
        if (target.y() > top) {
            y.setAutoRange(false);
            y.setRange(0, target.y() * 1.15);
        }
        plot.addRangeMarker(targetLine(target), Layer.FOREGROUND);
    }

    private static ValueMarker targetLine(Target target) {
        ValueMarker line = new ValueMarker(target.y(), Charts.BAD, DASHED);
        line.setLabel(target.label());
        line.setLabelFont(TICK);
        line.setLabelPaint(Charts.BAD);
        line.setLabelBackgroundColor(new Color(255, 255, 255, 0));
        line.setLabelAnchor(RectangleAnchor.TOP_LEFT);
        line.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
        line.setLabelOffset(new RectangleInsets(2, 4, 2, 4));
        return line;
    }

    /** Tick labels that fit the fixed axis space: 0.5, 20, 300, 4k, 50k, 1.2M. */
    static final class Compact extends java.text.NumberFormat {
        @Override
        public StringBuffer format(double v, StringBuffer b, java.text.FieldPosition pos) {
            double a = Math.abs(v);
            String s = a >= 1e6 ? trim(v / 1e6) + "M" : a >= 1e3 ? trim(v / 1e3) + "k" : trim(v);
            return b.append(s);
        }

        @Override
        public StringBuffer format(long v, StringBuffer b, java.text.FieldPosition pos) {
            return format((double) v, b, pos);
        }

        @Override
        public Number parse(String source, java.text.ParsePosition pos) {
            throw new UnsupportedOperationException();
        }

        private static String trim(double v) {
            return new java.math.BigDecimal(v).round(new java.math.MathContext(2)).stripTrailingZeros()
                    .toPlainString();
        }
    }

    /** Whether the positive values (and the target) span more than {@value #LOG_RATIO} times. */
    private static boolean logScale(XYSeriesCollection data, Target target) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (int s = 0; s < data.getSeriesCount(); s++) {
            for (int i = 0; i < data.getItemCount(s); i++) {
                double y = data.getYValue(s, i);
                if (!(y > 0)) {
                    return false;
                }
                min = Math.min(min, y);
                max = Math.max(max, y);
            }
        }
        if (target != null && target.y() > 0) {
            min = Math.min(min, target.y());
            max = Math.max(max, target.y());
        }
        return max > 0 && max / min > LOG_RATIO;
    }

    private static void mark(XYPlot plot, Mark m) {
        if (!Double.isFinite(m.x())) {
            return;
        }
        ValueMarker line = new ValueMarker(m.x(), m.color(), DASHED);
        line.setLabel(m.label());
        line.setLabelFont(TICK);
        line.setLabelPaint(m.color());
        line.setLabelBackgroundColor(new Color(255, 255, 255, 0));
        line.setLabelAnchor(m.top() ? RectangleAnchor.TOP_LEFT : RectangleAnchor.BOTTOM_RIGHT);
        line.setLabelTextAnchor(m.top() ? TextAnchor.TOP_RIGHT : TextAnchor.BOTTOM_LEFT);
        line.setLabelOffset(new RectangleInsets(4, 4, 4, 4));
        plot.addDomainMarker(line, Layer.FOREGROUND);
    }
}
