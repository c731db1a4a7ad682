package org.llmsim.passtime;

import java.util.ArrayList;
import java.util.List;

import org.llmsim.hardware.AttentionKernel;
import org.llmsim.hardware.Dtype;
import org.llmsim.hardware.GpuProfile;
import org.llmsim.hardware.ModelProfile;
import org.llmsim.hardware.ParallelLayout;
import org.llmsim.hardware.ReplicaHardware;

/**
 * The time of one forward pass of a replica, operator by operator. Inside a layer the kernels run one after another,
 * so a pass is the sum of its operators, each on its own roofline (see {@link Roofline}), per GPU of the
 * tensor-parallel group:
 *
 * <pre>
 *   GEMMs      QKV, output, MLP (or router)    FLOPs 2 M P_layer L / tp        bytes P_layer L b_w / tp
 *   experts    MoE: the experts the batch touches  FLOPs 2 M k P_exp L / tp    bytes E(1-(1-k/E)^M) P_exp L b_w / tp
 *   LM head    sampled tokens S only            FLOPs 2 S h V / tp              bytes h V 2 / tp
 *   embedding  a gather of M rows                                               bytes M h 2
 *   element-wise norms, rotary, activation                                       bytes M (8h + 2(H+Hkv)dh/tp + 3ki/tp) 2 L
 *   attention  prompt chunks (causal)           FLOPs 4 dh (H/tp) pairs L       bytes KV read + written
 *              decodes                          FLOPs 4 dh (H/tp) pairs L       bytes KV read + written
 *              (latent, sliding-window and linear-attention layers: see {@link LayerMix})
 *   all-reduce 2 per layer when tp > 1          M h 2 bytes each (see {@link AllReduce})
 *   all-to-all MoE with expert parallelism      dispatch and combine per layer (see {@link ExpertAllToAll})
 *   host       per pass + per layer + per sequence + per token (hidden behind GPU time by an overlap scheduler)
 * </pre>
 *
 * GEMMs run at the peak of the weights' compute type times {@code compute_efficiency}; all GEMMs of a pass share
 * {@code M}, so their FLOP-to-byte ratio is the same and one roofline over their sums is exact. Attention runs in
 * BF16 (FP8 only where the engine runs FP8 attention over an FP8 KV cache) at the attention kernel's efficiency, which
 * for prompts grows with the causal length. Memory traffic runs at {@code memory_efficiency} of the HBM bandwidth.
 * With efficiencies of 1, a sharp roofline and no overheads, every operator and the pass equal the ideal roofline.
 *
 * <p>Pipeline parallelism ({@code pp > 1}): see {@link PipelineSchedule}.
 * Data parallelism ({@code dp > 1}): the fullest rank's share of every operator but the experts, which compute all
 * ranks' tokens over the expert group ({@link ExpertAllToAll}).
 */
public final class PassCostModel {
    private final ReplicaHardware hardware;
    private final double knee;
    private final int tp;
    private final int layers;
    // per GPU, for every layer of the replica
    private final double gemmFlopsPerToken;
    /** Output widths of one layer's dense GEMMs on one GPU (QKV, output, MLP up and down), for wave quantization. */
    private final double[] gemmWidths;
    /** The most ways each GEMM's reduction dimension may be split (split-K): one split per 256 of K. */
    private final int[] gemmMaxSplits;
    /** Each dense GEMM's share of the layer's GEMM FLOPs. */
    private final double[] gemmShares;
    /** SMs that run a GEMM's output tiles; 0: no wave quantization. */
    private final int sms;
    private final double gemmBytes;
    private final int experts;
    private final double expertsPerToken;
    private final double expertFlopsPerToken;
    private final double expertBytesPerExpert;
    private final double lmHeadFlopsPerToken;
    private final double lmHeadBytes;
    private final double embeddingBytesPerToken;
    /** Activation bytes the element-wise kernels of every layer read and write per token, on one GPU. */
    private final double elementwiseBytesPerToken;
    /** Attention by kind of layer: full, sliding-window, linear; grouped-query or latent. */
    private final LayerMix mix;
    private final double kvBytesPerToken;
    // achievable rates
    private final double gemmFlopsPerS;
    private final double lmHeadFlopsPerS;
    private final double attentionFlopsPerS;
    private final double attentionHalfTokens;
    private final double bytesPerS;
    // collectives and host
    private final AllReduce allReduce;
    private final double allReduceBytesPerToken;
    private final double iterationOverheadS;
    private final double layerOverheadS;
    private final double perSequenceOverheadS;
    private final double perTokenOverheadS;
    private final boolean overlapHost;
    private final PipelineSchedule pipeline;
    // data and expert parallelism
    private final ParallelLayout layout;
    private final double expertImbalance;
    private final ExpertAllToAll allToAll;
    // power of one GPU by what bounds an operator (communication at the memory-bound power), watts
    private final double computeW;
    private final double memoryW;
    private final double waitingW;
    /** The board's power limit: no operator draws more ({@code tdp_w}; 0 without power figures). */
    private final double boardW;
    /** Joules per GPU of the operators priced since the last reset (a field, so a pass allocates nothing). */
    private double operatorJ;
    /** Mean power of one GPU over the last pass priced by {@link #timeS} or {@link #multiStepTimeS}, watts. */
    private double lastPassW;

