/**
 * The cluster above the replicas: pools of replicas and the routers that pick one for each request.
 *
 * <p>Read first: {@link org.llmsim.cluster.Cluster} (builds replicas from pool plans; routes each request over all of
 * them when there is no application layer, and gives each pool's replicas to its backend when there is one),
 * {@link org.llmsim.cluster.Router} (one method; a new policy is one class plus a line in
 * {@link org.llmsim.cluster.Routers}, the registry keyed by the {@code policy:} name). Policies: round robin, random,
 * least outstanding, least projected KV load, power of two choices, and prefix or session affinity by consistent
 * hashing with bounded loads ({@link org.llmsim.cluster.AffinityRouter}). {@link org.llmsim.cluster.DisaggregatedHandoff}
 * carries each prompt's KV from a disaggregated pool's prefill replicas to its least loaded decode replica.
 *
 * <p>{@link org.llmsim.cluster.PoolFleet} keeps each pool's replicas through their lives (cold start, serving,
 * draining, crashed and restarting; {@link org.llmsim.engine.ReplicaState}), tells routers which replicas take new
 * requests ({@link org.llmsim.cluster.ReplicaSet}), records every change and integrates the provisioned replicas
 * over time for the bill. {@link org.llmsim.cluster.ReplicaFaultInjector} crashes replicas and degrades their GPUs as
 * the scenario's {@code faults:} say.
 *
 * <p>Depends on: engine, hardware, kernel, metrics, passtime, pricing, request, scenario.
 */
package org.llmsim.cluster;
