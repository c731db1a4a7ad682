/**
 * One model replica: its scheduler, its paged KV cache and the loop of forward passes.
 *
 * <p>Read first:
 * <ul>
 *   <li>{@link org.llmsim.engine.Replica} - the engine loop: plan a batch, price it with the roofline cost model,
 *       schedule one event at its end, apply it, repeat. One event per forward pass.</li>
 *   <li>{@link org.llmsim.engine.ContinuousBatchScheduler} - vLLM-style iteration-level scheduling: decodes first,
 *       then FCFS prefills under {@code max_batch_size}, {@code max_batched_tokens} and free KV blocks; preemption by
 *       recompute when blocks run out.</li>
 *   <li>{@link org.llmsim.engine.KvCacheManager} - the paged KV cache: blocks of {@code block_size} tokens.</li>
 *   <li>{@link org.llmsim.engine.DecodeSet} - the running sequences, kept as aggregates so that an iteration costs
 *       O(1) however large the batch (see its class comment for the step-counter bookkeeping).</li>
 * </ul>
 * The engine reports what happens through {@link org.llmsim.engine.EngineListener}; it keeps no statistics itself.
 */
package org.llmsim.engine;
