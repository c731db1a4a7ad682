package org.llmsim.passtime;

import java.util.ArrayList;
import java.util.List;

import org.llmsim.hardware.GpuProfile;
import org.llmsim.hardware.ReplicaHardware;

/**
 * The time of one forward pass of a pipeline-parallel replica: {@code p} stages of {@code tp} GPUs, each holding
 * {@code ceil(L / p)} layers or fewer, activations handed from stage to stage over the GPU interconnect (NVLink
 * between stages in one domain, the inter-node network for the hops that cross domains:
 * {@link org.llmsim.hardware.ParallelLayout#stageHopsAcrossDomains}). With data parallelism each rank runs its own
 * pipeline over its share of the pass's sequences.
 *
 * <p>How a pass is split: its sequences go into {@code m = min(p, sequences)} micro-batches of equal shape (1/m of the
 * tokens, attention pairs and KV of the pass each), as vLLM keeps {@code pipeline_parallel_size} batches in flight.
 * A stage spends {@code t_s} on one micro-batch: its layers' operators (weights read once per micro-batch, the
 * micro-batch's KV of its layers, its own all-reduces). The LM head and the embedding run once per pass on the last
 * and first stage. Crossing a stage boundary costs
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
    private final PassCostModel model;
    private final int pp;
    private final int stageLayers;
    private final double fraction;
    private final double activationBytesPerToken;
    private final double linkBytesPerS;
    private final double linkLatencyS;
    private final int networkHops;
    private final double networkBytesPerS;
    private final double networkLatencyS;

    PipelineSchedule(PassCostModel model, ReplicaHardware hardware) {
        this.model = model;
        this.pp = hardware.pp();
        this.stageLayers = hardware.stageLayers();
        this.fraction = hardware.stageFraction();
        this.activationBytesPerToken = 2.0 * hardware.model().hidden(); // 16-bit hidden states
        GpuProfile gpu = hardware.gpu();
        this.linkBytesPerS = gpu.interconnectBytesPerS();
        this.linkLatencyS = gpu.interconnectLatencyS();
        this.networkHops = gpu.hasNetwork() ? hardware.layout().stageHopsAcrossDomains() : 0;
        this.networkBytesPerS = gpu.networkBytesPerS();
        this.networkLatencyS = gpu.networkLatencyS();
    }

    /** Micro-batches a pass is split into: those of its slowest data-parallel rank's sequences. */
    int microBatches(PassShape pass) {
        int rankSequences = (int) Math.round(pass.sequences() * model.rankShare(pass));
        return Math.max(1, Math.min(pp, rankSequences));
    }

    /** Stage rounds on the critical path of a pass of {@code m} micro-batches. */
    private int rounds(int m, boolean pipelineEmpty) {
        return pipelineEmpty ? m + pp - 1 : pp;
    }

    private double transfersS(PassShape pass, int m) {
        double bytes = pass.newTokens() * model.rankShare(pass) / m * activationBytesPerToken;
        return (pp - 1 - networkHops) * (bytes / linkBytesPerS + linkLatencyS)
                + networkHops * (bytes / networkBytesPerS + networkLatencyS);
    }

    double timeS(PassShape pass, boolean pipelineEmpty) {
        int m = microBatches(pass);
        double share = 1.0 / m;
        double stageS = model.gpuTimeS(pass, share, fraction, stageLayers, false);
        double endsS = model.gpuTimeS(pass, 1.0, 0, 0, true);
        double gpuS = rounds(m, pipelineEmpty) * stageS + endsS + transfersS(pass, m);
        return model.withHost(gpuS, model.hostS(pass));
    }

    /** The pass that follows another, operator by operator, each summed over the stage rounds on the critical path. */
    PassBreakdown breakdown(PassShape pass) {
        int m = microBatches(pass);
        List<OperatorTime> ops = new ArrayList<>();
        model.addOperators(ops, pass, 1.0 / m, fraction, stageLayers, false, rounds(m, false));
        List<OperatorTime> ends = new ArrayList<>();
        model.addOperators(ends, pass, 1.0, 0, 0, true, 0);
        for (OperatorTime op : ends) {
            if (op.seconds() > 0) {
                ops.add(op);
            }
        }
        ops.add(new OperatorTime("stage transfers", transfersS(pass, m), OperatorTime.Bound.COMMUNICATION));
        double gpuS = 0;
        for (OperatorTime op : ops) {
            gpuS += op.seconds();
        }
        double hostS = model.hostS(pass);
        ops.add(new OperatorTime("host", model.withHost(gpuS, hostS) - gpuS, OperatorTime.Bound.HOST));
        return new PassBreakdown(ops, model.withHost(gpuS, hostS));
    }
}
