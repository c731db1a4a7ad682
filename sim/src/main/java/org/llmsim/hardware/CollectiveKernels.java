package org.llmsim.hardware;

import java.util.List;

/**
 * The all-reduce of a tensor-parallel group inside one node ({@code allreduce:} in a GPU profile or one of its
 * engines). NCCL's ring (or NVLS) all-reduce costs the profile's {@code interconnect_latency_us} plus the ring traffic
 * at {@code bus_gbps}; engines send small messages through a custom one-shot kernel of lower latency and lower rate,
 * up to {@code custom_max_kb}.
 *
 * @param busGbps         NCCL's bus bandwidth for large messages, Gbit/s (nccl-tests' busbw); default: the
 *                        interconnect's bandwidth
 * @param customLatencyUs latency of the engine's custom all-reduce, microseconds
 * @param customGbps      rate of the custom kernel, message Gbit/s
 * @param customMaxKb     largest message the custom kernel takes, KiB; absent or 0: the engine always uses NCCL
 */
public record CollectiveKernels(Double busGbps, Double customLatencyUs, Double customGbps, Double customMaxKb,
        List<String> sources) {

    /** NCCL only, at the interconnect's bandwidth. */
    public static final CollectiveKernels NCCL_ONLY = new CollectiveKernels(null, null, null, null, List.of());

    /** These settings with {@code override}'s fields where it has them. */
    public CollectiveKernels overriddenBy(CollectiveKernels override) {
        if (override == null) {
            return this;
        }
        return new CollectiveKernels(AttentionKernel.or(override.busGbps, busGbps),
                AttentionKernel.or(override.customLatencyUs, customLatencyUs),
                AttentionKernel.or(override.customGbps, customGbps),
                AttentionKernel.or(override.customMaxKb, customMaxKb),
                override.sources != null ? override.sources : sources);
    }

    /** Whether a custom kernel is configured. */
    public boolean hasCustom() {
        return customMaxKb != null && customMaxKb > 0 && customGbps != null && customGbps > 0;
    }
}
