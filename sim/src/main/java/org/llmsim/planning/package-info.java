/**
 * Capacity planning: sweeps over scenario fields, the highest load a deployment sustains within its SLOs, and the
 * cheapest deployment that meets them at a target rate. Everything here builds scenario variants the way a user
 * would, as {@code --set PATH=VALUE} assignments on top of the file ({@link org.llmsim.planning.ScenarioSource}), so
 * every variant is validated like any scenario and can be written back as a ready-to-run file.
 *
 * <p>Read first:
 * <ul>
 *   <li>{@link org.llmsim.planning.Sweep} over a {@link org.llmsim.planning.Grid} of
 *       {@link org.llmsim.planning.Axis} values: every combination, invalid points reported, valid ones simulated in
 *       one batch.</li>
 *   <li>{@link org.llmsim.planning.SloCriterion} - when a deployment meets its SLOs at a load (a latency statistic,
 *       p99 by default, within every class's targets, and/or an attainment share), with 95% intervals over
 *       replications.</li>
 *   <li>{@link org.llmsim.planning.CapacitySearch} - bracket by doubling, Brent's method on the margin of the binding
 *       check, an interval from the replications, the latency curve and its {@link org.llmsim.planning.Knee}; the
 *       traffic is scaled by {@link org.llmsim.scenario.LoadScaling}.</li>
 *   <li>{@link org.llmsim.planning.DeploymentSearch} - shapes of a {@link org.llmsim.planning.PlanSpace} pruned by the
 *       memory plan and the {@link org.llmsim.planning.RooflineBound}, then the fewest replicas per shape by a
 *       monotone search, ranked by an {@link org.llmsim.planning.Objective} (dollars per hour by default, or energy per
 *       output token, CO2 per hour, GPUs: each deployment's {@link org.llmsim.planning.Footprint}), optionally priced
 *       by a pricing given per candidate; {@link org.llmsim.planning.Pareto} gives the cost/latency frontier.
 *       The space may also search pipeline stages, data-parallel ranks and expert parallelism; combinations the
 *       scenario checks refuse are skipped with their reason.</li>
 *   <li>{@link org.llmsim.planning.LaunchScript} - the winner's engine command (vLLM, SGLang, TensorRT-LLM) from a
 *       {@link org.llmsim.planning.LaunchSpec} read off the resolved pool, so what is launched is what was
 *       simulated.</li>
 * </ul>
 * Simulations go through a {@link org.llmsim.planning.PointRunner} (in the end {@link
 * org.llmsim.simulation.ExperimentRunner}), always in batches, so independent points run in parallel; results are
 * collected by index and do not depend on thread scheduling.
 *
 * <p>Depends on: hardware, metrics, passtime, scenario, simulation, workload.
 */
package org.llmsim.planning;
