/**
 * External model APIs as a client sees them: the token arithmetic of a bill and the provider's prompt cache. The
 * profiles themselves ({@code gpu-profiles/providers/*.yaml}) are read by the scenario layer.
 *
 * <p>Read first:
 * <ul>
 *   <li>{@link org.llmsim.scenario.ProviderProfile} - prices per million tokens (input, cached input, output), the
 *       cache write multiplier and TTL, the batch discount and completion time, rate limits and the latency model,
 *       each figure with its source and the date of the price.</li>
 *   <li>{@link org.llmsim.provider.TokenPrices} - {@link org.llmsim.provider.CallTokens} to
 *       {@link org.llmsim.provider.CallCost}: uncached input, cache reads, cache writes at the multiplier, output,
 *       and the batch discount on all of it.</li>
 *   <li>{@link org.llmsim.provider.PromptCache} - which prompt segments (shared prefix, conversation) are cached,
 *       from when and until when, driven by the same prefix identities as the GPU prefix cache.</li>
 * </ul>
 * The application layer's provider backend serves calls with these.
 *
 * <p>Depends on: request, scenario.
 */
package org.llmsim.provider;