    /** A replica whose engine does its host work between passes. */
    public PassCostModel(ReplicaHardware hardware) {
        this(hardware, false);
    }

    /**
     * @param overlapHost whether the engine's scheduler prepares the next pass while the GPU runs this one (SGLang's
     *                    overlap scheduler), so that a pass lasts the longer of its GPU and host times
     */
    public PassCostModel(ReplicaHardware hardware, boolean overlapHost) {
        this.hardware = hardware;
        GpuProfile gpu = hardware.gpu();
        ModelProfile model = hardware.model();
        this.tp = hardware.tp();
        this.layers = model.layers();
        this.knee = gpu.rooflineKnee() == null ? Roofline.SHARP : gpu.rooflineKnee();
        double bw = hardware.weightDtype().bytesPerElement();
        this.gemmFlopsPerToken = 2.0 * hardware.denseLayerParams() * layers / tp;
        this.sms = gpu.smCount() == null ? 0 : gpu.smCount();
        double h = model.hidden();
        double qkv = (model.heads() + 2.0 * model.kvHeads()) * model.headDim();
        double attnOut = (double) model.heads() * model.headDim();
        double i = model.intermediate();
        boolean moe = model.isMixtureOfExperts();
        // K x N of each GEMM per GPU: QKV (h x qkv/tp), output (attnOut/tp x h), MLP up+gate (h x 2i/tp), down
        double[][] shapes = moe
                ? new double[][] {{h, qkv / tp}, {attnOut / tp, h}, {h, model.experts()}}
                : new double[][] {{h, qkv / tp}, {attnOut / tp, h}, {h, 2 * i / tp}, {i / tp, h}};
        this.gemmWidths = new double[shapes.length];
        this.gemmShares = new double[shapes.length];
        this.gemmMaxSplits = new int[shapes.length];
        double total = 0;
        for (double[] shape : shapes) {
            total += shape[0] * shape[1];
        }
        for (int g = 0; g < shapes.length; g++) {
            gemmWidths[g] = shapes[g][1];
            gemmShares[g] = shapes[g][0] * shapes[g][1] / total;
            gemmMaxSplits[g] = (int) Math.max(1, Math.floor(shapes[g][0] / MIN_SPLIT_K));
        }
        this.gemmBytes = hardware.denseLayerParams() * layers * bw / tp;
        this.experts = model.isMixtureOfExperts() ? model.experts() : 0;
        this.expertsPerToken = model.isMixtureOfExperts() ? model.expertsPerToken() : 0;
        this.layout = hardware.layout();
        int expertGroup = layout.expertGroup();
        this.expertFlopsPerToken = 2.0 * expertsPerToken * hardware.expertLayerParams() * layers / expertGroup;
        this.expertBytesPerExpert = hardware.expertLayerParams() * layers * bw / expertGroup;
        this.expertImbalance = hardware.expertParallel() == null ? 1.0 : hardware.expertParallel().imbalance();
        this.allToAll = hardware.expertParallel() == null ? null : new ExpertAllToAll(hardware);
        this.lmHeadFlopsPerToken = 2.0 * hardware.lmHeadParams() / tp;
        this.lmHeadBytes = hardware.lmHeadParams() * 2.0 / tp;
        this.embeddingBytesPerToken = 2.0 * model.hidden();
        this.elementwiseBytesPerToken = 2.0 * elementwiseElementsPerToken(model, tp);
        this.mix = new LayerMix(hardware);
        this.kvBytesPerToken = hardware.kvBytesPerTokenPerGpu() * layers / hardware.stageLayers();
        AttentionKernel attention = gpu.attentionOrIdeal();
        boolean fp8Attention = Boolean.TRUE.equals(attention.fp8()) && hardware.kvDtype() == Dtype.FP8;
        this.gemmFlopsPerS = gpu.peakFlops(hardware.weightDtype().computeDtype()) * gpu.computeEfficiency();
        this.lmHeadFlopsPerS = gpu.peakFlops(Dtype.BF16) * gpu.computeEfficiency();
        this.attentionFlopsPerS = gpu.peakFlops(fp8Attention ? Dtype.FP8 : Dtype.BF16) * attention.efficiency();
        this.attentionHalfTokens = attention.halfTokens() == null ? 0 : attention.halfTokens();
        this.bytesPerS = gpu.hbmBytesPerS() * gpu.memoryEfficiency();
        this.allReduce = AllReduce.of(gpu, layout.tpSpansDomains());
        this.allReduceBytesPerToken = 2.0 * model.hidden(); // 16-bit activations
        this.iterationOverheadS = gpu.iterationOverheadS();
        this.layerOverheadS = gpu.layerOverheadSOrZero() * layers;
        this.perSequenceOverheadS = gpu.perSequenceOverheadSOrZero();
        this.perTokenOverheadS = gpu.perTokenOverheadSOrZero();
        this.overlapHost = overlapHost;
        this.pipeline = hardware.pp() == 1 ? null : new PipelineSchedule(this, hardware);
        this.computeW = gpu.computeBoundW();
        this.memoryW = gpu.memoryBoundW();
        this.waitingW = gpu.waitingW();
        this.boardW = gpu.hasPower() ? gpu.tdpW() : 0;
    }

