package org.llmsim.app;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.llmsim.cluster.Cluster;
import org.llmsim.cluster.Routers;
import org.llmsim.kernel.EventScheduler;
import org.llmsim.kernel.RandomStreams;
import org.llmsim.metrics.CallGauges;
import org.llmsim.metrics.CostLedger;
import org.llmsim.metrics.MetricsCollector;
import org.llmsim.metrics.RunResult;
import org.llmsim.provider.CallCost;
import org.llmsim.provider.CallTokens;
import org.llmsim.request.Request;
import org.llmsim.scenario.CacheSpec;
import org.llmsim.scenario.ClassSpec;
import org.llmsim.scenario.ClusterSpec;
import org.llmsim.scenario.PoolPlan;
import org.llmsim.scenario.PoolSpec;
import org.llmsim.scenario.ProviderPlan;
import org.llmsim.scenario.RouterSpec;
import org.llmsim.scenario.RoutingSpec;
import org.llmsim.scenario.Scenario;
import org.llmsim.workload.Samplers;

/**
 * Builds the application layer of a scenario: one backend per pool (GPU replicas behind the pool's router, or an API
 * provider), the tiers over them (a single {@code default} tier without {@code routing}: every GPU replica behind
 * {@code cluster.router}, or the one provider), the caches, the classifier and the gateway that ties them together.
 */
public final class Gateways {
    /** Name of the implicit tier of a scenario without {@code routing}. */
    public static final String DEFAULT_TIER = "default";

    private Gateways() {
    }

    /**
     * @param routedToReplica told of every call once a router has placed it on a replica (the time-series sampler)
     * @param providerGauges  the time-series gauges of the provider pools, by name (absent: not sampled)
     */
    public static Gateway build(Scenario scenario, Cluster cluster, EventScheduler clock, RandomStreams streams,
            MetricsCollector metrics, CostLedger ledger, RunResult.Window window,
            Consumer<Request> routedToReplica, Map<String, CallGauges> providerGauges) {
        ClusterSpec spec = scenario.spec().cluster();
        List<String> classNames = scenario.workload().classes().stream().map(c -> c.name()).toList();
        PoolCalls poolCalls = new PoolCalls(scenario, cluster.replicas());
        Consumer<Request> routed = call -> {
            poolCalls.routed(call);
            routedToReplica.accept(call);
        };
        Relay relay = new Relay();

        Map<String, Backend> byPool = new LinkedHashMap<>();
        for (int p = 0; p < scenario.pools().size(); p++) {
            PoolPlan pool = scenario.pools().get(p);
            RouterSpec router = pool.spec().router() != null ? pool.spec().router() : spec.router();
            byPool.put(pool.name(), new GpuPoolBackend(pool.name(), cluster.fleet(p),
                    Routers.create(router, streams, "router/" + pool.name()), router.decisionLatencyS(), clock,
                    routed));
        }
        for (ProviderPlan pr : scenario.providers()) {
            byPool.put(pr.name(), new ProviderBackend(pr, clock, streams, relay, scenario.spec().faults(),
                    providerGauges.get(pr.name())));
        }

        List<Tier> tiers = new ArrayList<>();
        Map<String, Tier> byName = new LinkedHashMap<>();
        TierSelector selector;
        TierRouting.Classifier classifier = null;
        RoutingSpec routing = spec.routing();
        if (routing == null) {
            tiers.add(defaultTier(scenario, cluster, clock, streams, byPool, routed));
            selector = new TierSelector(tiers.get(0));
        } else {
            for (RoutingSpec.TierSpec t : routing.tiers()) {
                Tier tier = new Tier(t.name(), byPool.get(t.pool()), t.pool());
                byName.put(t.name(), tier);
                tiers.add(tier);
            }
            for (RoutingSpec.TierSpec t : routing.tiers()) {
                Tier.Escalation escalation = null;
                Tier.Overflow overflow = null;
                if (t.escalate() != null) {
                    escalation = new Tier.Escalation(byName.get(t.escalate().to()), t.escalate().fraction(),
                            Samplers.times(t.escalate().checkLatencyS(), streams.stream("routing/check/" + t.name())));
                }
                if (t.overflow() != null) {
                    overflow = new Tier.Overflow(byName.get(t.overflow().to()),
                            t.overflow().maxQueue() != null ? t.overflow().maxQueue() : Integer.MAX_VALUE);
                }
                byName.get(t.name()).link(escalation, overflow);
            }
            selector = new TierSelector(routing, byName, classNames);
            if (routing.classifier() != null) {
                classifier = new TierRouting.Classifier(Samplers.times(routing.classifier().latencyS(),
                        streams.stream("routing/classifier")), routing.classifier().usdPerRequest(),
                        streams.stream("routing/difficulty"));
            }
        }

        List<ResponseCache> caches = new ArrayList<>();
        for (CacheSpec c : spec.caches()) {
            caches.add(ResponseCaches.create(c, streams, classNames));
        }
        Map<String, PoolGuard> guards = new LinkedHashMap<>();
        for (PoolSpec pool : spec.pools()) {
            // every pool keeps a record: a pool without settings of its own still counts the fallbacks it takes
            guards.put(pool.name(), new PoolGuard(pool.name(),
                    RetryPolicy.of(pool.retry(), streams.stream("retry/" + pool.name())),
                    pool.timeoutS() == null ? Double.POSITIVE_INFINITY : pool.timeoutS(), pool.fallback(),
                    CircuitBreaker.of(pool.circuitBreaker(), clock)));
        }
        List<ClassSpec> classes = scenario.workload().classes();
        Pipeline[] pipelines = new Pipeline[classes.size()];
        for (int c = 0; c < pipelines.length; c++) {
            if (classes.get(c).pipeline() != null) {
                pipelines[c] = new Pipeline(classes.get(c), streams);
                for (Pipeline.Stage stage : pipelines[c].stages) {
                    // a stage naming a pool calls it directly, as a tier of its own that no rule picks
                    if (stage.spec.tier() != null) {
                        stage.tier = byName.get(stage.spec.tier());
                    } else if (stage.spec.pool() != null) {
                        stage.tier = new Tier(stage.spec.pool(), byPool.get(stage.spec.pool()), stage.spec.pool());
                    }
                }
            }
        }
        Gateway gateway = new Gateway(new Gateway.Services(clock, metrics, ledger, window),
                new Gateway.Layer(caches, new TierRouting.Plan(tiers, selector, classifier,
                        streams.stream("routing/escalation")), new ResilientCaller.Pools(byPool, guards), poolCalls,
                        pipelines));
        relay.target = gateway;
        return gateway;
    }

