/**
 * Calibration and validation against measurements: simulate a {@code vllm bench serve}-style benchmark against one
 * pool, compare the simulated metrics with measured or published ones, and fit a GPU profile's efficiencies and
 * overheads to them.
 *
 * <p>Read first:
 * <ul>
 *   <li>{@link org.llmsim.calibration.ServeBenchmark} - one benchmark: a deployment (a scenario pool) and a load
 *       (number of prompts, request rate, burstiness, maximum concurrency, prompt and output lengths), run by
 *       {@link org.llmsim.calibration.BenchmarkRun} the way {@code vllm bench serve} drives a server, and summarised
 *       by {@link org.llmsim.calibration.BenchmarkStats} with the same definitions
 *       ({@link org.llmsim.calibration.Metric} uses vLLM's result keys: {@code mean_ttft_ms},
 *       {@code output_throughput}, ...).</li>
 *   <li>{@link org.llmsim.calibration.Measurement} - a benchmark with measured values of some metrics; read from a
 *       {@code vllm bench serve} result JSON ({@link org.llmsim.calibration.VllmBenchResult}), a CSV
 *       ({@link org.llmsim.calibration.MeasurementCsv}) or a validation case
 *       ({@link org.llmsim.calibration.ValidationCase}, {@code gpu-profiles/validation/*.yaml}).</li>
 *   <li>{@link org.llmsim.calibration.ProfileFitter} - Levenberg-Marquardt least squares (Commons Math) over the
 *       compute and memory efficiencies and the per-iteration, per-sequence and per-token overheads, with bounds
 *       (efficiencies in (0, 1], overheads at least 0); {@link org.llmsim.calibration.CalibratedProfileWriter} writes
 *       the result as a new profile file.</li>
 * </ul>
 * Fitting never adds per-case factors: the same few parameters of one GPU and engine must explain every point, and the
 * roofline does the rest.
 *
 * <p>Depends on: cluster, engine, hardware, kernel, metrics, request, scenario, workload, workload.arrival.
 */
package org.llmsim.calibration;
