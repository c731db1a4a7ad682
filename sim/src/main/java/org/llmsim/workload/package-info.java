/**
 * The traffic: request classes (tenants), their arrival sources, sessions, closed-loop users, content popularity and
 * the ingress limits in front of the cluster. Every random source draws from its own named stream.
 *
 * <p>Read first:
 * <ul>
 *   <li>{@link org.llmsim.workload.RequestGenerator} - builds one source per arrival process (open process,
 *       closed-loop users or trace), one event per arrival; {@link org.llmsim.workload.RequestGenerator#onFinal}
 *       is the completion callback that lets sessions and closed-loop users send their next request.</li>
 *   <li>{@code RequestClass} and {@code Session} - what a request of a class looks like: sizes, priority, shared
 *       prefix, content key; the turns of a session extend one context.</li>
 *   <li>{@link org.llmsim.workload.Ingress} - per-class and workload-wide token buckets and the admission timeout.</li>
 *   <li>{@link org.llmsim.workload.Samplers} - scenario distributions to samplers over Commons Math.</li>
 * </ul>
 * Subpackages: {@code arrival} (open arrival processes, thinning), {@code trace} (streaming trace readers).
 *
 * <p>Depends on: kernel, request, scenario, workload.arrival, workload.trace.
 */
package org.llmsim.workload;
