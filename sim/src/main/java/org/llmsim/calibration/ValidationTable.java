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
     * @param scored      whether the figure counts in the error statistics (see {@link ValidationCase#unscored})
     */
    public record Row(String caseId, String gpu, String model, int tp, String engine, String load, Metric metric,
            double published, double simulated, boolean calibration, boolean scored) {

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
            for (Measurement m : List.of(c.measurement(), c.unscoredMeasurement())) {
                boolean scored = m.measured().keySet().stream().noneMatch(k -> c.unscored().containsKey(k.key()));
                for (Map.Entry<Metric, Double> e : m.measured().entrySet()) {
                    double mean = runs.stream().mapToDouble(e.getKey()::of).average().orElse(Double.NaN);
                    rows.add(new Row(c.id(), d.gpu(), d.model(), d.tensorParallel(), d.engine().yamlName(),
                            load.describe(), e.getKey(), e.getValue(), mean, c.calibration(), scored));
                }
            }
        }
        return rows;
    }

    /** Median of the absolute relative errors of scored rows (NaN errors count as infinitely wrong). */
    public static double medianAbsoluteError(List<Row> rows) {
        double[] errors = rows.stream().filter(Row::scored).mapToDouble(r -> {
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
        b.append("| case | GPU | model | engine | metric | published | simulated | error |\n");
        b.append("|---|---|---|---|---|---:|---:|---:|\n");
        for (Row r : rows) {
            String gpu = r.tp() > 1 ? r.tp() + "x " + r.gpu() : r.gpu();
            b.append(String.format(Locale.ROOT, "| %s%s | %s | %s | %s | %s (%s) | %s | %s | %s%+.1f%%%s |%n",
                    r.caseId(), r.calibration() ? " (cal)" : "", gpu, r.model(), r.engine(), r.metric().label(),
                    r.metric().unit(), number(r.published()), number(r.simulated()), r.scored() ? "" : "(",
                    100 * r.relativeError(), r.scored() ? "" : ", not scored)"));
        }
        b.append('\n').append(summary(rows)).append('\n');
        return b.toString();
    }

    /** "31 figures from 24 cases: median |error| 8.1% (held out: 9.0%, calibration: 5.2%), 80% within 25%". */
    public static String summary(List<Row> rows) {
        List<Row> scored = rows.stream().filter(Row::scored).toList();
        List<Row> heldOut = scored.stream().filter(r -> !r.calibration()).toList();
        List<Row> calibration = scored.stream().filter(Row::calibration).toList();
        long cases = scored.stream().map(Row::caseId).distinct().count();
        long within25 = scored.stream().filter(r -> Math.abs(r.relativeError()) <= 0.25).count();
        return String.format(Locale.ROOT,
                "%d scored figures from %d cases: median |error| %.1f%% (held-out cases: %.1f%% over %d figures; "
                        + "calibration cases: %.1f%% over %d), %d%% of figures within 25%%; %d more figures shown "
                        + "but not scored",
                scored.size(), cases, 100 * medianAbsoluteError(scored), 100 * medianAbsoluteError(heldOut),
                heldOut.size(), 100 * medianAbsoluteError(calibration), calibration.size(),
                scored.isEmpty() ? 0 : Math.round(100.0 * within25 / scored.size()), rows.size() - scored.size());
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
