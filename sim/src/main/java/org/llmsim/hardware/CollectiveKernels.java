package org.llmsim.hardware;

import java.util.List;

/**
 * The collective kernels of a GPU profile or one of its engines ({@code allreduce:}). The all-reduce of a
 * tensor-parallel group inside one node: NCCL's ring (or NVLS) all-reduce costs the profile's
 * {@code interconnect_latency_us} plus the ring traffic at {@code bus_gbps}; engines send small messages through a
 * custom one-shot kernel of lower latency and lower rate, up to {@code custom_max_kb}. The all-to-all of expert
 * parallelism (dispatch of tokens to their experts' GPUs and combine of the results, DeepEP-style kernels): the
 * bandwidth each GPU achieves over the interconnect ({@code alltoall_nvlink_gbps}) and over the network
 * ({@code alltoall_network_gbps}), plus a fixed {@code alltoall_latency_us} per dispatch or combine.
 *
 * @param busGbps         NCCL's bus bandwidth for large messages, Gbit/s (nccl-tests' busbw); default: the
 *                        interconnect's bandwidth
 * @param customLatencyUs latency of the engine's custom all-reduce, microseconds
 * @param customGbps      rate of the custom kernel, message Gbit/s
 * @param customMaxKb     largest message the custom kernel takes, KiB; absent or 0: the engine always uses NCCL
 * @param alltoallNvlinkGbps  bandwidth one GPU's all-to-all sends at to GPUs of its own NVLink domain, Gbit/s;
 *                            default: {@code interconnect_gbps}
 * @param alltoallNetworkGbps bandwidth one GPU's all-to-all sends at to GPUs of other nodes, Gbit/s; default:
 *                            {@code network_gbps}
 * @param alltoallLatencyUs   fixed time of one dispatch or one combine, microseconds; default:
 *                            {@code interconnect_latency_us}
 */
public record CollectiveKernels(Double busGbps, Double customLatencyUs, Double customGbps, Double customMaxKb,
        Double alltoallNvlinkGbps, Double alltoallNetworkGbps, Double alltoallLatencyUs, List<String> sources) {

    /** NCCL only, at the interconnect's bandwidth; all-to-all at the links' bandwidths. */
    public static final CollectiveKernels NCCL_ONLY = new CollectiveKernels(null, null, null, null, null, null, null,
            List.of());

    /** The all-reduce settings alone (no all-to-all figures). */
    public CollectiveKernels(Double busGbps, Double customLatencyUs, Double customGbps, Double customMaxKb,
            List<String> sources) {
        this(busGbps, customLatencyUs, customGbps, customMaxKb, null, null, null, sources);
    }

    /** These settings with {@code override}'s fields where it has them. */
    public CollectiveKernels overriddenBy(CollectiveKernels override) {
        if (override == null) {
            return this;
        }
        return new CollectiveKernels(AttentionKernel.or(override.busGbps, busGbps),
                AttentionKernel.or(override.customLatencyUs, customLatencyUs),
                AttentionKernel.or(override.customGbps, customGbps),
                AttentionKernel.or(override.customMaxKb, customMaxKb),
                AttentionKernel.or(override.alltoallNvlinkGbps, alltoallNvlinkGbps),
                AttentionKernel.or(override.alltoallNetworkGbps, alltoallNetworkGbps),
                AttentionKernel.or(override.alltoallLatencyUs, alltoallLatencyUs),
                override.sources != null ? override.sources : sources);
    }

    /** Whether a custom kernel is configured. */
    public boolean hasCustom() {
        return customMaxKb != null && customMaxKb > 0 && customGbps != null && customGbps > 0;
    }
}
