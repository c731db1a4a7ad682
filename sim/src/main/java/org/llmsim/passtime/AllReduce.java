package org.llmsim.passtime;

import org.llmsim.hardware.CollectiveKernels;
import org.llmsim.hardware.GpuProfile;

/**
 * The time of one all-reduce of {@code bytes} over the {@code n} GPUs of a tensor-parallel group: a latency plus the
 * ring's traffic, {@code alpha + 2 (n - 1) / n x bytes / busBandwidth}, the form NCCL's tests report (bus bandwidth
 * rising with the message size is this latency amortized). Engines run small messages through a custom one-shot
 * kernel instead (vLLM's and SGLang's custom all-reduce, TensorRT-LLM's one-shot), which has a far lower latency and
 * a lower bandwidth; a message up to {@code customMaxBytes} takes the faster of the two.
 *
 * @param latencyS        NCCL's latency per all-reduce, seconds
 * @param busBytesPerS    NCCL's bus bandwidth for large messages, bytes per second
 * @param customLatencyS  the custom kernel's latency, seconds
 * @param customBytesPerS the custom kernel's rate, message bytes per second
 * @param customMaxBytes  largest message the custom kernel takes; 0: the engine has none
 */
public record AllReduce(double latencyS, double busBytesPerS, double customLatencyS, double customBytesPerS,
        double customMaxBytes) {

    /**
     * The all-reduce of a tensor-parallel group on {@code gpu}: NCCL and the engine's custom kernel over the
     * interconnect, or, for a group that spans NVLink domains, a ring at the network's bandwidth and latency (no
     * single-node custom kernel).
     */
    public static AllReduce of(GpuProfile gpu, boolean acrossDomains) {
        if (acrossDomains && gpu.hasNetwork()) {
            return new AllReduce(gpu.networkLatencyS(), gpu.networkBytesPerS(), 0, 1, 0);
        }
        CollectiveKernels c = gpu.allreduceOrNccl();
        double busBytesPerS = (c.busGbps() != null ? c.busGbps() : gpu.interconnectGbps()) * 1e9 / 8;
        return new AllReduce(gpu.interconnectLatencyS(), busBytesPerS, c.hasCustom() ? c.customLatencyUs() * 1e-6 : 0,
                c.hasCustom() ? c.customGbps() * 1e9 / 8 : 1, c.hasCustom() ? c.customMaxKb() * 1024 : 0);
    }

    /** Seconds of one all-reduce of {@code bytes} over {@code n} GPUs; 0 for a single GPU. */
    public double timeS(double bytes, int n) {
        if (n <= 1) {
            return 0;
        }
        double ring = latencyS + 2.0 * (n - 1) / n * bytes / busBytesPerS;
        if (bytes <= customMaxBytes) {
            return Math.min(ring, customLatencyS + bytes / customBytesPerS);
        }
        return ring;
    }
}
