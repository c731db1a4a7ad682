package org.llmsim.metrics;

import java.util.ArrayList;
import java.util.List;

import org.llmsim.engine.EngineListener;
import org.llmsim.engine.PreemptionMode;
import org.llmsim.request.Request;
import org.llmsim.scenario.PoolPlan;
import org.llmsim.scenario.Scenario;
import org.llmsim.scenario.SloSpec;

/**
 * Listens to the engine and keeps the statistics of a run in bounded memory.
 *
 * <p>Per-request tallies (TTFT, TPOT, E2E, queueing) cover requests that arrived inside the measurement window.
 * Throughput and goodput count completions that happened inside it. Per-replica measures (busy time, KV occupancy)
 * integrate each forward pass over its overlap with the window; batch size is averaged over passes that started
 * inside it. Inter-token latency and prefix cache hits cover the tokens of measured requests (the engine asks
 * {@link #measures}); preemptions and their costs cover the whole run.
 */
public final class MetricsCollector implements EngineListener {
    private final RunResult.Window window;
    private final SloSpec slo;
    private final RequestSink sink;

    private final LatencyHistogram ttft = new LatencyHistogram();
    private final LatencyHistogram tpot = new LatencyHistogram();
    private final LatencyHistogram e2e = new LatencyHistogram();
    private final LatencyHistogram queue = new LatencyHistogram();
    private final LatencyHistogram itl = new LatencyHistogram();

    private long arrived;
    private long measured;
    private long completed;
    private long rejected;
    private long unfinished;
    private long preemptions;
    private long measuredMeetingSlo;
    private long completedInWindow;
    private long goodInWindow;
    private long inputTokensInWindow;
    private long outputTokensInWindow;
    private long measuredCompleted;
    private long measuredInputTokens;
    private long measuredOutputTokens;
    private double measuredLastFinishS = Double.NaN;

    // preemptions over the whole run
    private long recomputePreemptions;
    private long swapPreemptions;
    private long swapSpaceFull;
    private double swappedBytes;
    private double swapS;
    private long recomputeTokens;
    private double recomputeS;

    // prefix cache, measured requests
    private long prefixLookups;
    private long prefixRequestsHit;
    private long prefixQueriedTokens;
    private long prefixHitTokens;
    private long prefillTokensSaved;

    // per replica, inside the window
    private final double[] busyS;
    private final double[] kvBlockFractionS;
    private final long[] passes;
    private final long[] sequencesInPasses;
    private final long[] completedByReplica;

    public MetricsCollector(RunResult.Window window, SloSpec slo, int replicas, RequestSink sink) {
        this.window = window;
        this.slo = slo;
        this.sink = sink;
        this.busyS = new double[replicas];
        this.kvBlockFractionS = new double[replicas];
        this.passes = new long[replicas];
        this.sequencesInPasses = new long[replicas];
        this.completedByReplica = new long[replicas];
    }

    /** A request arrived (before routing). */
    public void onArrival(Request request) {
        arrived++;
        if (window.contains(request.arrivalS())) {
            measured++;
        }
    }

    @Override
    public void onFinished(Request r, double timeS) {
        completed++;
        if (r.replica() >= 0) {
            completedByReplica[r.replica()]++;
        }
        boolean good = SloCheck.meets(slo, r);
        if (window.contains(r.arrivalS())) {
            ttft.record(r.ttftS());
            tpot.record(r.tpotS());
            e2e.record(r.e2eS());
            queue.record(r.queueS());
            if (good) {
                measuredMeetingSlo++;
            }
            measuredCompleted++;
            measuredInputTokens += r.inputTokens();
            measuredOutputTokens += r.outputTokens();
            measuredLastFinishS = Double.isNaN(measuredLastFinishS) ? timeS : Math.max(measuredLastFinishS, timeS);
        }
        if (window.contains(timeS)) {
            completedInWindow++;
            inputTokensInWindow += r.inputTokens();
            outputTokensInWindow += r.outputTokens();
            if (good) {
                goodInWindow++;
            }
        }
        sink.accept(r);
    }

    @Override
    public void onRejected(Request r, double timeS) {
        rejected++;
        sink.accept(r);
    }

    @Override
    public void onPreempted(Request r, double timeS, PreemptionMode mode, boolean swapSpaceWasFull) {
        preemptions++;
        if (mode == PreemptionMode.SWAP) {
            swapPreemptions++;
        } else {
            recomputePreemptions++;
        }
        if (swapSpaceWasFull) {
            swapSpaceFull++;
        }
    }

    @Override
    public boolean measures(Request r) {
        return window.contains(r.arrivalS());
    }

    @Override
    public void onTokenGaps(double gapS, long count) {
        itl.record(gapS, count);
    }

