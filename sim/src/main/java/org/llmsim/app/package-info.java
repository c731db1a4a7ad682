/**
 * The application layer between the ingress and the backends: response caches, model tiers (classifier, rules,
 * cascades, overflow), client resilience (retries, timeouts, fallbacks, circuit breakers), request pipelines and the
 * backends themselves, GPU pools behind their routers and external API providers.
 *
 * <p>Read first:
 * <ul>
 *   <li>{@link org.llmsim.app.Gateway} - the life of a user request: it tracks each one in flight and turns every
 *       call's outcome into the next step, delegating each job to one part:
 *       <ul>
 *         <li>{@link org.llmsim.app.CacheFront} - the caches in order, lookups, storing answers;</li>
 *         <li>{@link org.llmsim.app.TierRouting} - the classifier and the rules ({@link org.llmsim.app.TierSelector}),
 *             overflow when saturated or refused, escalation after a failed check;</li>
 *         <li>{@link org.llmsim.app.ResilientCaller} - attempts, retries with backoff, the GPU timeout, the fallback
 *             pool and the circuit breaker, by each pool's {@link org.llmsim.app.PoolGuard};</li>
 *         <li>{@link org.llmsim.app.Billing} - spend per use (API calls, the classifier, cache lookups, pipeline
 *             stages) to the {@link org.llmsim.metrics.CostLedger} and the user's journey.</li>
 *       </ul>
 *       Every model call is a {@link org.llmsim.request.Request} of its own, made by the user request's
 *       {@link org.llmsim.request.Journey} ({@link org.llmsim.request.Journey#newCall}), so the engine is unchanged
 *       and the metrics see each user request exactly once.</li>
 *   <li>Counts live in tallies, each over one stated window: {@link org.llmsim.app.CacheTally} (hit rates over
 *       measured requests, hits and spend over the whole run), {@link org.llmsim.app.TierTally} (measured requests),
 *       {@link org.llmsim.app.ResilienceTally} and {@link org.llmsim.app.PoolCalls} (the whole run). Tiers and pool
 *       guards are settings only.</li>
 *   <li>{@link org.llmsim.app.Backend} - where calls go (a few methods): {@link org.llmsim.app.GpuPoolBackend} (a
 *       pool's replicas and router; outcomes arrive through {@link org.llmsim.app.CallListener}) and
 *       {@link org.llmsim.app.ProviderBackend} (latency model, prompt cache, batch API, rate limits answering 429;
 *       one event per call); both report to the gateway as {@link org.llmsim.app.CallOutcomes}.</li>
 *   <li>{@link org.llmsim.app.ResponseCache} - one interface per cache kind, registered by its {@code kind:} in
 *       {@link org.llmsim.app.ResponseCaches}: {@code exact} (content key, LRU, TTL) and {@code semantic}
 *       (paraphrase groups, similarity threshold mapped to hit and false-positive rates, embedding latency and
 *       price).</li>
 *   <li>{@link org.llmsim.app.PoolGuard} - a pool's client settings: {@link org.llmsim.app.RetryPolicy} (exponential
 *       backoff with jitter), the timeout, the fallback pool and the {@link org.llmsim.app.CircuitBreaker};
 *       {@link org.llmsim.app.ProviderFaults} injects outages and latency spikes into a provider pool.</li>
 *   <li>{@link org.llmsim.app.PipelineRunner} - a request class as a chain of stages (guardrail, retrieval, tools,
 *       model calls, agent loops, judges, speech), talking to the gateway only through its
 *       {@link org.llmsim.app.StageHost}; {@link org.llmsim.app.Pipeline} holds each class's stages, their draws
 *       and per-stage statistics.</li>
 *   <li>{@link org.llmsim.app.Gateways} builds the layer from a scenario; {@link org.llmsim.app.AppResults} turns
 *       it, with the {@link org.llmsim.metrics.CostLedger}, into the run's {@link org.llmsim.metrics.AppResult}.</li>
 * </ul>
 * Without caches, tiers, providers, a router latency, resilience settings, faults or pipelines a scenario has no
 * application layer: requests go straight to
 * the replicas as they always did. Random draws come from named streams ({@code cache/<name>/...},
 * {@code routing/...}, {@code provider/<pool>}, {@code router/<pool>}, {@code retry/<pool>},
 * {@code provider-faults/<pool>}, {@code pipeline/<class>/<stage>}), so adding a cache does not shift the workload.
 *
 * <p>Depends on: cluster, engine, kernel, metrics, provider, request, scenario, workload.
 */
package org.llmsim.app;
