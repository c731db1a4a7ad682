/**
 * The discrete-event kernel: the only package that imports DSOL.
 *
 * <p><b>Time unit.</b> Simulated time is a {@code double} in <em>seconds</em> everywhere in llmsim, starting at 0
 * when the first request may arrive. Names carry the unit ({@code arrivalS}, {@code stepTimeS}).
 *
 * <p>Read first:
 * <ul>
 *   <li>{@link org.llmsim.kernel.EventScheduler} - the port every other package schedules through: "run this action at
 *       time t", with an {@link org.llmsim.kernel.EventPriority} to order events that fall on the same instant.</li>
 *   <li>{@link org.llmsim.kernel.DsolKernel} - the implementation on a DSOL {@code DevsSimulator}: one DSOL event per
 *       arrival and per forward pass of a replica, never one per token.</li>
 *   <li>{@link org.llmsim.kernel.RandomStreams} - one independent random stream per named source, derived from the
 *       scenario seed, so changing one part of a scenario does not reshuffle the others.</li>
 *   <li>{@link org.llmsim.kernel.Simulation} - one run: builds a {@code DomainModel} (generator, ingress, cluster,
 *       application layer, autoscalers, faults, metrics) and runs it; a fleet's router domains run side by side on
 *       one event list, each on a {@code DomainClock} of its own, and are merged.</li>
 *   <li>{@link org.llmsim.kernel.ExperimentRunner} - scenarios times replications on an executor, a new
 *       {@link org.llmsim.kernel.Simulation} per run, replication r under seed + r, results by index.</li>
 *   <li>{@link org.llmsim.kernel.StopRequest} - a process-wide request to stop (Ctrl-C): running kernels end with
 *       {@link org.llmsim.kernel.RunStopped} within a thousand events, and no new run starts.</li>
 * </ul>
 *
 * <p>Why a custom event class instead of DSOL's {@code LambdaSimEvent}: DSOL's {@code scheduleEvent} renders every
 * event to a string for a trace log line even when tracing is off, which costs more than the rest of an iteration.
 * {@link org.llmsim.kernel.DsolKernel} therefore adds its own light events straight to DSOL's event list, keeping
 * DSOL's clock and run loop. The event list itself is {@link org.llmsim.kernel.EventHeap}, a binary heap that orders
 * the kernel's events by their primitive fields in the order DSOL's priority queue would (the event list was the
 * largest single cost of a run).
 */
package org.llmsim.kernel;
