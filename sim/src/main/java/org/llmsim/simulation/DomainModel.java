package org.llmsim.simulation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.llmsim.app.AppResults;
import org.llmsim.autoscale.Autoscaler;
import org.llmsim.app.CallListener;
import org.llmsim.app.Gateway;
import org.llmsim.app.Gateways;
import org.llmsim.cluster.Cluster;
import org.llmsim.cluster.PoolFleet;
import org.llmsim.cluster.ReplicaFaultInjector;
import org.llmsim.cluster.ReplicaPoolGauges;
import org.llmsim.engine.Replica;
import org.llmsim.metrics.CallGauges;
import org.llmsim.metrics.CostLedger;
import org.llmsim.metrics.MetricsCollector;
import org.llmsim.metrics.PoolGauges;
import org.llmsim.metrics.ProvisionedTime;
import org.llmsim.metrics.RequestSink;
import org.llmsim.metrics.RunResult;
import org.llmsim.metrics.TimeSeriesSampler;
import org.llmsim.request.RequestStatus;
import org.llmsim.scenario.AutoscaleSpec;
import org.llmsim.scenario.PoolPlan;
import org.llmsim.scenario.ProviderPlan;
import org.llmsim.scenario.Scenario;
import org.llmsim.scenario.ScenarioSpec;
import org.llmsim.scenario.WorkloadPlan;
import org.llmsim.workload.Ingress;
import org.llmsim.workload.RequestGenerator;
import org.llmsim.kernel.DomainClock;
import org.llmsim.kernel.EventScheduler;
import org.llmsim.kernel.RandomStreams;

/**
 * The model of one router domain on a clock: workload generator, ingress limits, cluster, application layer,
 * autoscalers, faults and metrics, built from a scenario. {@link Simulation} runs one on a kernel of its own, or the
 * domains of a fleet side by side on one shared event list, each on its {@link DomainClock}.
 */
final class DomainModel {
    private final Scenario scenario;
    private final EventScheduler clock;
    private final ScenarioSpec spec;
    private final RunResult.Window window;
    private final RequestGenerator generator;
    private final CostLedger ledger;
    private final MetricsCollector metrics;
    private final Cluster cluster;
    private final List<Autoscaler> autoscalers;
    private final ReplicaFaultInjector faults;
    private final TimeSeriesSampler sampler;
    private final Gateway gateway;
    private final Ingress ingress;

    /** Builds the model; nothing is scheduled until {@link #start}. */
    DomainModel(Scenario scenario, RequestSink sink, EventScheduler clock) {
        this.scenario = scenario;
        this.clock = clock;
        ScenarioSpec spec = scenario.spec();
        this.spec = spec;
        WorkloadPlan workload = scenario.workload();
        RandomStreams streams = new RandomStreams(spec.seed());
        RunResult.Window window = new RunResult.Window(spec.warmupS(), spec.durationS());
        RequestGenerator generator = new RequestGenerator(workload, spec.durationS(), streams, clock);
        List<String> classNames = workload.classes().stream().map(c -> c.name()).toList();
        CostLedger ledger = new CostLedger(classNames, scenario.pools().size());
        boolean appLayer = spec.hasApplicationLayer();
        int[] gpuPoolOfReplica = poolOfReplica();
        // Autoscalers on p95 TTFT watch the requests their pool completes.
        Autoscaler[] ttftWatchers = new Autoscaler[scenario.pools().size()];
        boolean watchTtft = scenario.pools().stream().anyMatch(p -> p.autoscales()
                && p.spec().autoscale().target().metric() == AutoscaleSpec.Metric.TTFT_P95);
        // Every request whose fate is final goes to the output, then back to the generator, whose closed-loop users
        // and sessions send their next request after it (inside the same event, so the run stays deterministic).
        RequestSink finals = request -> {
            sink.accept(request);
            if (!appLayer && request.status() == RequestStatus.COMPLETED && request.replica() >= 0) {
                ledger.gpuTokens(gpuPoolOfReplica[request.replica()], Gateways.DEFAULT_TIER, request.classIndex(),
                        (long) request.inputTokens() + request.outputTokens(), false);
            }
            if (watchTtft && request.status() == RequestStatus.COMPLETED && request.replica() >= 0) {
                Autoscaler a = ttftWatchers[gpuPoolOfReplica[request.replica()]];
                if (a != null) {
                    a.onCompleted(request);
                }
            }
            generator.onFinal(request);
        };
        List<MetricsCollector.ClassDef> classes = workload.classes().stream()
                .map(c -> new MetricsCollector.ClassDef(c.name(), c.priority(), c.slo())).toList();
        MetricsCollector metrics = new MetricsCollector(window, spec.workload().slo(), classes,
                scenario.totalReplicas(), finals);
        metrics.trackPools(gpuPoolOfReplica, scenario.pools().size());
        // With an application layer the replicas serve backend calls, which the gateway turns into user outcomes.
        CallListener calls = appLayer ? new CallListener(metrics) : null;
        Cluster cluster = Cluster.build(scenario, clock, streams, appLayer ? calls : metrics);
        List<Autoscaler> autoscalers = new ArrayList<>();
        for (int p = 0; p < cluster.fleets().size(); p++) {
            PoolFleet fleet = cluster.fleet(p);
            if (fleet.plan().autoscales()) {
                Autoscaler a = new Autoscaler(fleet, clock, spec.durationS());
                autoscalers.add(a);
                ttftWatchers[p] = a.watchesCompletions() ? a : null;
            }
        }
        ReplicaFaultInjector faults = new ReplicaFaultInjector(scenario, cluster, clock, streams);
        Map<String, CallGauges> providerGauges = new LinkedHashMap<>();
        TimeSeriesSampler sampler = sampler(cluster, gpuPoolOfReplica, providerGauges);
        Gateway gateway = appLayer ? Gateways.build(scenario, cluster, clock, streams, metrics, ledger, window,
                sampler::onArrival, providerGauges) : null;
        if (gateway != null) {
            calls.connect(gateway);
        }
        Ingress ingress = new Ingress(workload.classes(), spec.workload().rateLimit(), clock,
                gateway != null ? gateway::submit : cluster::submit,
                gateway != null ? gateway::cancelWaiting : cluster::abortWaiting, metrics::onRejected);
        this.window = window;
        this.generator = generator;
        this.ledger = ledger;
        this.metrics = metrics;
        this.cluster = cluster;
        this.autoscalers = autoscalers;
        this.faults = faults;
        this.sampler = sampler;
        this.gateway = gateway;
        this.ingress = ingress;
    }

