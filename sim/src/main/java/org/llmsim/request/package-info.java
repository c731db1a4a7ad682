/**
 * The request: what the workload generates, the cluster routes and the engine serves. {@link
 * org.llmsim.request.Request} carries its sizes and the timestamps of its life (arrival, first scheduled, first token,
 * finish), from which the metrics derive TTFT, TPOT, end-to-end latency and queueing delay.
 */
package org.llmsim.request;
