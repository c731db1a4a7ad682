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
 *   <li>{@link org.llmsim.app.Gateways} builds the layer from a scenario; {@link org.llmsim.app.AppResults} turns
 *       it, with the {@link org.llmsim.metrics.CostLedger}, into the run's {@link org.llmsim.metrics.AppResult}.</li>
 * </ul>
 * Without caches, tiers, providers or a router latency a scenario has no application layer: requests go straight to
 * the replicas as they always did. Random draws come from named streams ({@code cache/<name>/...},
 * {@code routing/...}, {@code provider/<pool>}, {@code router/<pool>}), so adding a cache does not shift the workload.
 */
package org.llmsim.app;
