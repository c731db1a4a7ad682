/**
 * Open arrival processes: when the next request arrives, whatever the cluster does. Each process draws from the one
 * random stream it is given.
 *
 * <p>Read first:
 * <ul>
 *   <li>{@link org.llmsim.workload.arrival.ArrivalProcess} - one method: the next arrival after a time.</li>
 *   <li>{@link org.llmsim.workload.arrival.ThinnedPoissonArrivals} - non-homogeneous Poisson arrivals by thinning
 *       (Lewis and Shedler) under a piecewise-constant bound of a {@link org.llmsim.workload.arrival.RateCurve}:
 *       {@link org.llmsim.workload.arrival.DiurnalRate}, {@link org.llmsim.workload.arrival.PiecewiseRate},
 *       {@link org.llmsim.workload.arrival.SpikedRate}.</li>
 *   <li>{@link org.llmsim.workload.arrival.OnOffArrivals} - a two-state Markov-modulated Poisson process.</li>
 *   <li>{@link org.llmsim.workload.arrival.ArrivalProcesses} - builds a process from its scenario spec.</li>
 * </ul>
 * Closed-loop users and trace replay are not open processes of this kind; they live in {@code workload}.
 *
 * <p>Depends on: scenario.
 */
package org.llmsim.workload.arrival;
