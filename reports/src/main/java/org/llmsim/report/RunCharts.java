package org.llmsim.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.llmsim.metrics.LatencyStats;
import org.llmsim.metrics.RunResult;

/**
 * The charts of a run report and of a comparison, built from {@link RunResult}s: latency CDFs against the SLO, the
 * time series, per-replica utilization and the cost breakdown. Series {@code i} (pool {@code i} of a run, or
 * scenario {@code i} of a comparison) has palette colour {@code i} in every chart.
 */
public final class RunCharts {
    private RunCharts() {
    }

    /** A run with the name it has in a chart legend. */
    public record Named(String name, RunResult result) {
    }

    /** CDFs of TTFT, TPOT and E2E, one line per run, each with its SLO target (taken from the first run). */
    public static List<JFreeChart> latencyCdfs(List<Named> runs) {
        RunResult.SloResult slo = runs.get(0).result().slo();
        return List.of(
                Charts.latencyCdf("TTFT", cdfs(runs, RunResult::ttft), slo.ttftS()),
                Charts.latencyCdf("TPOT", cdfs(runs, RunResult::tpot), slo.tpotS()),
                Charts.latencyCdf("E2E", cdfs(runs, RunResult::e2e), slo.e2eS()));
    }

    private static List<Charts.Cdf> cdfs(List<Named> runs, java.util.function.Function<RunResult, LatencyStats> f) {
        return runs.stream().map(n -> new Charts.Cdf(n.name(), f.apply(n.result()))).toList();
    }

    /** The six time series of one run, one line per pool. */
    public static List<JFreeChart> timeSeries(RunResult r) {
        List<List<Charts.Line>> perChart = new ArrayList<>();
        for (int c = 0; c < SERIES.size(); c++) {
            perChart.add(new ArrayList<>());
        }
        for (String pool : r.timeSeries().pools()) {
            List<RunResult.Sample> samples = r.timeSeries().of(pool);
            for (int c = 0; c < SERIES.size(); c++) {
                perChart.get(c).add(line(pool, samples, SERIES.get(c).value()));
            }
        }
        return charts(perChart, marks(r));
    }

    /** The six time series of several runs, one line per run with its pools added up (KV weighted by blocks). */
    public static List<JFreeChart> timeSeries(List<Named> runs) {
        List<List<Charts.Line>> perChart = new ArrayList<>();
        for (int c = 0; c < SERIES.size(); c++) {
            perChart.add(new ArrayList<>());
        }
        for (Named run : runs) {
            List<RunResult.Sample> fleet = fleet(run.result());
            for (int c = 0; c < SERIES.size(); c++) {
                perChart.get(c).add(line(run.name(), fleet, SERIES.get(c).value()));
            }
        }
        return charts(perChart, marks(runs.get(0).result()));
    }

    /** One time series chart: title, y label, whether counts, how to read a sample. */
    private record Series(String title, String yLabel, boolean integer, boolean percent,
            ToDoubleFunction<RunResult.Sample> value) {
    }

    private static final List<Series> SERIES = List.of(
            new Series("Arrivals", "requests/s", false, false, RunResult.Sample::arrivalsPerS),
            new Series("Queue length", "waiting requests", true, false, RunResult.Sample::queueLength),
            new Series("Running batch", "sequences", true, false, RunResult.Sample::runningSequences),
            new Series("KV cache in use", "share of KV blocks", false, true, RunResult.Sample::kvUtilization),
            new Series("Replicas provisioned", "replicas", true, false, RunResult.Sample::replicas),
            new Series("Cost rate", "$ per hour", false, false, RunResult.Sample::usdPerHour));

    private static List<JFreeChart> charts(List<List<Charts.Line>> perChart, Charts.TimeMarks marks) {
        List<JFreeChart> charts = new ArrayList<>();
        for (int c = 0; c < SERIES.size(); c++) {
            Series s = SERIES.get(c);
            JFreeChart chart = Charts.timeSeries(s.title(), s.yLabel(), perChart.get(c), marks, s.integer());
            if (s.percent()) {
                NumberAxis y = (NumberAxis) chart.getXYPlot().getRangeAxis();
                Charts.percentAxis(y);
                y.setRange(0, Math.max(0.05, maxY(perChart.get(c)) * 1.1));
            }
            charts.add(chart);
        }
        return charts;
    }

    private static double maxY(List<Charts.Line> lines) {
        double max = 0;
        for (Charts.Line l : lines) {
            for (double v : l.y()) {
                max = Math.max(max, v);
            }
        }
        return max;
    }

    private static Charts.TimeMarks marks(RunResult r) {
        return new Charts.TimeMarks(r.window().startS(), r.window().endS());
    }

