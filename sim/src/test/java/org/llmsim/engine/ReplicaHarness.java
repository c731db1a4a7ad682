package org.llmsim.engine;

import java.util.ArrayList;
import java.util.List;

import org.llmsim.hardware.Dtype;
import org.llmsim.hardware.GpuProfile;
import org.llmsim.hardware.MemoryPlan;
import org.llmsim.hardware.ReplicaHardware;
import org.llmsim.passtime.PassCostModel;
import org.llmsim.kernel.DsolKernel;
import org.llmsim.kernel.EventPriority;
import org.llmsim.metrics.LatencyHistogram;
import org.llmsim.request.Request;
import org.llmsim.testing.TestScenarios;

/**
 * One replica on a real event kernel, fed with hand-made requests at given times, recording everything the engine
 * reports. For tests that need exact control of arrivals, priorities and KV capacity.
 */
final class ReplicaHarness implements EngineListener {
    final List<Request> finished = new ArrayList<>();
    final List<Request> preempted = new ArrayList<>();
    final List<PreemptionMode> preemptionModes = new ArrayList<>();
    final LatencyHistogram itl = new LatencyHistogram();
    int swapSpaceFull;
    double swapS;
    double swappedBytes;
    double recomputeS;
    long recomputeTokens;
    long prefixQueried;
    long prefixHits;
    private final List<Request> arrivals = new ArrayList<>();
    private final PassCostModel cost;
    private final SchedulerConfig config;
    private final int kvBlocks;

    /**
     * @param gpu      a GPU profile
     * @param model    a model profile id
     * @param config   scheduler knobs
     * @param kvBlocks KV blocks of the replica (0: as many as the memory plan gives)
     */
    ReplicaHarness(GpuProfile gpu, String model, SchedulerConfig config, int kvBlocks) {
        ReplicaHardware hw = new ReplicaHardware(gpu, TestScenarios.model(model), 1, Dtype.BF16, Dtype.BF16);
        this.cost = new PassCostModel(hw);
        this.config = config;
        this.kvBlocks = kvBlocks > 0 ? kvBlocks
                : MemoryPlan.of(hw, 0.9, config.maxBatchedTokens(), config.maxBatchSize(), config.blockSize())
                        .kvBlocks();
    }

    ReplicaHarness(String gpu, String model, SchedulerConfig config, int kvBlocks) {
        this(TestScenarios.gpu(gpu), model, config, kvBlocks);
    }

    PassCostModel cost() {
        return cost;
    }

    /** Adds a request arriving at its {@code arrivalS}. */
    ReplicaHarness submit(Request r) {
        arrivals.add(r);
        return this;
    }

    /** Runs until every request is done (or {@code horizonS}). */
    ReplicaHarness run(double horizonS) {
        DsolKernel kernel = new DsolKernel();
        MemoryPlan memory = new MemoryPlan(0, 0, 0, 0, 0, 0, config.blockSize(), kvBlocks);
        Replica replica = new Replica(0, "test", kernel, cost, memory, config, this, SpeculativeDecoding.NONE);
        kernel.run(horizonS, () -> {
            for (Request r : arrivals) {
                kernel.at(r.arrivalS(), EventPriority.ARRIVAL, () -> replica.submit(r));
            }
        });
        return this;
    }

    Request finishedById(long id) {
        return finished.stream().filter(r -> r.id() == id).findFirst().orElseThrow();
    }

    @Override
    public void onFinished(Request request, double timeS) {
        finished.add(request);
    }

    @Override
    public void onRejected(Request request, double timeS) {
        throw new AssertionError("rejected " + request.id() + ": " + request.rejectReason());
    }

    @Override
    public void onPreempted(Request request, double timeS, PreemptionMode mode, boolean swapSpaceWasFull) {
        preempted.add(request);
        preemptionModes.add(mode);
        swapSpaceFull += swapSpaceWasFull ? 1 : 0;
    }

    @Override
    public void onIteration(int replica, double startS, double endS, int sequences, long newTokens,
            int outputTokens, int usedBlocks, int totalBlocks) {
    }

    @Override
    public void onTokenGaps(double gapS, long count) {
        itl.record(gapS, count);
    }

    @Override
    public void onPrefixCacheLookup(Request request, long queriedTokens, long hitTokens, boolean firstTime) {
        prefixQueried += queriedTokens;
        prefixHits += hitTokens;
    }

    @Override
    public void onPreemptionCost(int replica, double swapTimeS, double bytes, double recomputeTimeS, long tokens) {
        swapS += swapTimeS;
        swappedBytes += bytes;
        recomputeS += recomputeTimeS;
        recomputeTokens += tokens;
    }
}
