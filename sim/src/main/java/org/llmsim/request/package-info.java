/**
 * The request: what the workload generates, the cluster routes and the engine serves. {@link
 * org.llmsim.request.Request} carries its sizes and the timestamps of its life (arrival, first scheduled, first token,
 * finish), from which the metrics derive TTFT, TPOT, end-to-end latency and queueing delay. With an application
 * layer, {@link org.llmsim.request.Journey} holds what the layer did for a user request (tier, backend, cache hit,
 * calls, spend, retries, fallbacks, stage latencies) and makes its backend calls, each a request of its own; the
 * engine never reads it.
 *
 * <p>Depends on nothing else of llmsim.
 */
package org.llmsim.request;
