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
        List<String> sources) {

    public double memoryBytes() {
        return memoryGb * 1e9;
    }

    public double hbmBytesPerS() {
        return hbmBandwidthTbps * 1e12;
    }

    /** Peak FLOP/s for the given compute data type; FP8 falls back to BF16 where the GPU has no FP8 units. */
    public double peakFlops(Dtype computeDtype) {
        if (computeDtype == Dtype.FP8 && fp8Tflops != null) {
            return fp8Tflops * 1e12;
        }
        return bf16Tflops * 1e12;
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

    public double runtimeReserveBytes() {
        return runtimeReserveGb == null ? 0 : runtimeReserveGb * 1e9;
    }
}
