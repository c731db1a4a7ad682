/**
 * The application layer between the ingress and the backends: response caches, model tiers (classifier, rules,
 * cascades, overflow) and the backends themselves, GPU pools behind their routers and external API providers.
 *
 * <p>Read first:
 * <ul>
 *   <li>{@link org.llmsim.app.Gateway} - the life of a user request: caches in order, the classifier and the rules,
 *       a call to the tier's backend (overflow when saturated or refused), escalation after a failed check, and the
 *       answer, stamped on the user request from the call that gave it. Every model call is a
 *       {@link org.llmsim.request.Request} of its own ({@link org.llmsim.request.Request#callFor}), so the engine is
 *       unchanged and the metrics see each user request exactly once.</li>
 *   <li>{@link org.llmsim.app.Backend} - where calls go (a few methods): {@link org.llmsim.app.GpuPoolBackend} (a
 *       pool's replicas and router; outcomes arrive through {@link org.llmsim.app.CallListener}) and
 *       {@link org.llmsim.app.ProviderBackend} (latency model, prompt cache, batch API, rate limits answering 429;
 *       one event per call).</li>
 *   <li>{@link org.llmsim.app.ResponseCache} - one interface per cache kind, registered by its {@code kind:} in
 *       {@link org.llmsim.app.ResponseCaches}: {@code exact} (content key, LRU, TTL) and {@code semantic}
 *       (paraphrase groups, similarity threshold mapped to hit and false-positive rates, embedding latency and
 *       price).</li>
 *   <li>{@link org.llmsim.app.PoolGuard} - what a client does around one pool's calls: {@link
 *       org.llmsim.app.RetryPolicy} (exponential backoff with jitter), the timeout, the fallback pool and the
 *       {@link org.llmsim.app.CircuitBreaker}; {@link org.llmsim.app.ProviderFaults} injects outages and latency
 *       spikes into a provider pool.</li>
 *   <li>{@link org.llmsim.app.PipelineRunner} - a request class as a chain of stages (guardrail, retrieval, tools,
 *       model calls, agent loops, judges, speech); {@link org.llmsim.app.Pipeline} holds each class's stages, their
 *       draws and per-stage statistics.</li>
 *   <li>{@link org.llmsim.app.Gateways} builds the layer from a scenario; {@link org.llmsim.app.AppResults} turns
 *       it, with the {@link org.llmsim.metrics.CostLedger}, into the run's {@link org.llmsim.metrics.AppResult}.</li>
 * </ul>
 * Without caches, tiers, providers, a router latency, resilience settings, faults or pipelines a scenario has no
 * application layer: requests go straight to
 * the replicas as they always did. Random draws come from named streams ({@code cache/<name>/...},
 * {@code routing/...}, {@code provider/<pool>}, {@code router/<pool>}, {@code retry/<pool>},
 * {@code provider-faults/<pool>}, {@code pipeline/<class>/<stage>}), so adding a cache does not shift the workload.
 */
package org.llmsim.app;
