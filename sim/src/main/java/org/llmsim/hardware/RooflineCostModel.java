package org.llmsim.hardware;

/**
 * The time of one forward pass (iteration) of a replica, from the roofline of its GPUs.
 *
 * <pre>
 *   FLOPs = 2 Pact n  +  4 L H dh A          n: new tokens in the batch (prefill chunks + one per decode)
 *                                           A: sum over new tokens of the context each attends to (causal)
 *   bytes = W  +  kv (R + n)                W: weight bytes read (MoE: shared + experts the batch touches)
 *                                           R: context tokens whose KV is read, kv: KV bytes per token
 *   time  = max(FLOPs / (tp peak ce), bytes / (tp bw me))      per GPU of the tensor-parallel group
 *         + 2 L (2 (tp-1)/tp n d 2 / link + latency)           two all-reduces per layer when tp > 1
 *         + iteration overhead + per-sequence overhead x sequences + per-token overhead x n
 * </pre>
 *
 * Prefill (large n) is compute bound and decode (n = batch size) bandwidth bound, from the same formula. With
 * efficiencies of 1 and no overheads the result is the ideal roofline; calibrated profiles can only be slower.
 *
 * <p>Pipeline parallelism ({@code pp > 1} stages of {@code tp} GPUs): see {@link PipelineSchedule} for how a pass is
 * split into micro-batches and what it costs.
 */
public final class RooflineCostModel {
    private final ReplicaHardware hardware;
    private final double denseFlopsPerToken;
    private final double attentionFlopsPerPair;
    private final double denseWeightBytes;
    private final double expertBytes;
    private final int experts;
    private final int expertsPerToken;
    private final double kvBytesPerTokenPerGpu;
    private final double flopsPerSecondPerGpu;
    private final double bytesPerSecondPerGpu;
    private final int tp;
    private final double allReduceBytesPerToken;
    private final double linkBytesPerS;
    private final double linkLatencyS;
    private final int layers;
    private final double iterationOverheadS;
    private final double perSequenceOverheadS;
    private final double perTokenOverheadS;
    private final PipelineSchedule pipeline;

    public RooflineCostModel(ReplicaHardware hardware) {
        this.hardware = hardware;
        GpuProfile gpu = hardware.gpu();
        ModelProfile model = hardware.model();
        this.tp = hardware.tp();
        this.layers = model.layers();
        this.denseFlopsPerToken = 2.0 * model.activeParams();
        this.attentionFlopsPerPair = 4.0 * model.layers() * model.heads() * model.headDim();
        this.experts = model.isMixtureOfExperts() ? model.experts() : 0;
        this.expertsPerToken = model.isMixtureOfExperts() ? model.expertsPerToken() : 0;
        this.expertBytes = hardware.expertBytes();
        this.denseWeightBytes = hardware.weightBytes() - experts * expertBytes;
        this.kvBytesPerTokenPerGpu = hardware.kvBytesPerTokenPerGpu();
        this.flopsPerSecondPerGpu = gpu.peakFlops(hardware.weightDtype().computeDtype()) * gpu.computeEfficiency();
        this.bytesPerSecondPerGpu = gpu.hbmBytesPerS() * gpu.memoryEfficiency();
        this.allReduceBytesPerToken = 2.0 * model.hidden(); // 16-bit activations
        this.linkBytesPerS = gpu.interconnectBytesPerS();
        this.linkLatencyS = gpu.interconnectLatencyS();
        this.iterationOverheadS = gpu.iterationOverheadS();
        this.perSequenceOverheadS = gpu.perSequenceOverheadSOrZero();
        this.perTokenOverheadS = gpu.perTokenOverheadSOrZero();
        this.pipeline = hardware.pp() == 1 ? null : new PipelineSchedule(this, hardware);
    }

    public ReplicaHardware hardware() {
        return hardware;
    }

    /**
     * Seconds of one iteration; always positive, since the weights are read at least once.
     *
     * @param sequences     sequences in the batch (each costs per-sequence host overhead)
     * @param newTokens     tokens computed: prefill tokens plus one per decoding sequence
     * @param attended      sum over the new tokens of the number of context tokens each attends to
     * @param kvReadTokens  tokens whose KV entries are read from memory
     * @param kvWriteTokens tokens whose KV entries are written
     */
    public double iterationTimeS(int sequences, long newTokens, long attended, long kvReadTokens, long kvWriteTokens) {
        if (pipeline != null) {
            return pipeline.cost(sequences, newTokens, attended, kvReadTokens, kvWriteTokens, false).totalS();
        }
        double computeS = flops(newTokens, attended) / tp / flopsPerSecondPerGpu;
        double memoryS = bytesPerGpu(newTokens, kvReadTokens, kvWriteTokens) / bytesPerSecondPerGpu;
        return Math.max(computeS, memoryS) + communicationS(newTokens) + overheadS(sequences, newTokens);
    }

