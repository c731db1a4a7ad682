package org.llmsim.calibration;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Simulates validation cases and compares each published figure with its simulated value: one {@link Row} per case
 * and metric. The relative error is {@code simulated / published - 1}.
 */
public final class ValidationTable {
    private ValidationTable() {
    }

    /**
     * One published figure and its simulated value.
     *
     * @param caseId      the validation case
     * @param gpu         GPU profile id
     * @param model       model profile id
     * @param tp          tensor-parallel size
     * @param engine      serving engine
     * @param load        the benchmark load, described
     * @param metric      what is compared
     * @param published   the published value, in the metric's unit
     * @param simulated   llmsim's value
     * @param calibration whether the case was used to calibrate the profile
     */
    public record Row(String caseId, String gpu, String model, int tp, String engine, String load, Metric metric,
            double published, double simulated, boolean calibration) {

        /** {@code simulated / published - 1}. */
        public double relativeError() {
            return simulated / published - 1;
        }
    }

    /** Seeds a case driven by Poisson arrivals is simulated under; its figures are their means. */
    public static final int POISSON_SEEDS = 5;

    /**
     * Simulates every case and returns its rows, in case order and then metric order. A case with all requests sent
     * at once runs once; one with Poisson arrivals runs under {@value #POISSON_SEEDS} seeds (the load's and the next
     * ones) and each figure is the mean of its runs, so that no figure rests on one draw of the arrivals.
     */
    public static List<Row> run(List<ValidationCase> cases, BenchmarkRun runner) {
        List<Row> rows = new ArrayList<>();
        for (ValidationCase c : cases) {
            List<BenchmarkStats> runs = new ArrayList<>();
            BenchmarkLoad load = c.load();
            int seeds = load.infiniteRate() ? 1 : POISSON_SEEDS;
            for (int i = 0; i < seeds; i++) {
                runs.add(runner.run(new ServeBenchmark(c.deployment(), load.withSeed(load.seed() + i))));
            }
            var d = c.deployment();
            for (Map.Entry<Metric, Double> e : c.measurement().measured().entrySet()) {
                double mean = runs.stream().mapToDouble(e.getKey()::of).average().orElse(Double.NaN);
                rows.add(new Row(c.id(), d.gpu(), d.model(), d.tensorParallel(), d.engine().yamlName(),
                        load.describe(), e.getKey(), e.getValue(), mean, c.calibration()));
            }
        }
        return rows;
    }

    /** Median of the absolute relative errors of the rows (NaN errors count as infinitely wrong). */
    public static double medianAbsoluteError(List<Row> rows) {
        double[] errors = rows.stream().mapToDouble(r -> {
            double e = Math.abs(r.relativeError());
            return Double.isNaN(e) ? Double.POSITIVE_INFINITY : e;
        }).sorted().toArray();
        if (errors.length == 0) {
            return Double.NaN;
        }
        int n = errors.length;
        return n % 2 == 1 ? errors[n / 2] : (errors[n / 2 - 1] + errors[n / 2]) / 2;
    }

    /** The rows as a Markdown table, then one line of summary statistics. */
    public static String markdown(List<Row> rows) {
        StringBuilder b = new StringBuilder();
        b.append("| case | fitted or held out | GPU | model | engine | metric | published | simulated | error |\n");
        b.append("|---|---|---|---|---|---|---:|---:|---:|\n");
        for (Row r : rows) {
            String gpu = r.tp() > 1 ? r.tp() + "x " + r.gpu() : r.gpu();
            b.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s (%s) | %s | %s | %+.1f%% |%n",
                    r.caseId(), r.calibration() ? "fitted" : "held out", gpu, r.model(), r.engine(),
                    r.metric().label(), r.metric().unit(), number(r.metric(), r.published()),
                    number(r.metric(), r.simulated()), 100 * r.relativeError()));
        }
        b.append('\n').append(summary(rows)).append('\n');
        return b.toString();
    }

    /**
     * The held-out rows of latency and throughput: figures of cases no profile value was fitted to. Energy figures
     * are scored apart ({@link #heldOutEnergy}): they test the power model, on top of the time model.
     */
    public static List<Row> heldOut(List<Row> rows) {
        return rows.stream().filter(r -> !r.calibration() && r.metric() != Metric.JOULES_PER_OUTPUT_TOKEN).toList();
    }

    /** The held-out energy rows (GPU joules per output token). */
    public static List<Row> heldOutEnergy(List<Row> rows) {
        return rows.stream().filter(r -> !r.calibration() && r.metric() == Metric.JOULES_PER_OUTPUT_TOKEN).toList();
    }

    /** The held-out row with the largest absolute error, or null without held-out rows. */
    public static Row worstHeldOut(List<Row> rows) {
        return heldOut(rows).stream().max(java.util.Comparator.comparingDouble(r -> {
            double e = Math.abs(r.relativeError());
            return Double.isNaN(e) ? Double.POSITIVE_INFINITY : e;
        })).orElse(null);
    }

    /**
     * "Held out: median |error| 9.0% over 90 figures of 45 cases, worst +41.2% (case, metric); fitted: 2.8% over 23
     * figures of 11 cases; 80% of held-out figures within 25%".
     */
    public static String summary(List<Row> rows) {
        List<Row> heldOut = heldOut(rows);
        List<Row> fitted = rows.stream().filter(Row::calibration).toList();
        Row worst = worstHeldOut(rows);
        long within25 = heldOut.stream().filter(r -> Math.abs(r.relativeError()) <= 0.25).count();
        return String.format(Locale.ROOT,
                "Held out: median |error| %.1f%% over %d figures of %d cases, worst %s; fitted: median |error| %.1f%% "
                        + "over %d figures of %d cases; %d%% of held-out figures within 25%%",
                100 * medianAbsoluteError(heldOut), heldOut.size(), cases(heldOut),
                worst == null ? "none" : String.format(Locale.ROOT, "%+.1f%% (%s, %s)", 100 * worst.relativeError(),
                        worst.caseId(), worst.metric().label()),
                100 * medianAbsoluteError(fitted), fitted.size(), cases(fitted),
                heldOut.isEmpty() ? 0 : Math.round(100.0 * within25 / heldOut.size()))
                + energySummary(rows);
    }

    /** "; energy (held out): median |error| 43.2% over 2 figures", or nothing without energy figures. */
    private static String energySummary(List<Row> rows) {
        List<Row> energy = heldOutEnergy(rows);
        return energy.isEmpty() ? "" : String.format(Locale.ROOT,
                "; energy per output token (held out, scored apart): median |error| %.1f%% over %d figures",
                100 * medianAbsoluteError(energy), energy.size());
    }

    private static long cases(List<Row> rows) {
        return rows.stream().map(Row::caseId).distinct().count();
    }

    /** Energy per token (about 0.1 J) with three decimals; every other figure by its magnitude. */
    private static String number(Metric metric, double v) {
        return metric == Metric.JOULES_PER_OUTPUT_TOKEN && !Double.isNaN(v)
                ? String.format(Locale.ROOT, "%.3f", v) : number(v);
    }

    private static String number(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