    /** Without routing: the one provider, or every GPU replica behind {@code cluster.router} as before. */
    private static Tier defaultTier(Scenario scenario, Cluster cluster, EventScheduler clock, RandomStreams streams,
            Map<String, Backend> byPool, Consumer<Request> routed) {
        if (scenario.pools().isEmpty()) {
            ProviderPlan only = scenario.providers().get(0);
            return new Tier(DEFAULT_TIER, byPool.get(only.name()), only.name());
        }
        RouterSpec router = scenario.spec().cluster().router();
        String name = scenario.pools().size() == 1 ? scenario.pools().get(0).name() : "cluster";
        Backend all = new GpuPoolBackend(name, cluster, Routers.create(router, streams, "router"),
                router.decisionLatencyS(), clock, routed);
        return new Tier(DEFAULT_TIER, all, name);
    }

    /** Lets provider backends report to the gateway built after them. */
    private static final class Relay implements CallOutcomes {
        CallOutcomes target;

        @Override
        public void gpuCallFinished(Request call, double timeS) {
            target.gpuCallFinished(call, timeS);
        }

        @Override
        public void apiCallFinished(Request call, double timeS, ProviderBackend pool, CallTokens tokens,
                CallCost cost) {
            target.apiCallFinished(call, timeS, pool, tokens, cost);
        }

        @Override
        public void callFailed(Request call, double timeS, ProviderBackend pool, CallTokens tokens, CallCost cost) {
            target.callFailed(call, timeS, pool, tokens, cost);
        }

        @Override
        public void callRejected(Request call, double timeS) {
            target.callRejected(call, timeS);
        }

        @Override
        public void callFailed(Request call, double timeS) {
            target.callFailed(call, timeS);
        }
    }
}