    /**
     * Seconds of one iteration that starts on an idle replica. Only pipeline parallelism cares: the pass then fills an
     * empty pipeline, while a pass that follows another finds its stages busy with the previous one (see
     * {@link PipelineSchedule}).
     */
    public double iterationTimeS(int sequences, long newTokens, long attended, long kvReadTokens, long kvWriteTokens,
            boolean pipelineEmpty) {
        if (pipeline != null) {
            return pipeline.cost(sequences, newTokens, attended, kvReadTokens, kvWriteTokens, pipelineEmpty).totalS();
        }
        return iterationTimeS(sequences, newTokens, attended, kvReadTokens, kvWriteTokens);
    }

    /** The same time, split into its parts; for the catalog, reports and tests. */
    public IterationCost breakdown(int sequences, long newTokens, long attended, long kvReadTokens,
            long kvWriteTokens) {
        if (pipeline != null) {
            return pipeline.cost(sequences, newTokens, attended, kvReadTokens, kvWriteTokens, false);
        }
        double computeS = flops(newTokens, attended) / tp / flopsPerSecondPerGpu;
        double memoryS = bytesPerGpu(newTokens, kvReadTokens, kvWriteTokens) / bytesPerSecondPerGpu;
        double commS = communicationS(newTokens);
        double overheadS = overheadS(sequences, newTokens);
        return new IterationCost(computeS, memoryS, commS, overheadS, Math.max(computeS, memoryS) + commS + overheadS);
    }

    /** FLOPs of the whole replica for one iteration. */
    public double flops(long newTokens, long attended) {
        return flops((double) newTokens, (double) attended);
    }

    /** Bytes moved to and from HBM by one GPU of the group in one iteration. */
    public double bytesPerGpu(long newTokens, long kvReadTokens, long kvWriteTokens) {
        return weightBytesRead(newTokens) / tp + kvBytesPerTokenPerGpu * (kvReadTokens + kvWriteTokens);
    }

    /**
     * Weight bytes one iteration reads: every dense weight, and for MoE the experts the batch touches. With {@code n}
     * tokens each routed to {@code k} of {@code E} experts, the expected number of distinct experts per layer is
     * {@code E (1 - (1 - k/E)^n)}.
     */
    public double weightBytesRead(long newTokens) {
        return weightBytesRead((double) newTokens);
    }

    /**
     * The GPU side of one pipeline stage holding {@code fraction} of the layers, for a micro-batch of the given
     * (fractional) shape: compute, streaming and the stage's own all-reduces, without host overhead.
     */
    IterationCost stageCost(double fraction, int stageLayers, double newTokens, double attended, double kvTokens) {
        double computeS = flops(newTokens, attended) * fraction / tp / flopsPerSecondPerGpu;
        // kvBytesPerTokenPerGpu already counts the stage's layers only
        double memoryS = (weightBytesRead(newTokens) * fraction / tp + kvBytesPerTokenPerGpu * kvTokens)
                / bytesPerSecondPerGpu;
        double commS = allReducesS(stageLayers, newTokens);
        return new IterationCost(computeS, memoryS, commS, 0, Math.max(computeS, memoryS) + commS);
    }

    // The formulas, once each; micro-batches of a pipeline stage have fractional token counts.

    private double flops(double newTokens, double attended) {
        return denseFlopsPerToken * newTokens + attentionFlopsPerPair * attended;
    }

    private double weightBytesRead(double newTokens) {
        if (experts == 0) {
            return denseWeightBytes;
        }
        double touched = experts * (1 - Math.pow(1 - (double) expertsPerToken / experts, newTokens));
        return denseWeightBytes + touched * expertBytes;
    }

    /** Two ring all-reduces of the activations per layer over {@code layerCount} layers; none without tp. */
    private double allReducesS(int layerCount, double newTokens) {
        if (tp == 1) {
            return 0;
        }
        double perAllReduce = 2.0 * (tp - 1) / tp * newTokens * allReduceBytesPerToken / linkBytesPerS + linkLatencyS;
        return 2.0 * layerCount * perAllReduce;
    }

    /** Host time of one iteration: per pass, per sequence and per new token. */
    double overheadS(int sequences, long newTokens) {
        return iterationOverheadS + perSequenceOverheadS * sequences + perTokenOverheadS * newTokens;
    }

    private double communicationS(long newTokens) {
        return allReducesS(layers, newTokens);
    }

    /** Parts of one iteration's time in seconds; {@code totalS = max(computeS, memoryS) + communicationS + overheadS}. */
    public record IterationCost(double computeS, double memoryS, double communicationS, double overheadS,
            double totalS) {
        public boolean computeBound() {
            return computeS >= memoryS;
        }
    }
}
