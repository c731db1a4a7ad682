package org.llmsim.cluster;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.llmsim.engine.EngineListener;
import org.llmsim.engine.PrefillHandoff;
import org.llmsim.engine.Replica;
import org.llmsim.hardware.GpuProfile;
import org.llmsim.hardware.ReplicaHardware;
import org.llmsim.kernel.EventPriority;
import org.llmsim.kernel.EventScheduler;
import org.llmsim.request.Request;
import org.llmsim.scenario.DisaggregationSpec;

/**
 * The prefill-to-decode path of one disaggregated pool (Splitwise / DistServe): when a prefill replica has computed a
 * prompt, the decode replica with the fewest requests (waiting, running or on their way) is chosen, and the prompt's
 * KV crosses to it. Every GPU of the replica sends its own shard over its own link, in parallel:
 *
 * <pre>
 *   transfer = prompt tokens x KV bytes per token per GPU / link bytes per second + link latency
 * </pre>
 * over {@code network_gbps} (RDMA NICs) or the node's {@code interconnect_gbps}, as the pool's {@code kv_link} says.
 * A link carries one transfer at a time: a transfer waits until both the sending replica's and the receiving
 * replica's links are free. The first token reaches the client with the KV, as the proxy of vLLM's disaggregated
 * serving returns it from the decode side, so TTFT includes the transfer. One event per transfer.
 */
final class DisaggregatedHandoff implements PrefillHandoff {
    private final List<Replica> decode;
    private final EventScheduler clock;
    private final EngineListener listener;
    private final double bytesPerTokenPerGpu;
    private final int gpus;
    private final double linkBytesPerS;
    private final double linkLatencyS;
    /** Requests on their way to each decode replica (counted in its load). */
    private final int[] incoming;
    /** When each decode replica's link is free; indexed like {@code decode}. */
    private final double[] decodeLinkFreeS;
    /** When each sending replica's link is free, by global replica index minus {@code firstPrefill}. */
    private final double[] prefillLinkFreeS;
    private final int firstPrefill;
    /** Requests whose KV is on its way, in the order they left (reported unfinished if the run stops). */
    private final Set<Request> inTransfer = new LinkedHashSet<>();
    private int start;

    /**
     * @param hardware     the pool's replica (every replica of a pool is the same)
     * @param link         the link the KV crosses
     * @param firstPrefill global index of the pool's first prefill replica
     * @param prefill      how many prefill replicas precede the decode ones
     * @param decode       the pool's decode replicas
     */
    DisaggregatedHandoff(ReplicaHardware hardware, DisaggregationSpec.KvLink link, int firstPrefill, int prefill,
            List<Replica> decode, EventScheduler clock, EngineListener listener) {
        GpuProfile gpu = hardware.gpu();
        boolean network = link == DisaggregationSpec.KvLink.NETWORK;
        this.linkBytesPerS = network ? gpu.networkBytesPerS() : gpu.interconnectBytesPerS();
        this.linkLatencyS = network ? gpu.networkLatencyS() : gpu.interconnectLatencyS();
        this.bytesPerTokenPerGpu = hardware.kvBytesPerTokenPerGpu();
        this.gpus = hardware.gpus() / hardware.dp(); // a request's KV sits on the GPUs of one rank
        this.decode = List.copyOf(decode);
        this.clock = clock;
        this.listener = listener;
        this.incoming = new int[decode.size()];
        this.decodeLinkFreeS = new double[decode.size()];
        this.prefillLinkFreeS = new double[prefill];
        this.firstPrefill = firstPrefill;
    }

    /** Seconds the KV of a prompt of {@code tokens} tokens takes on a free link. */
    double transferTimeS(long tokens) {
        return tokens * bytesPerTokenPerGpu / linkBytesPerS + linkLatencyS;
    }

    @Override
    public void prefilled(Request request, double timeS) {
        int target = leastLoaded();
        int source = request.replica() - firstPrefill;
        double startS = Math.max(timeS, Math.max(prefillLinkFreeS[source], decodeLinkFreeS[target]));
        double sendS = request.inputTokens() * bytesPerTokenPerGpu / linkBytesPerS;
        prefillLinkFreeS[source] = startS + sendS;
        decodeLinkFreeS[target] = startS + sendS;
        double arrivalS = startS + sendS + linkLatencyS;
        incoming[target]++;
        inTransfer.add(request);
        listener.onKvTransfer(request, request.inputTokens() * bytesPerTokenPerGpu * gpus, arrivalS - timeS);
        Replica replica = decode.get(target);
        clock.at(arrivalS, EventPriority.ARRIVAL, () -> {
            incoming[target]--;
            inTransfer.remove(request);
            request.markFirstToken(clock.now());
            replica.acceptPrefilled(request);
        });
    }

    /** Visits the requests whose KV is still on its way (at the end of a run). */
    void forEachInTransfer(Consumer<Request> visitor) {
        inTransfer.forEach(visitor);
    }

    /** The decode replica with the fewest requests, those in transfer included; ties rotate. */
    private int leastLoaded() {
        int n = decode.size();
        int best = start % n;
        int bestLoad = decode.get(best).outstanding() + incoming[best];
        for (int k = 1; k < n && bestLoad > 0; k++) {
            int i = (start + k) % n;
            int load = decode.get(i).outstanding() + incoming[i];
            if (load < bestLoad) {
                best = i;
                bestLoad = load;
            }
        }
        start = best + 1;
        return best;
    }
}
