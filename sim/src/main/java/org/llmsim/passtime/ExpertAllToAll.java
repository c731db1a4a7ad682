package org.llmsim.passtime;

import org.llmsim.hardware.CollectiveKernels;
import org.llmsim.hardware.ExpertParallel;
import org.llmsim.hardware.GpuProfile;
import org.llmsim.hardware.ParallelLayout;
import org.llmsim.hardware.ReplicaHardware;

/**
 * Data and expert parallelism in a pass ({@link PassCostModel}): a pass's sequences are spread evenly over the
 * {@code dp} ranks and, since every MoE layer waits for all of them, the pass lasts as long as the fullest rank's
 * {@code ceil(sequences / dp)} ({@link org.llmsim.hardware.ParallelLayout#slowestRankShare}): its share of every
 * operator but the experts, and of the host's per-sequence and per-token work (each rank has its own scheduler). The
 * experts compute the tokens of all ranks over the expert group (with expert parallelism, {@code dp x tp} GPUs holding
 * whole experts, the slowest GPU {@code imbalance} times the mean), and every MoE layer pays this all-to-all.
 *
 * <p>The all-to-all of one MoE layer under expert parallelism: every GPU sends each of its tokens' hidden states to the
 * GPUs holding the token's {@code k} experts (dispatch) and receives the experts' outputs back (combine). The tokens of
 * a data-parallel rank are split over its {@code tp} GPUs, so a GPU sends {@code m / tp} tokens; their {@code k}
 * destinations are spread evenly over the {@code n} GPUs of the expert group, of which {@code n_d} share the sender's
 * NVLink domain. Per dispatch (and likewise per combine, in its own format):
 *
 * <pre>
 *   bytes  = m / tp x k x h x b                 (b: 1 for FP8 dispatch, 2 for BF16)
 *   t      = latency + max(bytes x (n_d - 1) / n / nvlink,  bytes x (n - n_d) / n / network)
 * </pre>
 * The share {@code 1 / n} bound for the sender's own experts moves nothing. The interconnect and the network run at
 * once (DeepEP's kernels forward across nodes over RDMA and within a node over NVLink), so the slower of the two sets
 * the time. {@code nvlink}, {@code network} and {@code latency} are the GPU profile's all-to-all figures
 * ({@link CollectiveKernels}), by default its interconnect and network bandwidths.
 */
public final class ExpertAllToAll {
    private final int group;
    private final int groupPerDomain;
    private final int tp;
    private final double bytesPerTokenDispatch;
    private final double bytesPerTokenCombine;
    private final double nvlinkBytesPerS;
    private final double networkBytesPerS;
    private final double latencyS;

    public ExpertAllToAll(ReplicaHardware hardware) {
        ExpertParallel ep = hardware.expertParallel();
        if (ep == null) {
            throw new IllegalArgumentException("no expert parallelism on " + hardware.describe());
        }
        ParallelLayout layout = hardware.layout();
        GpuProfile gpu = hardware.gpu();
        CollectiveKernels c = gpu.allreduceOrNccl();
        this.group = layout.expertGroup();
        this.groupPerDomain = layout.expertGroupPerDomain();
        this.tp = hardware.tp();
        double perToken = (double) hardware.model().expertsPerToken() * hardware.model().hidden();
        this.bytesPerTokenDispatch = perToken * ep.dispatchDtype().bytesPerElement();
        this.bytesPerTokenCombine = perToken * ep.combineDtype().bytesPerElement();
        this.nvlinkBytesPerS = (c.alltoallNvlinkGbps() != null ? c.alltoallNvlinkGbps() : gpu.interconnectGbps())
                * 1e9 / 8;
        double network = c.alltoallNetworkGbps() != null ? c.alltoallNetworkGbps()
                : gpu.hasNetwork() ? gpu.networkGbps() : gpu.interconnectGbps();
        this.networkBytesPerS = network * 1e9 / 8;
        this.latencyS = c.alltoallLatencyUs() != null ? c.alltoallLatencyUs() * 1e-6 : gpu.interconnectLatencyS();
    }

    /** Seconds of one layer's dispatch and combine for a rank of {@code rankTokens} tokens; 0 for a group of one. */
    public double layerTimeS(double rankTokens) {
        if (group == 1 || rankTokens <= 0) {
            return 0;
        }
        return oneWayS(rankTokens * bytesPerTokenDispatch) + oneWayS(rankTokens * bytesPerTokenCombine);
    }

    private double oneWayS(double rankBytes) {
        double bytes = rankBytes / tp;
        double inDomain = bytes * (groupPerDomain - 1) / group / nvlinkBytesPerS;
        double acrossDomains = bytes * (group - groupPerDomain) / group / networkBytesPerS;
        return latencyS + Math.max(inDomain, acrossDomains);
    }
}