    public ReplicaHardware hardware() {
        return hardware;
    }

    /** Seconds of one pass that follows another (a pipeline's stages are already busy). */
    public double timeS(PassShape pass) {
        return timeS(pass, false);
    }

    /**
     * Seconds of one pass; always positive, since the weights are read at least once. {@code pipelineEmpty} when the
     * replica was idle until now: only a pipeline-parallel replica cares (it then fills an empty pipeline).
     */
    public double timeS(PassShape pass, boolean pipelineEmpty) {
        if (pipeline != null) {
            double t = pipeline.timeS(pass, pipelineEmpty);
            meanPowerOfUnpipelined(pass);
            return t;
        }
        operatorJ = 0;
        double gpuS = gpuTimeS(pass, 1.0, 1.0, layers, true);
        double t = withHost(gpuS, hostS(pass));
        lastPassW = meanW(gpuS, t);
        return t;
    }

    /**
     * Mean power of one GPU over the last pass priced by {@link #timeS} or {@link #multiStepTimeS}, watts: each
     * operator's time at the power of what bounds it, the host's visible time at the waiting power. A
     * pipeline-parallel pass takes the mix of the same pass run unpipelined (its bubbles count as active time).
     * 0 when the GPU profile gives no {@code tdp_w}.
     */
    public double lastPassPowerW() {
        return lastPassW;
    }

    /** Power of one GPU while an operator bounded by {@code bound} runs, watts. */
    public double powerW(OperatorTime.Bound bound) {
        return switch (bound) {
            case COMPUTE -> computeW;
            case MEMORY, COMMUNICATION -> memoryW;
            case HOST -> waitingW;
        };
    }

