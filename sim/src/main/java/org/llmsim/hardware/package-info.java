/**
 * GPU and model profiles, a replica's hardware and the memory it leaves for the KV cache; what a pass costs is
 * {@code passtime}'s.
 *
 * <p>Read first:
 * <ul>
 *   <li>{@link org.llmsim.hardware.ReplicaHardware} - one model replica: a model on {@code dp} data-parallel ranks
 *       of {@code pp} stages of {@code tp} GPUs, with weight and KV data types, optional expert parallelism
 *       ({@link org.llmsim.hardware.ExpertParallel}) and an optional draft model; derives weight bytes, KV bytes per
 *       token and, through {@link org.llmsim.hardware.MemoryPlan}, how many KV-cache blocks fit.</li>
 *   <li>{@link org.llmsim.hardware.ParallelLayout} - where a replica's GPUs sit: which collectives and stage hops
 *       leave an NVLink domain, the expert group, the slowest data-parallel rank's share of a pass.</li>
 *   <li>{@link org.llmsim.hardware.GpuProfile}, {@link org.llmsim.hardware.ModelProfile} - the records behind
 *       {@code gpu-profiles/gpus/*.yaml} and {@code gpu-profiles/models/*.yaml}. A GPU profile's top-level
 *       efficiencies and overheads are its vLLM calibration; {@link org.llmsim.hardware.EngineCalibrations} holds
 *       optional per-engine sets, and {@link org.llmsim.hardware.GpuProfile#forEngine} gives the profile as a
 *       {@link org.llmsim.hardware.ServingEngine} runs it. Its board power, idle power and
 *       {@link org.llmsim.hardware.GpuPower} (power by what bounds a kernel) drive the energy figures, each with
 *       its stated default.</li>
 *   <li>{@link org.llmsim.hardware.ModelParams} - a model's parameters counted from its shapes, block by block
 *       (attention of each kind, dense MLPs, experts, embeddings): the importer's counts and the cost model's GEMM
 *       weights per layer. A model's layers may mix full, sliding-window and linear attention; the KV cache grows
 *       with the full ones only, the others hold a fixed amount per sequence
 *       ({@link org.llmsim.hardware.ReplicaHardware#fixedCacheBytesPerSequencePerGpu()}).</li>
 * </ul>
 * Units are in the names: bytes, seconds, TFLOP/s ({@code tflops}), TB/s ({@code tbps}), Gbit/s ({@code gbps}).
 *
 * <p>Depends on nothing else of llmsim.
 */
package org.llmsim.hardware;
