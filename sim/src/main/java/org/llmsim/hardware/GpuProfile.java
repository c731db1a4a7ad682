package org.llmsim.hardware;

import java.util.List;

/**
 * One accelerator, as written in {@code gpu-profiles/gpus/<id>.yaml}. Peaks are datasheet figures for dense math
 * (no sparsity). The efficiencies and overheads are calibrated on published measurements and cited in {@code sources}.
 *
 * @param id                     profile id, the file name without {@code .yaml}
 * @param name                   marketing name
 * @param memoryGb               device memory in GB (10^9 bytes)
 * @param hbmBandwidthTbps       peak memory bandwidth, TB/s (10^12 bytes per second)
 * @param bf16Tflops             dense BF16 tensor-core peak, TFLOP/s
 * @param fp8Tflops              dense FP8 tensor-core peak, TFLOP/s; null where the GPU has no FP8 units
 * @param interconnectGbps       GPU-to-GPU bandwidth per direction per GPU (NVLink, Infinity Fabric or PCIe), Gbit/s
 * @param interconnectLatencyUs  latency of one small all-reduce across the GPUs of a node, microseconds
 * @param pcieGbps               host link bandwidth per direction, Gbit/s (KV swap to host memory)
 * @param pcieEfficiency         achievable fraction of {@code pcie_gbps} for large pinned host-device copies, in
 *                               (0, 1]; optional, default 1 (the ideal link)
 * @param priceUsdPerHour        on-demand price of one GPU-hour in USD
 * @param priceAsOf              date and origin of the price
 * @param computeEfficiency      achievable fraction of the tensor-core peak in large GEMMs, in (0, 1]
 * @param memoryEfficiency       achievable fraction of peak HBM bandwidth when streaming weights and KV, in (0, 1]
 * @param iterationOverheadS     host time per forward pass the roofline does not see (scheduling, launches), seconds
 * @param perSequenceOverheadS   host time per sequence in the batch (sampling, detokenization), seconds
 * @param runtimeReserveGb       memory per GPU held by the runtime outside weights, activations and KV (CUDA
 *                               context, CUDA graphs, communication buffers), GB
 * @param sources                where each figure comes from
 * @param perTokenOverheadS      host time per new token in the batch (input preparation, per-token bookkeeping),
 *                               seconds; optional, default 0
 * @param engines                per-engine efficiencies and overheads ({@code engines.trtllm}, ...); an engine without
 *                               an entry uses the top-level values, which are calibrated on vLLM
 * @param int8Tops               dense INT8 tensor-core peak, TOP/s; used by {@code int8} weights (W8A8); null where the
 *                               profile does not give it (INT8 weights then run BF16 GEMMs, weight-only)
 * @param networkGbps            inter-node bandwidth per GPU per direction (its RDMA NIC: InfiniBand or RoCE), Gbit/s;
 *                               carries KV between disaggregated replicas and activations between pipeline stages on
 *                               different nodes; null where not given
 * @param networkLatencyUs       latency of one inter-node transfer, microseconds; optional, default 0
 * @param rooflineKnee           how sharply a kernel's time turns from bandwidth to compute bound near the ridge
 *                               (see {@code passtime.Roofline}); optional, default: sharp (the ideal roofline)
 * @param attention              the attention kernel's efficiency ({@link AttentionKernel}); optional, default ideal
 * @param allreduce              the all-reduce kernels ({@link CollectiveKernels}); optional, default NCCL at the
 *                               interconnect's bandwidth
 * @param layerOverheadS         host time per layer per pass: kernel launches an engine does not capture in a CUDA
 *                               graph, so that deeper models pay more of it; optional, default 0
 * @param requestLatencyS        time a request spends in the engine's server before a pass can take it (HTTP,
 *                               tokenization, hand-off to the engine loop), seconds; it adds to time to first token
 *                               and end-to-end latency but occupies no GPU; optional, default 0
 * @param smCount                streaming multiprocessors (compute units) that run a GEMM's output tiles in waves; a
 *                               GEMM too narrow to fill the last wave leaves SMs idle; optional, default: no wave
 *                               quantization
 * @param fp4Tflops              dense FP4 tensor-core peak, TFLOP/s, the peak {@code fp4} (NVFP4) and {@code mxfp4}
 *                               weights run at (activations quantized to FP4); null where the GPU has no FP4 units
 *                               (FP4 weights then run BF16 GEMMs, weight-only)
 * @param nvlinkDomainGpus       GPUs that share one NVLink or Infinity Fabric domain (8 on an HGX board, 72 in a
 *                               GB200 NVL72 rack, 1 for PCIe cards, which talk to each other over PCIe); optional,
 *                               default 8
 * @param gpusPerNode            GPUs in one server (node); optional, default 8
 * @param transferredFrom        the profile whose efficiencies and overheads this one borrows, for a GPU without its
 *                               own measurements; null when every value is its own
 * @param transferred            the fields borrowed from {@code transferredFrom}
 * @param tdpW                   board power limit (TDP or maximum TGP), watts; optional: without it the run reports
 *                               no energy for pools of this GPU
 * @param idleW                  board power with nothing running (idle or cold-starting replicas), watts; optional,
 *                               default {@link #DEFAULT_IDLE_FRACTION} of {@code tdp_w}
 * @param power                  power by operator regime ({@link GpuPower}); optional, see {@link #powerW}
 */