    /** Joules of one GPU for a pass whose operators (priced into {@link #operatorJ}) took {@code gpuS} of {@code t}. */
    private double meanW(double gpuS, double t) {
        return t > 0 ? (operatorJ + waitingW * (t - gpuS)) / t : waitingW;
    }

    private void meanPowerOfUnpipelined(PassShape pass) {
        operatorJ = 0;
        double gpuS = gpuTimeS(pass, 1.0, 1.0, layers, true);
        lastPassW = meanW(gpuS, withHost(gpuS, hostS(pass)));
    }

    /**
     * Seconds of a multi-step decode pass (vLLM V0's {@code num_scheduler_steps}): {@code steps} forward steps of the
     * decoding sequences of {@code first}, each attending to one more token per sequence than the one before, with
     * the host's work done once for all of them.
     */
    public double multiStepTimeS(PassShape first, int steps) {
        long n = first.decodeNewTokens();
        MutableShape step = new MutableShape();
        double gpuS = 0;
        operatorJ = 0;
        for (int j = 0; j < steps; j++) {
            step.set(first.sequences(), first.newTokens(), first.promptTokens(), first.promptPairs(),
                    first.promptKvReadTokens(), first.decodePairs() + j * n, first.decodeKvReadTokens() + j * n,
                    first.sampledTokens());
            gpuS += pipeline != null ? pipeline.timeS(step, false) - hostS(step)
                    : gpuTimeS(step, 1.0, 1.0, layers, true);
        }
        double t = withHost(gpuS, hostS(first));
        if (pipeline != null) {
            meanPowerOfUnpipelined(first);
        } else {
            lastPassW = meanW(gpuS, t);
        }
        return t;
    }

    /** The pass's operators, each with its time and what bounds it; for the catalog, validate and tests. */
    public PassBreakdown breakdown(PassShape pass) {
        if (pipeline != null) {
            return pipeline.breakdown(pass);
        }
        List<OperatorTime> ops = new ArrayList<>();
        addOperators(ops, pass, 1.0, 1.0, layers, true, 1);
        double gpuS = 0;
        for (OperatorTime op : ops) {
            gpuS += op.seconds();
        }
        double hostS = hostS(pass);
        double hidden = overlapHost ? Math.min(gpuS, hostS) : 0;
        ops.add(new OperatorTime("host", hostS - hidden, OperatorTime.Bound.HOST));
        return new PassBreakdown(ops, withHost(gpuS, hostS));
    }

    // ---- the operators, each on its roofline. A pipeline stage prices a micro-batch: 1/m of the pass's tokens
    // ---- (share) over the stage's fraction of the layers; the LM head and embedding belong to one stage each.

    /**
     * GPU seconds of the pass's operators over {@code layerFraction} of the layers, {@code stageLayers} of them:
     * {@code passShare} of the pass, of which the slowest data-parallel rank holds {@code share}.
     */
    double gpuTimeS(PassShape p, double passShare, double layerFraction, int stageLayers, boolean withEnds) {
        double share = passShare * rankShare(p);
        double m = p.newTokens() * share;
        double s = gemmS(m, layerFraction) + expertsS(p.newTokens() * passShare, layerFraction)
                + allToAllS(m, stageLayers) + elementwiseS(m, layerFraction)
                + prefillAttentionS(p.promptTokens() * share, p.promptPairs() * share,
                        p.promptKvReadTokens() * share, p.sequences() * share, layerFraction)
                + decodeAttentionS(p.decodeNewTokens() * share, p.decodePairs() * share, p.decodeKvReadTokens() * share,
                        layerFraction)
                + linearAttentionS(m, p.sequences() * share, layerFraction)
                + allReducesS(m, stageLayers);
        return withEnds ? s + lmHeadS(p.sampledTokens() * share) + embeddingS(m) : s;
    }

