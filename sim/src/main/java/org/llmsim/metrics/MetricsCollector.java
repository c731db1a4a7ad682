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
 * Listens to the engine and keeps the statistics of a run in bounded memory, overall and per request class.
 *
 * <p>Per-request tallies (TTFT, TPOT, E2E, queueing) cover requests that arrived inside the measurement window.
 * Throughput and goodput count completions that happened inside it. Per-replica measures (busy time, KV occupancy)
 * integrate each forward pass over its overlap with the window; batch size is averaged over passes that started
 * inside it. A request meets the SLO of its own class; rejections are counted by reason. Inter-token latency and
 * prefix cache hits cover the tokens of measured requests (the engine asks {@link #measures}); preemptions and their
 * costs cover the whole run.
 */
public final class MetricsCollector implements EngineListener {
    private final RunResult.Window window;
    private final SloSpec slo;
    private final RequestSink sink;
    private final List<ClassDef> classDefs;

    /** All requests; the same object as the only class's tally when there is one class. */
    private final ClassTally total;
    private final ClassTally[] byClass;
    private long preemptions;
    /** Requests handed to the sink: each arrived request exactly once, when its fate is final. */
    private long settled;
    private final LatencyHistogram itl = new LatencyHistogram();

    // measured requests that completed, as vllm bench serve counts them
    private long measuredCompleted;
    private long measuredGood;
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

    // speculative decoding, passes starting inside the window
    private long speculativeSequenceSteps;
    private long speculativeTokens;
    private long speculativeProposed;
    private double draftS;
    private double speculativePassS;

    // KV handed from prefill to decode replicas, whole run
    private long kvTransfers;
    private double kvTransferBytes;
    private double kvTransferS;
    private double kvTransferMaxS;

    // per pool, when there are several (null otherwise: the totals are the one pool's)
    private int[] poolOfReplica;
    private PoolTally[] byPool;

    /** How long each pool was paid for; set when the result is built. */
    private ProvisionedTime provisioned = ProvisionedTime.fixed(0);

    // per replica, inside the window
    private final double[] busyS;
    private final double[] kvBlockFractionS;
    private final long[] passes;
    private final long[] sequencesInPasses;
    private final long[] completedByReplica;

    /**
     * A request class as the metrics see it.
     *
     * @param name     class name in outputs
     * @param priority its scheduling priority
     * @param slo      its objectives
     */
    public record ClassDef(String name, int priority, SloSpec slo) {
    }

    /**
     * @param slo     the workload's objectives (reported as the overall targets)
     * @param classes the request classes, indexed by {@link Request#classIndex()}
     */
    public MetricsCollector(RunResult.Window window, SloSpec slo, List<ClassDef> classes, int replicas,
            RequestSink sink) {
        this.window = window;
        this.slo = slo;
        this.sink = sink;
        this.classDefs = List.copyOf(classes);
        this.byClass = new ClassTally[classes.size()];
        for (int i = 0; i < byClass.length; i++) {
            byClass[i] = new ClassTally();
        }
        this.total = byClass.length == 1 ? byClass[0] : new ClassTally();
        this.busyS = new double[replicas];
        this.kvBlockFractionS = new double[replicas];
        this.passes = new long[replicas];
        this.sequencesInPasses = new long[replicas];
        this.completedByReplica = new long[replicas];
    }

    /** A collector for a workload of one class with objectives {@code slo}. */
    public MetricsCollector(RunResult.Window window, SloSpec slo, int replicas, RequestSink sink) {
        this(window, slo, List.of(new ClassDef("default", 0, slo)), replicas, sink);
    }

    /**
     * Keeps latencies per pool too, when there is more than one: {@code poolOfReplica[i]} is the pool of replica
     * {@code i}.
     */
    public void trackPools(int[] poolOfReplica, int pools) {
        if (pools > 1) {
            this.poolOfReplica = poolOfReplica.clone();
            this.byPool = new PoolTally[pools];
            for (int i = 0; i < pools; i++) {
                byPool[i] = new PoolTally();
            }
        }
    }

    /** A request arrived (before ingress limits and routing). */
    public void onArrival(Request request) {
        boolean measured = window.contains(request.arrivalS());
        boolean deadline = classDefs.get(request.classIndex()).slo().deadlineS() != null;
        byClass[request.classIndex()].arrival(measured, deadline);
        if (total != byClass[request.classIndex()]) {
            total.arrival(measured, deadline);
        }
    }

    @Override
    public void onFinished(Request r, double timeS) {
        if (r.replica() >= 0) {
            completedByReplica[r.replica()]++;
        }
        SloSpec classSlo = classDefs.get(r.classIndex()).slo();
        boolean good = SloCheck.meets(classSlo, r);
        boolean inDeadline = classSlo.deadlineS() != null && SloCheck.meetsDeadline(classSlo, r);
        boolean measured = window.contains(r.arrivalS());
        boolean inWindow = window.contains(timeS);
        ClassTally tally = byClass[r.classIndex()];
        tally.finished(r, measured, inWindow, good, inDeadline);
        if (total != tally) {
            total.finished(r, measured, inWindow, good, inDeadline);
        }
        if (measured && byPool != null && r.replica() >= 0) {
            byPool[poolOfReplica[r.replica()]].finished(r);
        }
        if (measured) {
            measuredCompleted++;
            measuredGood += good ? 1 : 0;
            measuredInputTokens += r.inputTokens();
            measuredOutputTokens += r.outputTokens();
            measuredLastFinishS = Double.isNaN(measuredLastFinishS) ? timeS : Math.max(measuredLastFinishS, timeS);
        }
        settle(r);
    }

    /** The request was refused (by a replica, an ingress limit or the admission timeout); its reason is set. */
    @Override
    public void onRejected(Request r, double timeS) {
        ClassTally tally = byClass[r.classIndex()];
        tally.rejected(r.rejectReason());
        if (total != tally) {
            total.rejected(r.rejectReason());
        }
        settle(r);
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
    public void onSpeculativePass(int replica, double startS, int decodes, int acceptedTokens, int k, double draftTimeS,
            double passS) {
        if (!window.contains(startS)) {
            return;
        }
        speculativeSequenceSteps += decodes;
        speculativeTokens += (long) decodes * acceptedTokens;
        speculativeProposed += (long) decodes * k;
        draftS += draftTimeS;
        speculativePassS += passS;
    }

    @Override
    public void onKvTransfer(Request r, double bytes, double transferS) {
        kvTransfers++;
        kvTransferBytes += bytes;
        kvTransferS += transferS;
        kvTransferMaxS = Math.max(kvTransferMaxS, transferS);
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

    /**
     * The request failed (its reason set): lost while being served (a crash whose fault loses what the replica held)
     * or its model calls failed after every retry and fallback. It counts against the SLO like a rejection.
     */
    @Override
    public void onFailed(Request r, double timeS) {
        ClassTally tally = byClass[r.classIndex()];
        tally.failed(r.failReason());
        if (total != tally) {
            total.failed(r.failReason());
        }
        settle(r);
    }

    /** A request was still queued or running when the run stopped. */
    public void onUnfinished(Request r) {
        r.markUnfinished();
        ClassTally tally = byClass[r.classIndex()];
        tally.unfinished();
        if (total != tally) {
            total.unfinished();
        }
        settle(r);
    }

    private void settle(Request r) {
        settled++;
        sink.accept(r);
    }

    /**
     * Checks that every arrived request ended exactly once: completed, rejected, failed or unfinished, each handed
     * to the sink once. A violation is a defect of the simulator, never a property of the input.
     *
     * @throws IllegalStateException if a request was lost or counted twice
     */
    public void checkConservation() {
        long ended = total.completed + total.rejected + total.failed + total.unfinished;
        if (ended != total.arrived || settled != total.arrived) {
            throw new IllegalStateException("request conservation violated: arrived " + total.arrived
                    + " but completed " + total.completed + " + rejected " + total.rejected + " + failed "
                    + total.failed + " + unfinished " + total.unfinished + " = " + ended + ", and " + settled
                    + " requests written to the request log");
        }
    }

    /** Builds the result of the run, every pool provisioned for the whole simulated span. */
    public RunResult result(Scenario scenario, RunResult.SimStats sim) {
        return result(scenario, sim, ProvisionedTime.fixed(sim.simulatedS()));
    }

    /**
     * Builds the result of the run; {@code provisioned} says how long each pool was paid for (an autoscaled pool's
     * utilization is over its replicas' provisioned time).
     */
    public RunResult result(Scenario scenario, RunResult.SimStats sim, ProvisionedTime provisioned) {
        checkConservation();
        this.provisioned = provisioned;
        double windowS = window.lengthS();
        RunResult.Throughput throughput = total.throughput(windowS);
        RunResult.SloResult sloResult = total.slo(slo, windowS);
        RunResult.Cost cost = CostCalculator.compute(scenario, provisioned, throughput, 0.0, 0.0, 0.0);

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
            RunResult.PoolLatency latency = byPool != null ? byPool[pools.size()].summary()
                    : new RunResult.PoolLatency(total.ttft.summary(), total.tpot.summary(), total.e2e.summary());
            pools.add(new RunResult.PoolResult(pool.name(), pool.hardware().gpu().id(), pool.hardware().model().id(),
                    pool.replicas(), pool.hardware().tp(), pool.hardware().weightDtype().yamlName(),
                    pool.hardware().kvDtype().yamlName(), pool.scheduler().policy().yamlName(),
                    pool.memory().kvBlocks(), pool.memory().kvTokens(),
                    provisioned.poolUsdPerHour(pools.size(), pool), poolCompleted,
                    utilization(first, last, windowS), pool.scheduler().order().yamlName(),
                    pool.scheduler().prefixCaching(), pool.scheduler().preemption().yamlName(), layout(pool), latency));
            first = last;
        }
        List<RunResult.ClassResult> classes = new ArrayList<>();
        for (int i = 0; i < byClass.length; i++) {
            ClassDef def = classDefs.get(i);
            ClassTally t = byClass[i];
            classes.add(new RunResult.ClassResult(def.name(), def.priority(), t.counts(), t.ttft.summary(),
                    t.tpot.summary(), t.e2e.summary(), t.queue.summary(), t.throughput(windowS),
                    t.slo(def.slo(), windowS)));
        }
        return new RunResult(scenario.name(), scenario.seed(), window, total.counts(), total.ttft.summary(),
                total.tpot.summary(), total.e2e.summary(), total.queue.summary(), throughput, sloResult, cost,
                utilization(0, busyS.length, windowS), preemptions, List.copyOf(pools), List.copyOf(replicas), sim,
                RunResult.TimeSeries.EMPTY, List.copyOf(classes), itl.summary(),
                new RunResult.PreemptionResult(recomputePreemptions, swapPreemptions, swapSpaceFull, swappedBytes,
                        swapS, recomputeTokens, recomputeS),
                new RunResult.PrefixCacheResult(CostCalculator.ratio(prefixHitTokens, prefixQueriedTokens),
                        CostCalculator.ratio(prefixRequestsHit, prefixLookups), prefillTokensSaved, prefixLookups,
                        prefixQueriedTokens, prefixHitTokens, prefixRequestsHit),
                new RunResult.MeasuredRequests(measuredCompleted, measuredGood, measuredInputTokens,
                        measuredOutputTokens, measuredLastFinishS),
                speculativeResult(scenario), kvTransfers == 0 ? RunResult.KvTransferResult.NONE
                        : new RunResult.KvTransferResult(kvTransfers, kvTransferBytes, kvTransferS / kvTransfers,
                                kvTransferMaxS));
    }

    private RunResult.SpeculativeResult speculativeResult(Scenario scenario) {
        boolean used = scenario.pools().stream().anyMatch(p -> p.spec().speculative() != null);
        if (!used) {
            return RunResult.SpeculativeResult.NONE;
        }
        return new RunResult.SpeculativeResult(speculativeSequenceSteps,
                CostCalculator.ratio(speculativeTokens, speculativeSequenceSteps),
                CostCalculator.ratio(speculativeTokens - speculativeSequenceSteps, speculativeProposed),
                CostCalculator.ratio(draftS, speculativePassS), speculativeTokens, speculativeProposed, draftS,
                speculativePassS);
    }

    private static RunResult.PoolLayout layout(PoolPlan pool) {
        var spec = pool.spec();
        var speculative = spec.speculative();
        var split = spec.disaggregated();
        return new RunResult.PoolLayout(pool.hardware().pp(), pool.hardware().gpus(),
                speculative == null ? null : pool.hardware().draft().id(), speculative == null ? 0 : speculative.k(),
                speculative == null ? Double.NaN : speculative.acceptance(),
                split == null ? 0 : split.prefillReplicas(), split == null ? 0 : split.decodeReplicas(),
                split == null ? null : split.kvLink().yamlName());
    }

    /**
     * Utilization averaged over replicas {@code [from, to)}: over the whole window for fixed pools, over the time
     * each replica was provisioned when some pool autoscales.
     */
    private RunResult.Utilization utilization(int from, int to, double windowS) {
        double busy = 0;
        double kv = 0;
        long passCount = 0;
        long sequenceCount = 0;
        double provisionedS = 0;
        for (int i = from; i < to; i++) {
            busy += busyS[i];
            kv += kvBlockFractionS[i];
            passCount += passes[i];
            sequenceCount += sequencesInPasses[i];
            provisionedS += provisioned.dynamic() ? provisioned.replicaWindowS(i) : 0;
        }
        double replicaS = provisioned.dynamic() ? provisionedS : (to - from) * windowS;
        double batch = passCount == 0 ? 0 : (double) sequenceCount / passCount;
        if (!(replicaS > 0)) {
            return new RunResult.Utilization(0, batch, 0, 0, passCount);
        }
        return new RunResult.Utilization(kv / replicaS, batch, busy / replicaS, replicaS, passCount);
    }

    public long arrived() {
        return total.arrived;
    }

    public long completed() {
        return total.completed;
    }
}