    /** Schedules the first events at time 0: arrivals, sampling, autoscaling and faults. */
    void start() {
        generator.start(request -> {
            metrics.onArrival(request);
            ingress.accept(request);
            sampler.onArrival(request); // counts routed requests only
        });
        sampler.start();
        autoscalers.forEach(Autoscaler::start);
        faults.start();
    }

    /** Releases the generator's trace readers; call once the run is over, whether it ended well or not. */
    void close() {
        generator.close();
    }

    /**
     * What the run measured, once the clock stopped.
     *
     * @param lastEventTimeS time of the domain's last model event (observations excluded)
     * @param events         events the domain executed
     * @param wallS          wall-clock seconds the run took
     */
    RunResult finish(double lastEventTimeS, long events, double wallS) {
        if (gateway != null) {
            gateway.forEachUnfinished(metrics::onUnfinished);
        } else {
            cluster.forEachInFlight(metrics::onUnfinished);
        }
        // A fixed fleet is provisioned for the whole arrival window, and longer while requests drain; an autoscaled
        // pool while each of its replicas is provisioned.
        double simulatedS = Math.max(spec.durationS(), lastEventTimeS);
        // owned pools' electricity from the power model's measured energy, the same in every figure below
        ProvisionedTime provisioned = metrics.withMeasuredEnergy(scenario, cluster.provisionedTime(simulatedS, window));
        RunResult result = metrics.result(scenario, new RunResult.SimStats(wallS, events, simulatedS),
                provisioned).withTimeSeries(sampler.result()).with(cluster.elasticResult(simulatedS, provisioned));
        return AppResults.complete(result, scenario, ledger, gateway, provisioned);
    }

    /** The pool index of every replica (replicas are numbered globally in pool order). */
    private int[] poolOfReplica() {
        int[] poolOf = new int[scenario.totalReplicas()];
        int first = 0;
        for (int p = 0; p < scenario.pools().size(); p++) {
            int n = scenario.pools().get(p).replicas();
            java.util.Arrays.fill(poolOf, first, first + n, p);
            first += n;
        }
        return poolOf;
    }

    /**
     * A sampler over each pool's replicas (replicas are numbered globally in pool order; GPU pools come first in the
     * series, so a replica's series is its pool's index).
     */
    private TimeSeriesSampler sampler(Cluster cluster, int[] poolOfReplica, Map<String, CallGauges> providerGauges) {
        List<String> names = new ArrayList<>();
        List<PoolGauges> gauges = new ArrayList<>();
        int first = 0;
        for (PoolPlan pool : scenario.pools()) {
            List<Replica> replicas = cluster.replicas().subList(first, first + pool.replicas());
            names.add(pool.name());
            gauges.add(new ReplicaPoolGauges(replicas, pool.usdPerHour() / pool.replicas()));
            first += pool.replicas();
        }
        // provider pools follow the GPU pools: calls in flight, and calls sent as their arrivals
        for (ProviderPlan pr : scenario.providers()) {
            CallGauges g = new CallGauges(names.size());
            providerGauges.put(pr.name(), g);
            names.add(pr.name());
            gauges.add(g);
        }
        ScenarioSpec spec = scenario.spec();
        TimeSeriesSampler sampler = new TimeSeriesSampler(clock, spec.output().sampleIntervalS(), spec.durationS(),
                names, gauges, poolOfReplica);
        providerGauges.values().forEach(g -> g.connect(sampler));
        return sampler;
    }

}