    void addOperators(List<OperatorTime> ops, PassShape p, double passShare, double layerFraction, int stageLayers,
            boolean withEnds, int rounds) {
        double share = passShare * rankShare(p);
        double m = p.newTokens() * share;
        add(ops, "GEMMs (QKV, output, MLP)", rounds, gemmComputeS(m, layerFraction), gemmMemoryS(layerFraction));
        if (experts > 0) {
            double all = p.newTokens() * passShare;
            add(ops, "experts", rounds, expertImbalance * expertComputeS(all, layerFraction),
                    expertImbalance * expertMemoryS(all, layerFraction));
        }
        if (allToAll != null) {
            ops.add(new OperatorTime("all-to-all (experts)", rounds * allToAllS(m, stageLayers),
                    OperatorTime.Bound.COMMUNICATION));
        }
        add(ops, "element-wise (norms, rotary, activation)", rounds, 0, elementwiseS(m, layerFraction));
        double pt = p.promptTokens() * share;
        if (pt > 0) {
            double kvRead = p.promptKvReadTokens() * share;
            add(ops, "attention, prompts", rounds,
                    prefillAttentionComputeS(pt, p.promptPairs() * share, layerFraction), attentionMemoryS(pt, kvRead,
                            mix.windowedPromptBytes(pt, kvRead, p.sequences() * share), layerFraction));
        }
        double dt = p.decodeNewTokens() * share;
        if (dt > 0) {
            double kvRead = p.decodeKvReadTokens() * share;
            add(ops, "attention, decodes", rounds, decodeAttentionComputeS(dt, p.decodePairs() * share, layerFraction),
                    attentionMemoryS(dt, kvRead, mix.windowedDecodeBytes(dt, kvRead), layerFraction));
        }
        if (mix.hasLinearLayers()) {
            add(ops, "linear attention", rounds, mix.linearFlops(m) * layerFraction / attentionFlopsPerS,
                    mix.linearBytes(p.sequences() * share) * layerFraction / bytesPerS);
        }
        if (tp > 1) {
            ops.add(new OperatorTime("all-reduce", rounds * allReducesS(m, stageLayers),
                    OperatorTime.Bound.COMMUNICATION));
        }
        if (withEnds) {
            double sampled = p.sampledTokens() * share;
            add(ops, "LM head", 1, sampled * lmHeadFlopsPerToken / lmHeadFlopsPerS, sampled > 0 ? lmHeadBytes
                    / bytesPerS : 0);
            add(ops, "embedding", 1, 0, m * embeddingBytesPerToken / bytesPerS);
        }
    }

    private void add(List<OperatorTime> ops, String name, int rounds, double computeS, double memoryS) {
        double t = rounds * Roofline.timeS(computeS, memoryS, knee);
        ops.add(new OperatorTime(name, t, computeS >= memoryS ? OperatorTime.Bound.COMPUTE
                : OperatorTime.Bound.MEMORY));
    }

    private double gemmS(double m, double f) {
        return timed(gemmComputeS(m, f), gemmMemoryS(f));
    }

    /** An operator's time on its roofline; adds its energy ({@link #operatorJoules}) to {@link #operatorJ}. */
    private double timed(double computeS, double memoryS) {
        double t = Roofline.timeS(computeS, memoryS, knee);
        operatorJ += operatorJoules(t, computeS, memoryS);
        return t;
    }

    /**
     * Energy of one GPU over an operator of {@code t} seconds whose math alone would take {@code computeS} and whose
     * memory traffic alone {@code memoryS} at the achievable rates: the busy GPU's base power (the waiting power)
     * over its time, plus each unit's dynamic energy, which is in proportion to the work it does, so that the
     * tensor cores running flat out add {@code compute_bound_w - waiting_w} and HBM streaming flat out adds
     * {@code memory_bound_w - waiting_w}; at most the board's power over the time. A decode GEMM streaming its
     * weights at batch 1 draws the memory-bound power; at batch 64 its math adds a share of the compute-bound power.
     */
    double operatorJoules(double t, double computeS, double memoryS) {
        double joules = waitingW * t + (computeW - waitingW) * computeS + (memoryW - waitingW) * memoryS;
        return Math.min(joules, boardW * t);
    }

