/**
 * The cluster above the replicas: pools of replicas and the router that picks one for each request.
 *
 * <p>Read first: {@link org.llmsim.cluster.Cluster} (builds replicas from pool plans, routes each request),
 * {@link org.llmsim.cluster.Router} (one method; a new policy is one class plus a line in
 * {@link org.llmsim.cluster.Routers}). {@link org.llmsim.cluster.DisaggregatedHandoff} carries each prompt's KV from a
 * disaggregated pool's prefill replicas to its least loaded decode replica.
 */
package org.llmsim.cluster;
