/**
 * Turns a scenario into a model and runs it: the top of the simulator, which wires every part together.
 *
 * <p>Read first:
 * <ul>
 *   <li>{@link org.llmsim.simulation.Simulation} - one run: builds a {@link org.llmsim.simulation.DomainModel} per
 *       router domain on one kernel and runs them; a fleet's domains run side by side, each on a
 *       {@link org.llmsim.kernel.DomainClock} of its own, and their results are merged.</li>
 *   <li>{@link org.llmsim.simulation.DomainModel} - the model of one domain: request generator, ingress, cluster,
 *       application layer, autoscalers, faults, time-series sampler and metrics, wired to one clock; it checks at the
 *       end of a run that every arrived request ended exactly once.</li>
 *   <li>{@link org.llmsim.simulation.ExperimentRunner} - scenarios times replications on an executor, a new
 *       {@link org.llmsim.simulation.Simulation} per run, replication r under seed + r, results by index.</li>
 * </ul>
 *
 * <p>Depends on: app, autoscale, cluster, engine, kernel, metrics, request, scenario, workload.
 */
package org.llmsim.simulation;