    private static Charts.Line line(String name, List<RunResult.Sample> samples,
            ToDoubleFunction<RunResult.Sample> value) {
        double[] x = new double[samples.size()];
        double[] y = new double[samples.size()];
        for (int i = 0; i < samples.size(); i++) {
            x[i] = samples.get(i).timeS();
            y[i] = value.applyAsDouble(samples.get(i));
        }
        return new Charts.Line(name, x, y);
    }

    /** The fleet of a run as one pool: counts and rates added, KV utilization weighted by each pool's blocks. */
    static List<RunResult.Sample> fleet(RunResult r) {
        List<String> pools = r.timeSeries().pools();
        List<RunResult.Sample> all = r.timeSeries().samples();
        if (pools.size() <= 1) {
            return all;
        }
        double[] blocks = new double[pools.size()];
        for (int p = 0; p < pools.size(); p++) {
            for (RunResult.PoolResult pr : r.pools()) {
                if (pr.name().equals(pools.get(p))) {
                    blocks[p] = (double) pr.kvBlocksPerReplica() * pr.replicas();
                }
            }
        }
        double totalBlocks = java.util.Arrays.stream(blocks).sum();
        List<RunResult.Sample> fleet = new ArrayList<>();
        for (int i = 0; i + pools.size() <= all.size(); i += pools.size()) {
            long arrivals = 0;
            int queue = 0;
            int running = 0;
            double kv = 0;
            int replicas = 0;
            int serving = 0;
            double usd = 0;
            for (int p = 0; p < pools.size(); p++) {
                RunResult.Sample s = all.get(i + p);
                arrivals += s.arrivals();
                queue += s.queueLength();
                running += s.runningSequences();
                kv += s.kvUtilization() * blocks[p];
                replicas += s.replicas();
                serving += s.servingReplicas();
                usd += s.usdPerHour();
            }
            fleet.add(new RunResult.Sample(all.get(i).timeS(), "fleet", arrivals, all.get(i).intervalS(), queue,
                    running, totalBlocks > 0 ? kv / totalBlocks : 0, replicas, usd, serving));
        }
        return fleet;
    }

    /** Busy time and KV cache in use per replica, as grouped bars. */
    public static JFreeChart replicaUtilization(RunResult r) {
        List<String> names = new ArrayList<>();
        double[] busy = new double[r.replicas().size()];
        double[] kv = new double[r.replicas().size()];
        for (int i = 0; i < r.replicas().size(); i++) {
            RunResult.ReplicaResult rr = r.replicas().get(i);
            names.add(r.pools().size() > 1 ? rr.pool() + " " + rr.index() : Integer.toString(rr.index()));
            busy[i] = rr.utilization().busyFraction();
            kv[i] = rr.utilization().kvCacheMean();
        }
        JFreeChart chart = Charts.bars("Busy time and KV cache in use, per replica", "replica", "share of time",
                names, List.of(new Charts.Bars("busy (in forward passes)", busy, Charts.color(0)),
                        new Charts.Bars("KV cache in use (mean)", kv, Charts.color(1))), false, false);
        NumberAxis y = (NumberAxis) chart.getCategoryPlot().getRangeAxis();
        Charts.percentAxis(y);
        y.setRange(0, 1.05);
        return chart;
    }

    /**
     * Spend per hour of each pool, split into time spent in forward passes and idle time: what the fleet costs and
     * how much of it does work.
     */
    public static JFreeChart costBreakdown(RunResult r) {
        List<String> names = new ArrayList<>();
        List<Double> usdPerHour = new ArrayList<>();
        List<RunResult.Utilization> utilization = new ArrayList<>();
        for (RunResult.PoolResult p : r.pools()) {
            names.add(p.name() + " (" + p.replicas() * p.layout().gpusPerReplica() + "x " + p.gpu() + ")");
            usdPerHour.add(p.usdPerHour());
            utilization.add(p.utilization());
        }
        return spend("Spend per hour by pool", names, usdPerHour, utilization);
    }

    /** Horizontal stacked bars: each fleet's spend per hour split into busy (forward passes) and idle. */
    static JFreeChart spend(String title, List<String> names, List<Double> usdPerHour,
            List<RunResult.Utilization> utilization) {
        double[] busy = new double[names.size()];
        double[] idle = new double[names.size()];
        for (int i = 0; i < names.size(); i++) {
            double fraction = utilization.get(i).busyFraction();
            fraction = Double.isNaN(fraction) ? 0 : fraction;
            busy[i] = usdPerHour.get(i) * fraction;
            idle[i] = usdPerHour.get(i) * (1 - fraction);
        }
        return Charts.bars(title, null, "$ per hour", names,
                List.of(new Charts.Bars("busy (forward passes)", busy, Charts.color(0)),
                        new Charts.Bars("idle", idle, Charts.NEUTRAL)), true, true);
    }
}