    @Override
    public void onPrefixCacheLookup(Request r, long queriedTokens, long hitTokens, boolean firstTime) {
        prefillTokensSaved += hitTokens;
        if (firstTime) {
            prefixLookups++;
            prefixQueriedTokens += queriedTokens;
            prefixHitTokens += hitTokens;
            if (hitTokens > 0) {
                prefixRequestsHit++;
            }
        }
    }

    @Override
    public void onPreemptionCost(int replica, double swapTimeS, double bytes, double recomputeTimeS, long tokens) {
        swapS += swapTimeS;
        swappedBytes += bytes;
        recomputeS += recomputeTimeS;
        recomputeTokens += tokens;
    }

    @Override
    public void onIteration(int replica, double startS, double endS, int sequences, long newTokens, int outputTokens,
            int usedBlocks, int totalBlocks) {
        double inWindow = window.overlapS(startS, endS);
        if (inWindow > 0) {
            busyS[replica] += inWindow;
            kvBlockFractionS[replica] += inWindow * usedBlocks / totalBlocks;
        }
        if (window.contains(startS)) {
            passes[replica]++;
            sequencesInPasses[replica] += sequences;
        }
    }

    /** A request was still queued or running when the run stopped. */
    public void onUnfinished(Request r) {
        r.markUnfinished();
        unfinished++;
        sink.accept(r);
    }

    /** Builds the result of the run. */
    public RunResult result(Scenario scenario, RunResult.SimStats sim) {
        double windowS = window.lengthS();
        RunResult.Throughput throughput = new RunResult.Throughput(completedInWindow / windowS,
                inputTokensInWindow / windowS, outputTokensInWindow / windowS);
        RunResult.SloResult sloResult = new RunResult.SloResult(slo.ttftS(), slo.tpotS(), slo.e2eS(),
                measured == 0 ? Double.NaN : (double) measuredMeetingSlo / measured, goodInWindow / windowS);
        RunResult.Cost cost = CostCalculator.compute(scenario, sim.simulatedS(), throughput, 0.0);

        List<RunResult.ReplicaResult> replicas = new ArrayList<>();
        List<RunResult.PoolResult> pools = new ArrayList<>();
        int first = 0;
        for (PoolPlan pool : scenario.pools()) {
            int last = first + pool.replicas();
            long poolCompleted = 0;
            for (int i = first; i < last; i++) {
                poolCompleted += completedByReplica[i];
                replicas.add(new RunResult.ReplicaResult(i, pool.name(), completedByReplica[i], passes[i],
                        utilization(i, i + 1, windowS)));
            }
            pools.add(new RunResult.PoolResult(pool.name(), pool.hardware().gpu().id(), pool.hardware().model().id(),
                    pool.replicas(), pool.hardware().tp(), pool.hardware().weightDtype().yamlName(),
                    pool.hardware().kvDtype().yamlName(), pool.scheduler().policy().yamlName(),
                    pool.memory().kvBlocks(), pool.memory().kvTokens(), pool.usdPerHour(), poolCompleted,
                    utilization(first, last, windowS), pool.scheduler().order().yamlName(),
                    pool.scheduler().prefixCaching(), pool.scheduler().preemption().yamlName()));
            first = last;
        }
        return new RunResult(scenario.name(), scenario.seed(), window,
                new RunResult.RequestCounts(arrived, completed, rejected, unfinished, measured),
                ttft.summary(), tpot.summary(), e2e.summary(), queue.summary(), throughput, sloResult, cost,
                utilization(0, busyS.length, windowS), preemptions, List.copyOf(pools), List.copyOf(replicas), sim,
                RunResult.TimeSeries.EMPTY, itl.summary(),
                new RunResult.PreemptionResult(recomputePreemptions, swapPreemptions, swapSpaceFull, swappedBytes, swapS,
                        recomputeTokens, recomputeS),
                new RunResult.PrefixCacheResult(CostCalculator.ratio(prefixHitTokens, prefixQueriedTokens),
                        CostCalculator.ratio(prefixRequestsHit, prefixLookups), prefillTokensSaved, prefixLookups),
                new RunResult.MeasuredRequests(measuredCompleted, measuredMeetingSlo, measuredInputTokens,
                        measuredOutputTokens, measuredLastFinishS));
    }

    /** Utilization averaged over replicas {@code [from, to)}. */
    private RunResult.Utilization utilization(int from, int to, double windowS) {
        double busy = 0;
        double kv = 0;
        long passCount = 0;
        long sequenceCount = 0;
        for (int i = from; i < to; i++) {
            busy += busyS[i];
            kv += kvBlockFractionS[i];
            passCount += passes[i];
            sequenceCount += sequencesInPasses[i];
        }
        int n = to - from;
        return new RunResult.Utilization(kv / (n * windowS), passCount == 0 ? 0 : (double) sequenceCount / passCount,
                busy / (n * windowS));
    }

    public long arrived() {
        return arrived;
    }

    public long completed() {
        return completed;
    }
}