    /**
     * The GEMMs' math: each at its wave efficiency, the share of the GPU's SMs busy over the waves of 128 x 128 output
     * tiles it runs. A GEMM of fewer tiles than SMs (few tokens, or a narrow tensor-parallel shard) is split along K
     * into as many parts as fill the SMs (split-K, at most one part per 256 of K), as cuBLAS and CUTLASS do for such
     * shapes; what remains is the quantization of the last wave.
     */
    private double gemmComputeS(double m, double f) {
        double ideal = m * gemmFlopsPerToken * f / gemmFlopsPerS;
        if (sms == 0 || m <= 0) {
            return ideal;
        }
        double rowTiles = Math.ceil(m / TILE);
        double slowdown = 0;
        for (int g = 0; g < gemmWidths.length; g++) {
            slowdown += gemmShares[g] * waveFactor(rowTiles * Math.ceil(gemmWidths[g] / TILE), gemmMaxSplits[g], sms);
        }
        return ideal * slowdown;
    }

    /**
     * SM-time over useful work of a GEMM of {@code tiles} output tiles on {@code sms} SMs: {@code waves x sms / work},
     * where a GEMM of fewer tiles than SMs runs {@code s = min(sms / tiles, maxSplit)} K-slices per tile.
     */
    static double waveFactor(double tiles, int maxSplit, int sms) {
        double split = tiles >= sms ? 1 : Math.max(1, Math.min(Math.floor(sms / tiles), maxSplit));
        double work = tiles * split;
        return Math.ceil(work / sms) * sms / work;
    }

    /** The smallest slice of K a split-K GEMM gives one SM: two 128-wide K blocks. */
    private static final double MIN_SPLIT_K = 256;

    /** Output tile edge of the GEMM kernels (Hopper and Ampere CUTLASS/cuBLAS tiles are 128 x 128 or multiples). */
    private static final double TILE = 128;

    private double gemmMemoryS(double f) {
        return gemmBytes * f / bytesPerS;
    }

    /** The experts' GEMMs for {@code m} tokens of all ranks, on the slowest GPU of the expert group. */
    private double expertsS(double m, double f) {
        if (experts == 0) {
            return 0;
        }
        // the slowest GPU sets the time; the others wait for it at about the power of the work they did
        double before = operatorJ;
        double t = timed(expertComputeS(m, f), expertMemoryS(m, f));
        operatorJ += (expertImbalance - 1) * (operatorJ - before);
        return expertImbalance * t;
    }

    /** Dispatch and combine of every MoE layer of the stage, for the slowest rank's {@code m} tokens. */
    private double allToAllS(double m, int stageLayers) {
        if (allToAll == null) {
            return 0;
        }
        double t = stageLayers * allToAll.layerTimeS(m);
        operatorJ += t * memoryW; // communication draws the memory-bound power
        return t;
    }

    /** The slowest data-parallel rank's share of the pass (1 without data parallelism). */
    double rankShare(PassShape p) {
        return layout.slowestRankShare(p.sequences());
    }

    private double expertComputeS(double m, double f) {
        return m * expertFlopsPerToken * f / gemmFlopsPerS;
    }

    /** With {@code m} tokens each routed to {@code k} of {@code E} experts, {@code E (1 - (1 - k/E)^m)} are touched. */
    private double expertMemoryS(double m, double f) {
        double touched = experts * (1 - Math.pow(1 - expertsPerToken / experts, m));
        return touched * expertBytesPerExpert * f / bytesPerS;
    }

    private double prefillAttentionS(double tokens, double pairs, double kvRead, double sequences, double f) {
        if (tokens <= 0) {
            return 0;
        }
        return timed(prefillAttentionComputeS(tokens, pairs, f), attentionMemoryS(tokens, kvRead,
                mix.windowedPromptBytes(tokens, kvRead, sequences), f));
    }

    /** A prompt kernel reaches its plateau on long sequences: efficiency x L / (L + half), L the causal length. */
    private double prefillAttentionComputeS(double tokens, double pairs, double f) {
        double causalLength = 2 * pairs / tokens;
        double lengthFactor = causalLength / (causalLength + attentionHalfTokens);
        return (pairs * mix.promptFlopsPerPair() + mix.windowedPromptFlops(tokens, pairs)) * f
                / (attentionFlopsPerS * lengthFactor);
    }

