package org.llmsim.calibration;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.optim.ConvergenceChecker;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresProblem;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.fitting.leastsquares.ParameterValidator;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.util.Pair;
import org.llmsim.hardware.GpuProfile;
import org.llmsim.hardware.ServingEngine;
import org.llmsim.scenario.ProfileCatalog;

/**
 * Fits a GPU profile's efficiencies and overheads for one serving engine to measurements, by Levenberg-Marquardt
 * least squares (Commons Math) over simulated benchmarks.
 *
 * <p>Residuals are {@code ln(simulated / measured)} for every measured figure, so a 10% miss weighs the same on a
 * latency of 5 ms and a throughput of 20,000 tokens/s, plus a weak pull of each parameter towards its starting value
 * ({@link #PRIOR_WEIGHT} per unit of the parameter's scale) that keeps parameters the data cannot see where they were
 * instead of letting them wander. Parameters are optimised in units of their scale and clamped to their bounds after
 * every step (efficiencies in [0.05, 1], overheads at least 0), so every candidate is a physical profile. The
 * Jacobian is a forward difference of {@link #STEP} scale units (backwards at an upper bound); simulations are
 * deterministic, so the same candidate always gives the same residuals, and each is simulated once.
 */
public final class ProfileFitter {
    /** Weight of the pull towards the starting value, per unit of a parameter's scale. */
    public static final double PRIOR_WEIGHT = 0.01;
    /** Finite-difference step, in units of a parameter's scale. */
    static final double STEP = 0.05;
    /** Id under which candidate profiles are simulated. */
    static final String CANDIDATE_ID = "llmsim-fit-candidate";
    /** Residual of a figure the simulation could not produce (every request failed, for example). */
    static final double FAILED_RESIDUAL = 5.0;

    private final ProfileCatalog catalog;
    private final Path baseDir;
    private int maxIterations = 40;

    /**
     * @param catalog model and GPU profiles the measurements' deployments refer to
     * @param baseDir directory relative profile paths are resolved against (may be null)
     */
    public ProfileFitter(ProfileCatalog catalog, Path baseDir) {
        this.catalog = catalog;
        this.baseDir = baseDir;
    }

    /** Limits the optimizer's iterations (default 40). */
    public ProfileFitter maxIterations(int iterations) {
        this.maxIterations = iterations;
        return this;
    }

    /**
     * One measured figure with its simulated value before and after the fit.
     *
     * @param label    the measurement
     * @param metric   the figure
     * @param measured the measured value
     * @param before   simulated with the starting profile
     * @param after    simulated with the fitted profile
     */
    public record PointFit(String label, Metric metric, double measured, double before, double after) {
        public double errorBefore() {
            return before / measured - 1;
        }

        public double errorAfter() {
            return after / measured - 1;
        }
    }

    /**
     * The outcome of a fit.
     *
     * @param engine      the engine the values belong to
     * @param parameters  the fitted parameters, in order
     * @param start       their starting values
     * @param fitted      their fitted values
     * @param sigma       standard error of each fitted value from the linearised fit (NaN when there are no more
     *                    figures than parameters); large values mean the data hardly constrain the parameter
     * @param fittedFlat  the starting profile as {@code engine} runs it, with the fitted values
     * @param points      every figure before and after
     * @param iterations  optimizer iterations
     * @param evaluations distinct candidate profiles simulated
     * @param stoppedAtIterationLimit whether the optimizer was stopped before it converged
     */
    public record Result(ServingEngine engine, List<FitParameter> parameters, double[] start, double[] fitted,
            double[] sigma, GpuProfile fittedFlat, List<PointFit> points, int iterations, int evaluations,
            boolean stoppedAtIterationLimit) {

        /** Root mean square of {@code ln(simulated / measured)} before the fit. */
        public double rmsLogErrorBefore() {
            return rms(points.stream().mapToDouble(p -> Math.log(p.before() / p.measured())).toArray());
        }

        /** Root mean square of {@code ln(simulated / measured)} after the fit. */
        public double rmsLogErrorAfter() {
            return rms(points.stream().mapToDouble(p -> Math.log(p.after() / p.measured())).toArray());
        }

        private static double rms(double[] v) {
            double s = 0;
            for (double x : v) {
                s += x * x;
            }
            return v.length == 0 ? Double.NaN : Math.sqrt(s / v.length);
        }
    }

