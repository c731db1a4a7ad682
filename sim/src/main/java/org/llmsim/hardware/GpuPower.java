package org.llmsim.hardware;

/**
 * What one GPU draws while a pass's operators run, by what bounds them ({@code power:} in a GPU profile), watts.
 * Each field is optional; {@link GpuProfile#computeBoundW}, {@link GpuProfile#memoryBoundW} and
 * {@link GpuProfile#waitingW} state the rules that fill a missing one.
 *
 * @param computeBoundW power while tensor-core math bounds the kernel (prefill GEMMs, large batches)
 * @param memoryBoundW  power while HBM traffic bounds the kernel (decode GEMMs streaming the weights, KV reads)
 * @param waitingW      power of a GPU that holds a model and its runtime but runs no kernel: the host's share of a
 *                      pass (scheduling, launches, sampling)
 */
public record GpuPower(Double computeBoundW, Double memoryBoundW, Double waitingW) {
}