    private double decodeAttentionS(double tokens, double pairs, double kvRead, double f) {
        if (tokens <= 0) {
            return 0;
        }
        return timed(decodeAttentionComputeS(tokens, pairs, f), attentionMemoryS(tokens, kvRead,
                mix.windowedDecodeBytes(tokens, kvRead), f));
    }

    private double decodeAttentionComputeS(double tokens, double pairs, double f) {
        return (pairs * mix.decodeFlopsPerPair() + mix.windowedDecodeFlops(tokens, pairs)) * f / attentionFlopsPerS;
    }

    /**
     * Reading {@code kvRead} tokens' KV and writing the new tokens' KV in the full-attention layers, plus the
     * sliding-window layers' {@code windowedBytes}.
     */
    private double attentionMemoryS(double newTokens, double kvRead, double windowedBytes, double f) {
        return ((kvRead + newTokens) * kvBytesPerToken + windowedBytes) * f / bytesPerS;
    }

    /** Linear-attention layers: the recurrent update of every new token, each sequence's state read and written. */
    private double linearAttentionS(double m, double sequences, double f) {
        if (!mix.hasLinearLayers() || m <= 0) {
            return 0;
        }
        return timed(mix.linearFlops(m) * f / attentionFlopsPerS, mix.linearBytes(sequences) * f / bytesPerS);
    }

    private double lmHeadS(double sampled) {
        if (sampled <= 0) {
            return 0;
        }
        return timed(sampled * lmHeadFlopsPerToken / lmHeadFlopsPerS, lmHeadBytes / bytesPerS);
    }

    /**
     * Activation elements one token's element-wise kernels read and write over all layers, on one GPU: in every layer
     * two fused residual-add-and-RMSNorm kernels (read the input and the residual, write both: 4 h each, on every
     * rank); in softmax-attention layers the rotary embedding of queries and keys (read and write, sharded over tp;
     * only the rotary part of multi-head latent attention); in every MLP the gated activation (read gate and up, write
     * their product: 3 i, sharded; a mixture-of-experts layer runs it for the k routed and the shared experts).
     */
    static double elementwiseElementsPerToken(ModelProfile model, int tp) {
        double h = model.hidden();
        int softmaxLayers = model.layers() - model.linearLayers();
        double rotaryPerLayer = model.mla() != null
                ? 2.0 * (model.heads() + 1.0) * model.mla().qkRopeHeadDim() / tp
                : 2.0 * (model.heads() + model.kvHeads()) * model.headDim() / tp;
        int moeLayers = model.moeLayers();
        double expertsRun = model.isMixtureOfExperts() ? model.expertsPerToken()
                + (model.sharedExperts() == null ? 0 : model.sharedExperts()) : 0;
        double activation = 3.0 * ((model.layers() - moeLayers) * (double) model.intermediate()
                + moeLayers * expertsRun * model.expertIntermediate()) / tp;
        return 8 * h * model.layers() + rotaryPerLayer * softmaxLayers + activation;
    }

    private double elementwiseS(double m, double f) {
        double t = m * elementwiseBytesPerToken * f / bytesPerS;
        operatorJ += t * memoryW;
        return t;
    }

    private double embeddingS(double m) {
        double t = m * embeddingBytesPerToken / bytesPerS;
        operatorJ += t * memoryW;
        return t;
    }

    /** Two all-reduces of the activations per layer over {@code stageLayers} layers; none without tp. */
    double allReducesS(double m, int stageLayers) {
        if (tp == 1) {
            return 0;
        }
        double t = 2.0 * stageLayers * allReduce.timeS(m * allReduceBytesPerToken, tp);
        operatorJ += t * memoryW;
        return t;
    }

    /** Host time of one pass: per pass, per layer, per sequence and per new token. */
    double hostS(PassShape p) {
        double share = rankShare(p);
        return iterationOverheadS + layerOverheadS + share * (perSequenceOverheadS * p.sequences()
                + perTokenOverheadS * p.newTokens());
    }

    /** GPU and host time: in sequence, or overlapped where the engine prepares the next pass during this one. */
    double withHost(double gpuS, double hostS) {
        return overlapHost ? Math.max(gpuS, hostS) : gpuS + hostS;
    }
}
