/**
 * One model replica: its scheduler, its paged KV cache and the loop of forward passes.
 *
 * <p>Read first:
 * <ul>
 *   <li>{@link org.llmsim.engine.Replica} - the engine loop: plan a batch, price it with the roofline cost model,
 *       schedule one event at its end, apply it, repeat. One event per forward pass.</li>
 *   <li>{@link org.llmsim.engine.ContinuousBatchScheduler} - vLLM-style iteration-level scheduling, with or without
 *       chunked prefill: decodes first, then prompt chunks or whole prompts in FCFS or priority order under
 *       {@code max_batch_size}, {@code max_batched_tokens} and free KV blocks. {@link org.llmsim.engine.Preemptor}
 *       evicts sequences when blocks run out (recompute or swap); {@link org.llmsim.engine.PassBuilder} accumulates
 *       the pass into a {@link org.llmsim.engine.BatchPlan}.</li>
 *   <li>{@link org.llmsim.engine.StaticBatchScheduler}, {@link org.llmsim.engine.DynamicBatchScheduler} - request-level
 *       batches, started at once or after waiting for the batch to fill.</li>
 *   <li>{@link org.llmsim.engine.KvCacheManager} - the paged KV cache: blocks of {@code block_size} tokens; with
 *       prefix caching, full blocks keyed by the prefix they hold ({@link org.llmsim.engine.BlockKey}), reference
 *       counted and evicted least recently freed first ({@link org.llmsim.engine.BlockPool}).</li>
 *   <li>{@link org.llmsim.engine.DecodeSet} - the running sequences, kept as aggregates so that an iteration costs
 *       O(1) however large the batch (see its class comment for the step-counter bookkeeping).</li>
 * </ul>
 * Optional capabilities: {@link org.llmsim.engine.SpeculativeDecoding} (draft passes, a verification pass of
 * {@code k + 1} tokens per sequence, the accepted tokens per pass; {@code NONE} when off) and
 * {@link org.llmsim.engine.PrefillHandoff} (a prefill replica of a disaggregated pool hands computed prompts on; a
 * decode replica takes them with {@link org.llmsim.engine.Replica#acceptPrefilled}).
 *
 * <p>The engine reports what happens through {@link org.llmsim.engine.EngineListener}; it keeps no statistics itself.
 *
 * <p>Depends on: hardware, kernel, passtime, request.
 */
package org.llmsim.engine;