    /**
     * Fits {@code parameters} of {@code start} as {@code engine} runs it to every figure of {@code points}. The
     * measurements' deployments may name any GPU; they are all simulated on the candidate profile.
     */
    public Result fit(GpuProfile start, ServingEngine engine, List<Measurement> points, List<FitParameter> parameters) {
        if (points.isEmpty()) {
            throw new IllegalArgumentException("nothing to fit: no measured figures");
        }
        if (parameters.isEmpty()) {
            throw new IllegalArgumentException("nothing to fit: no parameters");
        }
        GpuProfile flat = start.flatForEngine(engine);
        List<Measurement> onCandidate = points.stream().map(m -> m.onGpu(CANDIDATE_ID)).toList();
        Model model = new Model(flat, onCandidate, parameters);
        double[] x0 = model.normalized(flat);
        int figures = model.figures();

        // Stopping at the iteration limit through the checker returns the last accepted point instead of throwing.
        boolean[] limited = new boolean[1];
        ConvergenceChecker<LeastSquaresProblem.Evaluation> iterationLimit = (iteration, previous, current) -> {
            limited[0] = iteration >= maxIterations;
            return limited[0];
        };
        LeastSquaresProblem problem = new LeastSquaresBuilder()
                .model(model)
                .target(new double[figures + parameters.size()])
                .start(x0)
                .parameterValidator(model)
                .checker(iterationLimit)
                .maxEvaluations(Integer.MAX_VALUE)
                .maxIterations(Integer.MAX_VALUE)
                .lazyEvaluation(false)
                .build();
        LeastSquaresOptimizer.Optimum optimum = new LevenbergMarquardtOptimizer()
                .withCostRelativeTolerance(1e-4)
                .withParameterRelativeTolerance(1e-4)
                .optimize(problem);

        double[] x = model.clamp(optimum.getPoint().toArray());
        // Commons Math's sigma is sqrt(diag((J^T J)^-1)); scaled by the residuals' standard deviation it becomes
        // the usual least-squares standard error. With as many parameters as figures it is undefined.
        double[] sigma = new double[x.length];
        int dof = figures - parameters.size();
        try {
            RealVector s = optimum.getSigma(1e-12);
            double residualSd = dof > 0 ? Math.sqrt(sumOfSquares(model.residuals(x), figures) / dof) : Double.NaN;
            for (int i = 0; i < x.length; i++) {
                sigma[i] = s.getEntry(i) * residualSd * parameters.get(i).scale();
            }
        } catch (RuntimeException singular) {
            Arrays.fill(sigma, Double.NaN);
        }
        double[] before = model.simulated(x0);
        double[] after = model.simulated(x);
        List<PointFit> fits = new ArrayList<>();
        int k = 0;
        for (Measurement m : points) {
            for (Map.Entry<Metric, Double> e : m.measured().entrySet()) {
                fits.add(new PointFit(m.label(), e.getKey(), e.getValue(), before[k], after[k]));
                k++;
            }
        }
        double[] startValues = model.denormalized(x0);
        double[] fittedValues = model.denormalized(x);
        return new Result(engine, List.copyOf(parameters), startValues, fittedValues, sigma, model.profile(x),
                List.copyOf(fits), optimum.getIterations(), model.cache.size(), limited[0]);
    }

    private static double sumOfSquares(double[] r, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += r[i] * r[i];
        }
        return s;
    }

    /** Residuals and their Jacobian as functions of the normalized parameters. */
    private final class Model implements MultivariateJacobianFunction, ParameterValidator {
        private final GpuProfile flat;
        private final List<Measurement> points;
        private final List<FitParameter> parameters;
        private final double[] x0;
        private final Map<List<Double>, double[]> cache = new HashMap<>();

        Model(GpuProfile flat, List<Measurement> points, List<FitParameter> parameters) {
            this.flat = flat;
            this.points = points;
            this.parameters = parameters;
            this.x0 = normalized(flat);
        }

        int figures() {
            return points.stream().mapToInt(m -> m.measured().size()).sum();
        }

        double[] normalized(GpuProfile g) {
            double[] x = new double[parameters.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = parameters.get(i).of(g) / parameters.get(i).scale();
            }
            return x;
        }

        double[] denormalized(double[] x) {
            double[] v = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                v[i] = x[i] * parameters.get(i).scale();
            }
            return v;
        }

        GpuProfile profile(double[] x) {
            GpuProfile g = flat;
            for (int i = 0; i < x.length; i++) {
                g = parameters.get(i).set(g, x[i] * parameters.get(i).scale());
            }
            return g;
        }

        double[] clamp(double[] x) {
            double[] c = x.clone();
            for (int i = 0; i < c.length; i++) {
                FitParameter p = parameters.get(i);
                c[i] = Math.max(p.min() / p.scale(), Math.min(p.max() / p.scale(), c[i]));
            }
            return c;
        }

        @Override
        public RealVector validate(RealVector params) {
            return new ArrayRealVector(clamp(params.toArray()), false);
        }

        /** Simulated value of every figure, in measurement order. */
        double[] simulated(double[] x) {
            List<Double> key = Arrays.stream(x).boxed().toList();
            double[] cached = cache.get(key);
            if (cached != null) {
                return cached;
            }
            GpuProfile candidate = profile(x).withId(CANDIDATE_ID);
            BenchmarkRun runner = new BenchmarkRun(catalog.withGpu(candidate), baseDir);
            double[] values = new double[figures()];
            int k = 0;
            for (Measurement m : points) {
                BenchmarkStats stats = runner.run(m.benchmark());
                for (Metric metric : m.measured().keySet()) {
                    values[k++] = metric.of(stats);
                }
            }
            cache.put(key, values);
            return values;
        }

        double[] residuals(double[] x) {
            double[] sim = simulated(x);
            double[] r = new double[sim.length + x.length];
            int k = 0;
            for (Measurement m : points) {
                for (double measured : m.measured().values()) {
                    double s = sim[k];
                    r[k] = s > 0 && Double.isFinite(s) ? Math.log(s / measured) : FAILED_RESIDUAL;
                    k++;
                }
            }
            for (int i = 0; i < x.length; i++) {
                r[sim.length + i] = PRIOR_WEIGHT * (x[i] - x0[i]);
            }
            return r;
        }

        @Override
        public Pair<RealVector, org.apache.commons.math3.linear.RealMatrix> value(RealVector point) {
            double[] x = clamp(point.toArray());
            double[] r = residuals(x);
            double[][] jacobian = new double[r.length][x.length];
            for (int j = 0; j < x.length; j++) {
                FitParameter p = parameters.get(j);
                double h = x[j] + STEP <= p.max() / p.scale() ? STEP : -STEP;
                double[] xh = x.clone();
                xh[j] += h;
                double[] rh = residuals(xh);
                for (int i = 0; i < r.length; i++) {
                    jacobian[i][j] = (rh[i] - r[i]) / h;
                }
            }
            return new Pair<>(new ArrayRealVector(r, false), new Array2DRowRealMatrix(jacobian, false));
        }
    }
}
