package org.llmsim.metrics;

import java.util.List;

import org.llmsim.engine.EngineListener;
import org.llmsim.engine.PreemptionMode;
import org.llmsim.request.Request;
import org.llmsim.scenario.Scenario;
import org.llmsim.scenario.SloSpec;

/**
 * Listens to the engine and hands each event to the probe of its feature, each of which keeps its statistics in
 * bounded memory over its own window (stated in its class comment):
 * <ul>
 *   <li>{@link RequestProbe} - counts, latencies, throughput and SLO attainment, overall, per class and per pool;</li>
 *   <li>{@link ReplicaProbe} - busy time, KV occupancy and batch sizes per replica;</li>
 *   <li>{@link ItlProbe}, {@link PreemptionProbe}, {@link PrefixCacheProbe}, {@link SpeculativeProbe},
 *       {@link KvTransferProbe} - one optional {@link Section} of the result each.</li>
 * </ul>
 * Probes are final classes held in final fields, so the engine's hot path (a pass, a finished request) reaches their
 * primitive counters without allocation or virtual dispatch. The collector also hands every request whose fate is
 * final to the {@link RequestSink} and checks that none is lost or counted twice.
 */
public final class MetricsCollector implements EngineListener {
    private final RunResult.Window window;
    private final SloSpec slo;
    private final RequestSink sink;
    private final RequestProbe requests;
    private final ReplicaProbe replicas;
    private final ItlProbe itl = new ItlProbe();
    private final PreemptionProbe preemption = new PreemptionProbe();
    private final PrefixCacheProbe prefixCache = new PrefixCacheProbe();
    private final SpeculativeProbe speculative;
    private final KvTransferProbe kvTransfer = new KvTransferProbe();
    /** Requests handed to the sink: each arrived request exactly once, when its fate is final. */
    private long settled;

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
        this.requests = new RequestProbe(window, classes);
        this.replicas = new ReplicaProbe(window, replicas);
        this.speculative = new SpeculativeProbe(window);
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
        requests.trackPools(poolOfReplica, pools);
    }

    /** A request arrived (before ingress limits and routing). */
    public void onArrival(Request request) {
        requests.arrival(request);
    }

    @Override
    public void onFinished(Request r, double timeS) {
        if (r.replica() >= 0) {
            replicas.finished(r.replica(), timeS);
        }
        requests.finished(r, timeS);
        settle(r);
    }

    /** The request was refused (by a replica, an ingress limit or the admission timeout); its reason is set. */
    @Override
    public void onRejected(Request r, double timeS) {
        requests.rejected(r);
        settle(r);
    }

    /**
     * The request failed (its reason set): lost while being served (a crash whose fault loses what the replica held)
     * or its model calls failed after every retry and fallback. It counts against the SLO like a rejection.
     */
    @Override
    public void onFailed(Request r, double timeS) {
        requests.failed(r);
        settle(r);
    }

    /** A request was still queued or running when the run stopped. */
    public void onUnfinished(Request r) {
        r.markUnfinished();
        requests.unfinished(r);
        settle(r);
    }

    @Override
    public void onPreempted(Request r, double timeS, PreemptionMode mode, boolean swapSpaceWasFull) {
        preemption.preempted(mode, swapSpaceWasFull);
    }

    @Override
    public void onPreemptionCost(int replica, double swapTimeS, double bytes, double recomputeTimeS, long tokens) {
        preemption.cost(swapTimeS, bytes, recomputeTimeS, tokens);
    }

    /** Measured requests: those that arrived inside the window. */
    @Override
    public boolean measures(Request r) {
        return window.contains(r.arrivalS());
    }

    @Override
    public void onTokenGaps(double gapS, long count) {
        itl.gaps(gapS, count);
    }

    @Override
    public void onPrefixCacheLookup(Request r, long queriedTokens, long hitTokens, boolean firstTime) {
        prefixCache.lookup(queriedTokens, hitTokens, firstTime);
    }

    @Override
    public void onSpeculativePass(int replica, double startS, int decodes, int acceptedTokens, int k, double draftTimeS,
            double passS) {
        speculative.pass(startS, decodes, acceptedTokens, k, draftTimeS, passS);
    }

    @Override
    public void onKvTransfer(Request r, double bytes, double transferS) {
        kvTransfer.transfer(bytes, transferS);
    }

    @Override
    public void onIteration(int replica, double startS, double endS, int sequences, long newTokens, int outputTokens,
            int usedBlocks, int totalBlocks) {
        replicas.pass(replica, startS, endS, sequences, usedBlocks, totalBlocks);
        replicas.outputTokens(replica, startS, outputTokens);
    }

    @Override
    public void onPassPower(int replica, double startS, double endS, double watts) {
        replicas.power(replica, startS, endS, watts);
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
        ClassTally total = requests.total();
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
     * Builds the result of the run: the core from the request and replica probes, a section from each other probe;
     * {@code provisioned} says how long each pool was paid for (an autoscaled pool's utilization is over its
     * replicas' provisioned time).
     */
    public RunResult result(Scenario scenario, RunResult.SimStats sim, ProvisionedTime provisioned) {
        checkConservation();
        provisioned = withMeasuredEnergy(scenario, provisioned);
        double windowS = window.lengthS();
        ClassTally total = requests.total();
        RunResult.Throughput throughput = total.throughput(windowS);
        RunResult.Cost cost = CostCalculator.compute(scenario, provisioned, throughput, 0.0, 0.0, 0.0);
        return new RunResult(scenario.name(), scenario.seed(), window, total.counts(), total.ttft.summary(),
                total.tpot.summary(), total.e2e.summary(), total.queue.summary(), throughput,
                total.slo(slo, windowS), cost, replicas.utilization(0, replicas.replicas(), provisioned),
                PoolRows.pools(scenario, replicas, requests, provisioned),
                PoolRows.replicas(scenario, replicas, provisioned), requests.classes(windowS), requests.measured(),
                sim, RunResult.TimeSeries.EMPTY, Sections.NONE)
                .with(itl.result())
                .with(preemption.result())
                .with(prefixCache.result())
                .with(speculative.result())
                .with(kvTransfer.result())
                .with(EnergyAccounting.result(scenario, replicas, provisioned, window.lengthS(),
                        requests.classes(windowS)));
    }

    /**
     * The same provisioned time, with owned pools' electricity taken from the power model's energy inside the window
     * ({@link MeasuredPoolEnergy}) instead of the rated-power fallback, for pools whose GPU has power figures.
     */
    public ProvisionedTime withMeasuredEnergy(Scenario scenario, ProvisionedTime provisioned) {
        EnergyResult energy = EnergyAccounting.result(scenario, replicas, provisioned, window.lengthS(), List.of());
        return provisioned.withEnergy(MeasuredPoolEnergy.of(scenario, energy, provisioned, window.lengthS()));
    }

    public long arrived() {
        return requests.total().arrived;
    }

    public long completed() {
        return requests.total().completed;
    }
}
