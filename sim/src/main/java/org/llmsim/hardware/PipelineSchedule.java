package org.llmsim.hardware;

/**
 * The time of one forward pass of a pipeline-parallel replica: {@code p} stages of {@code tp} GPUs, each holding
 * {@code ceil(L / p)} layers or fewer, activations handed from stage to stage over the GPU interconnect (the node's
 * NVLink while the replica fits in one node, the inter-node network beyond).
 *
 * <p>How a pass is split: its sequences go into {@code m = min(p, sequences)} micro-batches of equal shape (1/m of the
 * tokens, attention pairs and KV of the pass each), as vLLM keeps {@code pipeline_parallel_size} batches in flight.
 * A stage spends {@code t_s} on one micro-batch: its layers' share of the FLOPs and weight bytes (read once per
 * micro-batch), the micro-batch's KV of its layers, its own all-reduces. Crossing a stage boundary costs
 * {@code t_x = tokens x hidden x 2 bytes / link + latency}.
 *
 * <pre>
 *   stage 1 | mb1 | mb2 |     |     |             pass after an idle spell (the pipeline fills):
 *   stage 2 |     | mb1 | mb2 |     |               T = (m + p - 1) t_s + (p - 1) t_x
 *   stage 3 |     |     | mb1 | mb2 |             pass following another (each micro-batch restarts as soon as
 *                                                   its previous step leaves the last stage):
 *                                                   T = p t_s + (p - 1) t_x
 * </pre>
 * In steady state a micro-batch's next token needs its previous one, so a pass lasts one round trip of a micro-batch
 * through every stage; with {@code m = p} micro-batches every stage is busy all along (no bubble), with fewer (small
 * batches) stages idle for {@code (p - m) t_s} of every pass: the bubble. A batch of one therefore takes as long as
 * on one stage holding every layer, plus the transfers: pipeline parallelism adds latency and keeps throughput, unlike
 * tensor parallelism. Host overhead is paid once per pass.
 */
final class PipelineSchedule {
    private final RooflineCostModel stages;
    private final int pp;
    private final int stageLayers;
    private final double fraction;
    private final double activationBytesPerToken;
    private final double linkBytesPerS;
    private final double linkLatencyS;

    PipelineSchedule(RooflineCostModel stages, ReplicaHardware hardware) {
        this.stages = stages;
        this.pp = hardware.pp();
        this.stageLayers = hardware.stageLayers();
        this.fraction = hardware.stageFraction();
        this.activationBytesPerToken = 2.0 * hardware.model().hidden(); // 16-bit hidden states
        GpuProfile gpu = hardware.gpu();
        boolean network = hardware.spansNodes() && gpu.hasNetwork();
        this.linkBytesPerS = network ? gpu.networkBytesPerS() : gpu.interconnectBytesPerS();
        this.linkLatencyS = network ? gpu.networkLatencyS() : gpu.interconnectLatencyS();
    }

    /** Micro-batches a pass of {@code sequences} sequences is split into. */
    int microBatches(int sequences) {
        return Math.max(1, Math.min(pp, sequences));
    }

    /** The pass's time and its parts (each part summed over the stage rounds on the critical path). */
    RooflineCostModel.IterationCost cost(int sequences, long newTokens, long attended, long kvReadTokens,
            long kvWriteTokens, boolean pipelineEmpty) {
        int m = microBatches(sequences);
        double tokens = (double) newTokens / m;
        RooflineCostModel.IterationCost stage = stages.stageCost(fraction, stageLayers, tokens, (double) attended / m,
                (double) (kvReadTokens + kvWriteTokens) / m);
        int rounds = pipelineEmpty ? m + pp - 1 : pp;
        double transfersS = (pp - 1) * (tokens * activationBytesPerToken / linkBytesPerS + linkLatencyS);
        double overheadS = stages.overheadS(sequences, newTokens);
        double commS = rounds * stage.communicationS() + transfersS;
        return new RooflineCostModel.IterationCost(rounds * stage.computeS(), rounds * stage.memoryS(), commS,
                overheadS, rounds * stage.totalS() + transfersS + overheadS);
    }
}
