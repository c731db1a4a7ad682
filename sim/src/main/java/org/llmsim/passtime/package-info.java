/**
 * The time of one forward pass, operator by operator.
 *
 * <p>Read first:
 * <ul>
 *   <li>{@link org.llmsim.passtime.PassCostModel} - a pass of a replica priced layer by layer: each GEMM (QKV,
 *       attention output, MLP or experts, LM head for sampled tokens only) on its own roofline with wave
 *       quantization over the GPU's SMs, prompt and decode attention on theirs, tensor-parallel all-reduces by
 *       message size, and host time per pass, layer, sequence and token; with data parallelism, the slowest rank's
 *       share of the pass. Operators of a layer run one after
 *       another, so their times add; only an engine's overlap scheduler hides host time behind GPU time. Pricing a
 *       pass also gives its mean power: each operator's time at the power of what bounds it.</li>
 *   <li>{@link org.llmsim.passtime.LayerMix} - attention by kind of layer: grouped-query or latent (MLA, absorbed
 *       for decodes), full or within a sliding window, and linear attention's recurrent update of a fixed state.</li>
 *   <li>{@link org.llmsim.passtime.Roofline} - one operator: FLOPs at the achievable FLOP/s of its dtype against
 *       bytes at the achievable bandwidth, joined by a smooth maximum whose knee is the profile's.</li>
 *   <li>{@link org.llmsim.passtime.AllReduce} - NCCL's ring all-reduce as latency plus bytes over bus bandwidth,
 *       and the one-shot custom all-reduce engines use for small messages.</li>
 *   <li>{@link org.llmsim.passtime.PassShape} - what a pass carries (prompt tokens and their attention pairs,
 *       decode sequences and the context they read, sampled tokens); the engine's batch plan implements it.</li>
 *   <li>{@link org.llmsim.passtime.PassBreakdown}, {@link org.llmsim.passtime.RepresentativePasses} - where a
 *       pass's time goes, for {@code llmsim validate} and {@code catalog --passes}.</li>
 *   <li>{@link org.llmsim.passtime.PipelineSchedule} - a pass of a replica split into pipeline stages.</li>
 *   <li>{@link org.llmsim.passtime.ExpertAllToAll} - the dispatch and combine of an expert-parallel MoE layer, over
 *       NVLink inside a domain and the network across.</li>
 * </ul>
 *
 * <p>Depends on: hardware.
 */
package org.llmsim.passtime;
