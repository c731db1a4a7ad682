/**
 * The discrete-event kernel: the only package that imports DSOL, and the bottom of llmsim: it depends on nothing else
 * of llmsim, and every package that schedules work does so through it.
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
 *   <li>{@link org.llmsim.kernel.DomainClock} - one router domain's view of a shared event list: its own event count,
 *       last event and horizon, so that a fleet's domains can run side by side on one kernel.</li>
 *   <li>{@link org.llmsim.kernel.StopRequest} - a process-wide request to stop (Ctrl-C): running kernels end with
 *       {@link org.llmsim.kernel.RunStopped} within a thousand events, and no new run starts.</li>
 * </ul>
 * Assembling a model from a scenario and running experiments is the simulation package's job.
 *
 * <p>Why a custom event class instead of DSOL's {@code LambdaSimEvent}: DSOL's {@code scheduleEvent} renders every
 * event to a string for a trace log line even when tracing is off, which costs more than the rest of an iteration.
 * {@link org.llmsim.kernel.DsolKernel} therefore adds its own light events straight to DSOL's event list, keeping
 * DSOL's clock and run loop. The event list itself is {@link org.llmsim.kernel.EventHeap}, a binary heap that orders
 * the kernel's events by their primitive fields in the order DSOL's priority queue would (the event list was the
 * largest single cost of a run).
 *
 * <p>Depends on nothing else of llmsim.
 */
package org.llmsim.kernel;