public record GpuProfile(
        String id,
        String name,
        Double memoryGb,
        Double hbmBandwidthTbps,
        Double bf16Tflops,
        Double fp8Tflops,
        Double interconnectGbps,
        Double interconnectLatencyUs,
        Double pcieGbps,
        Double pcieEfficiency,
        Double priceUsdPerHour,
        String priceAsOf,
        Double computeEfficiency,
        Double memoryEfficiency,
        Double iterationOverheadS,
        Double perSequenceOverheadS,
        Double runtimeReserveGb,
        List<String> sources,
        Double perTokenOverheadS,
        EngineCalibrations engines,
        Double int8Tops,
        Double networkGbps,
        Double networkLatencyUs,
        Double rooflineKnee,
        AttentionKernel attention,
        CollectiveKernels allreduce,
        Double layerOverheadS,
        Double requestLatencyS,
        Integer smCount,
        Double fp4Tflops,
        Integer nvlinkDomainGpus,
        Integer gpusPerNode,
        String transferredFrom,
        List<String> transferred,
        Double tdpW,
        Double idleW,
        GpuPower power) {

    /** GPUs per NVLink (or fabric) domain and per node where the profile does not say: an HGX board of 8. */
    public static final int DEFAULT_GPUS_PER_DOMAIN = 8;

    /** Idle power when a profile gives only {@code tdp_w}: Hopper and Ampere SXM boards idle at 10-13 % of TDP. */
    public static final double DEFAULT_IDLE_FRACTION = 0.10;

    /**
     * Memory-bound power when a profile gives none: one H100 serving Llama-3.1-8B at batch 8, a pass made mostly of
     * weight streaming, averages 69 % of its TDP (the ML.ENERGY leaderboard's v3.0 data).
     */
    public static final double DEFAULT_MEMORY_BOUND_FRACTION = 0.70;

    /** Whether the profile gives what energy needs ({@code tdp_w}). */
    public boolean hasPower() {
        return tdpW != null;
    }

    /** Board power with nothing running, watts (0 without {@code tdp_w}). */
    public double idleWOrDefault() {
        if (idleW != null) {
            return idleW;
        }
        return tdpW == null ? 0 : DEFAULT_IDLE_FRACTION * tdpW;
    }

    /**
     * Power of one GPU while a compute-bound kernel runs, watts: {@code power.compute_bound_w}, default {@code tdp_w}
     * (the board's limit, which prefill and large batches reach); 0 without {@code tdp_w}.
     */
    public double computeBoundW() {
        if (tdpW == null) {
            return 0;
        }
        return power != null && power.computeBoundW() != null ? power.computeBoundW() : tdpW;
    }

    /**
     * Power of one GPU while a memory-bound kernel runs, watts: {@code power.memory_bound_w}, default
     * {@link #DEFAULT_MEMORY_BOUND_FRACTION} of {@code tdp_w}; 0 without {@code tdp_w}.
     */
    public double memoryBoundW() {
        if (tdpW == null) {
            return 0;
        }
        return power != null && power.memoryBoundW() != null ? power.memoryBoundW()
                : DEFAULT_MEMORY_BOUND_FRACTION * tdpW;
    }

    /**
     * Power of one GPU that holds a model but runs no kernel (the host's share of a pass), watts: {@code
     * power.waiting_w}, default twice the idle power and at most the memory-bound power (a GPU holding a model and
     * its CUDA context idles at about twice an empty one); 0 without {@code tdp_w}.
     */
    public double waitingW() {
        if (tdpW == null) {
            return 0;
        }
        return power != null && power.waitingW() != null ? power.waitingW()
                : Math.min(memoryBoundW(), 2 * idleWOrDefault());
    }

    public double memoryBytes() {
        return memoryGb * 1e9;
    }

    public double hbmBytesPerS() {
        return hbmBandwidthTbps * 1e12;
    }

    /**
     * Peak operations per second for the given compute data type; FP8, INT8 and FP4 fall back to BF16 where the
     * profile has no such peak (the engine then dequantizes to BF16, as vLLM's Marlin kernels do on GPUs without FP8
     * or FP4 units).
     */
    public double peakFlops(Dtype computeDtype) {
        if (computeDtype == Dtype.FP4 && fp4Tflops != null) {
            return fp4Tflops * 1e12;
        }
        if (computeDtype == Dtype.FP8 && fp8Tflops != null) {
            return fp8Tflops * 1e12;
        }
        if (computeDtype == Dtype.INT8 && int8Tops != null) {
            return int8Tops * 1e12;
        }
        return bf16Tflops * 1e12;
    }

    public int nvlinkDomainGpusOrDefault() {
        return nvlinkDomainGpus == null ? DEFAULT_GPUS_PER_DOMAIN : nvlinkDomainGpus;
    }

    public int gpusPerNodeOrDefault() {
        return gpusPerNode == null ? DEFAULT_GPUS_PER_DOMAIN : gpusPerNode;
    }

    /** Whether some efficiencies and overheads come from another GPU's profile ({@code transferred_from}). */
    public boolean hasTransferredValues() {
        return transferredFrom != null && transferred != null && !transferred.isEmpty();
    }

    /** Whether the profile gives an inter-node network ({@code network_gbps}). */
    public boolean hasNetwork() {
        return networkGbps != null;
    }

    /** Inter-node bandwidth per GPU per direction, bytes per second (0 when the profile gives none). */
    public double networkBytesPerS() {
        return networkGbps == null ? 0 : networkGbps * 1e9 / 8;
    }

    public double networkLatencyS() {
        return networkLatencyUs == null ? 0 : networkLatencyUs * 1e-6;
    }

    public double interconnectBytesPerS() {
        return interconnectGbps * 1e9 / 8;
    }

    public double interconnectLatencyS() {
        return interconnectLatencyUs == null ? 0 : interconnectLatencyUs * 1e-6;
    }

    public double pcieBytesPerS() {
        return pcieGbps == null ? 0 : pcieGbps * 1e9 / 8;
    }

    public double pcieEfficiencyOrOne() {
        return pcieEfficiency == null ? 1.0 : pcieEfficiency;
    }

    public double perSequenceOverheadSOrZero() {
        return perSequenceOverheadS == null ? 0 : perSequenceOverheadS;
    }

    public double perTokenOverheadSOrZero() {
        return perTokenOverheadS == null ? 0 : perTokenOverheadS;
    }

    /** Whether the profile has its own calibration for {@code engine} (otherwise the top-level values apply). */
    public boolean hasCalibrationFor(ServingEngine engine) {
        return engines != null && engines.get(engine) != null;
    }

    /**
     * The profile as {@code engine} runs it: the engine's efficiencies and overheads where the profile has them, the
     * top-level values otherwise. The per-engine sets stay attached, so {@link #hasCalibrationFor} still answers.
     */
    public GpuProfile forEngine(ServingEngine engine) {
        EngineCalibration c = engines == null ? null : engines.get(engine);
        if (c == null) {
            return this;
        }
        return new GpuProfile(id, name, memoryGb, hbmBandwidthTbps, bf16Tflops, fp8Tflops, interconnectGbps,
                interconnectLatencyUs, pcieGbps, pcieEfficiency, priceUsdPerHour, priceAsOf,
                or(c.computeEfficiency(), computeEfficiency), or(c.memoryEfficiency(), memoryEfficiency),
                or(c.iterationOverheadS(), iterationOverheadS), or(c.perSequenceOverheadS(), perSequenceOverheadS),
                runtimeReserveGb, sources, or(c.perTokenOverheadS(), perTokenOverheadS), engines, int8Tops,
                networkGbps, networkLatencyUs, or(c.rooflineKnee(), rooflineKnee), attentionOrIdeal()
                        .overriddenBy(c.attention()), allreduceOrNccl().overriddenBy(c.allreduce()),
                or(c.layerOverheadS(), layerOverheadS),
                or(c.requestLatencyS(), requestLatencyS), smCount,
                fp4Tflops, nvlinkDomainGpus, gpusPerNode, transferredFrom, transferred, tdpW, idleW, power);
    }

    /** The attention kernel, ideal when the profile gives none. */
    public AttentionKernel attentionOrIdeal() {
        return attention == null ? AttentionKernel.IDEAL : AttentionKernel.IDEAL.overriddenBy(attention);
    }

    /** The all-reduce kernels, NCCL alone when the profile gives none. */
    public CollectiveKernels allreduceOrNccl() {
        return allreduce == null ? CollectiveKernels.NCCL_ONLY : CollectiveKernels.NCCL_ONLY.overriddenBy(allreduce);
    }

    public double requestLatencySOrZero() {
        return requestLatencyS == null ? 0 : requestLatencyS;
    }

    /** A copy with another request latency, seconds. */
    public GpuProfile withRequestLatencyS(Double value) {
        return new GpuProfile(id, name, memoryGb, hbmBandwidthTbps, bf16Tflops, fp8Tflops, interconnectGbps,
                interconnectLatencyUs, pcieGbps, pcieEfficiency, priceUsdPerHour, priceAsOf, computeEfficiency,
                memoryEfficiency, iterationOverheadS, perSequenceOverheadS, runtimeReserveGb, sources,
                perTokenOverheadS, engines, int8Tops, networkGbps, networkLatencyUs, rooflineKnee, attention, allreduce,
                layerOverheadS, value, smCount,
                fp4Tflops, nvlinkDomainGpus, gpusPerNode, transferredFrom, transferred, tdpW, idleW, power);
    }

    public double layerOverheadSOrZero() {
        return layerOverheadS == null ? 0 : layerOverheadS;
    }

    /** A copy with another runtime reserve (tests of the memory plan). */
    public GpuProfile withRuntimeReserveGb(Double value) {
        return new GpuProfile(id, name, memoryGb, hbmBandwidthTbps, bf16Tflops, fp8Tflops, interconnectGbps,
                interconnectLatencyUs, pcieGbps, pcieEfficiency, priceUsdPerHour, priceAsOf, computeEfficiency,
                memoryEfficiency, iterationOverheadS, perSequenceOverheadS, value, sources, perTokenOverheadS, engines,
                int8Tops, networkGbps, networkLatencyUs, rooflineKnee, attention, allreduce,
                layerOverheadS, requestLatencyS, smCount,
                fp4Tflops, nvlinkDomainGpus, gpusPerNode, transferredFrom, transferred, tdpW, idleW, power);
    }

    /** A copy with another host time per layer per pass, seconds. */
    public GpuProfile withLayerOverheadS(Double value) {
        return new GpuProfile(id, name, memoryGb, hbmBandwidthTbps, bf16Tflops, fp8Tflops, interconnectGbps,
                interconnectLatencyUs, pcieGbps, pcieEfficiency, priceUsdPerHour, priceAsOf, computeEfficiency,
                memoryEfficiency, iterationOverheadS, perSequenceOverheadS, runtimeReserveGb, sources,
                perTokenOverheadS, engines, int8Tops, networkGbps, networkLatencyUs, rooflineKnee, attention, allreduce,
                value, requestLatencyS, smCount,
                fp4Tflops, nvlinkDomainGpus, gpusPerNode, transferredFrom, transferred, tdpW, idleW, power);
    }

    /** The profile as {@code engine} runs it, without per-engine sets: what calibration varies. */
    public GpuProfile flatForEngine(ServingEngine engine) {
        GpuProfile g = forEngine(engine);
        return g.withCalibration(g.computeEfficiency, g.memoryEfficiency, g.iterationOverheadS,
                g.perSequenceOverheadS, g.perTokenOverheadS, null);
    }

    /** A copy with other top-level efficiencies and overheads (and per-engine calibrations). */
    public GpuProfile withCalibration(Double computeEfficiency, Double memoryEfficiency, Double iterationOverheadS,
            Double perSequenceOverheadS, Double perTokenOverheadS, EngineCalibrations engines) {
        return copy(id, interconnectLatencyUs, computeEfficiency, memoryEfficiency, iterationOverheadS,
                perSequenceOverheadS, perTokenOverheadS, engines, sources);
    }

    /** A copy with another small-message all-reduce latency, microseconds. */
    public GpuProfile withInterconnectLatencyUs(Double latencyUs) {
        return copy(id, latencyUs, computeEfficiency, memoryEfficiency, iterationOverheadS, perSequenceOverheadS,
                perTokenOverheadS, engines, sources);
    }

    /** A copy with other sources. */
    public GpuProfile withSources(List<String> newSources) {
        return copy(id, interconnectLatencyUs, computeEfficiency, memoryEfficiency, iterationOverheadS,
                perSequenceOverheadS, perTokenOverheadS, engines, newSources);
    }

    /** A copy with another id (profiles loaded from a path take their id from the file name). */
    public GpuProfile withId(String newId) {
        return copy(newId, interconnectLatencyUs, computeEfficiency, memoryEfficiency, iterationOverheadS,
                perSequenceOverheadS, perTokenOverheadS, engines, sources);
    }

    /** The one place that copies a profile: the fields calibration changes, the rest kept. */
    private GpuProfile copy(String newId, Double latencyUs, Double ce, Double me, Double iterationS, Double sequenceS,
            Double tokenS, EngineCalibrations newEngines, List<String> newSources) {
        return new GpuProfile(newId, name, memoryGb, hbmBandwidthTbps, bf16Tflops, fp8Tflops, interconnectGbps,
                latencyUs, pcieGbps, pcieEfficiency, priceUsdPerHour, priceAsOf, ce, me, iterationS, sequenceS,
                runtimeReserveGb, newSources, tokenS, newEngines, int8Tops, networkGbps, networkLatencyUs,
                rooflineKnee, attention, allreduce, layerOverheadS, requestLatencyS, smCount,
                fp4Tflops, nvlinkDomainGpus, gpusPerNode, transferredFrom, transferred, tdpW, idleW, power);
    }

    /**
     * The same GPU at its datasheet peaks: efficiencies of 1, a sharp roofline, an ideal attention kernel, no host
     * time and no collective latency. A pass priced on it is the ideal roofline of its operators; calibration can
     * only be slower.
     */
    public GpuProfile idealized() {
        return new GpuProfile(id, name, memoryGb, hbmBandwidthTbps, bf16Tflops, fp8Tflops, interconnectGbps, 0.0,
                pcieGbps, null, priceUsdPerHour, priceAsOf, 1.0, 1.0, 0.0, 0.0, runtimeReserveGb, sources, 0.0, null,
                int8Tops, networkGbps, 0.0, null, null, null, 0.0, 0.0, null,
                fp4Tflops, nvlinkDomainGpus, gpusPerNode, transferredFrom, transferred, tdpW, idleW, power);
    }

    /** A copy with another attention kernel (calibration and tests). */
    public GpuProfile withAttention(AttentionKernel kernel) {
        return new GpuProfile(id, name, memoryGb, hbmBandwidthTbps, bf16Tflops, fp8Tflops, interconnectGbps,
                interconnectLatencyUs, pcieGbps, pcieEfficiency, priceUsdPerHour, priceAsOf, computeEfficiency,
                memoryEfficiency, iterationOverheadS, perSequenceOverheadS, runtimeReserveGb, sources,
                perTokenOverheadS, engines, int8Tops, networkGbps, networkLatencyUs, rooflineKnee, kernel, allreduce,
                layerOverheadS, requestLatencyS, smCount,
                fp4Tflops, nvlinkDomainGpus, gpusPerNode, transferredFrom, transferred, tdpW, idleW, power);
    }

    /** A copy with another roofline knee (null: sharp). */
    public GpuProfile withRooflineKnee(Double knee) {
        return new GpuProfile(id, name, memoryGb, hbmBandwidthTbps, bf16Tflops, fp8Tflops, interconnectGbps,
                interconnectLatencyUs, pcieGbps, pcieEfficiency, priceUsdPerHour, priceAsOf, computeEfficiency,
                memoryEfficiency, iterationOverheadS, perSequenceOverheadS, runtimeReserveGb, sources,
                perTokenOverheadS, engines, int8Tops, networkGbps, networkLatencyUs, knee, attention, allreduce,
                layerOverheadS, requestLatencyS, smCount,
                fp4Tflops, nvlinkDomainGpus, gpusPerNode, transferredFrom, transferred, tdpW, idleW, power);
    }

    /** A copy with other all-reduce kernels. */
    public GpuProfile withAllreduce(CollectiveKernels kernels) {
        return new GpuProfile(id, name, memoryGb, hbmBandwidthTbps, bf16Tflops, fp8Tflops, interconnectGbps,
                interconnectLatencyUs, pcieGbps, pcieEfficiency, priceUsdPerHour, priceAsOf, computeEfficiency,
                memoryEfficiency, iterationOverheadS, perSequenceOverheadS, runtimeReserveGb, sources,
                perTokenOverheadS, engines, int8Tops, networkGbps, networkLatencyUs, rooflineKnee, attention, kernels,
                layerOverheadS, requestLatencyS, smCount,
                fp4Tflops, nvlinkDomainGpus, gpusPerNode, transferredFrom, transferred, tdpW, idleW, power);
    }

    /** A copy with another SM count (null: no wave quantization). */
    public GpuProfile withSmCount(Integer sms) {
        return new GpuProfile(id, name, memoryGb, hbmBandwidthTbps, bf16Tflops, fp8Tflops, interconnectGbps,
                interconnectLatencyUs, pcieGbps, pcieEfficiency, priceUsdPerHour, priceAsOf, computeEfficiency,
                memoryEfficiency, iterationOverheadS, perSequenceOverheadS, runtimeReserveGb, sources,
                perTokenOverheadS, engines, int8Tops, networkGbps, networkLatencyUs, rooflineKnee, attention, allreduce,
                layerOverheadS, requestLatencyS, sms,
                fp4Tflops, nvlinkDomainGpus, gpusPerNode, transferredFrom, transferred, tdpW, idleW, power);
    }

    /** A copy with another NVLink domain size (null: the default of eight). */
    public GpuProfile withNvlinkDomainGpus(Integer gpus) {
        return new GpuProfile(id, name, memoryGb, hbmBandwidthTbps, bf16Tflops, fp8Tflops, interconnectGbps,
                interconnectLatencyUs, pcieGbps, pcieEfficiency, priceUsdPerHour, priceAsOf, computeEfficiency,
                memoryEfficiency, iterationOverheadS, perSequenceOverheadS, runtimeReserveGb, sources,
                perTokenOverheadS, engines, int8Tops, networkGbps, networkLatencyUs, rooflineKnee, attention, allreduce,
                layerOverheadS, requestLatencyS, smCount, fp4Tflops, gpus, gpusPerNode, transferredFrom, transferred,
                tdpW, idleW, power);
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    public double runtimeReserveBytes() {
        return runtimeReserveGb == null ? 0 : runtimeReserveGb * 1e9;
    }
}
