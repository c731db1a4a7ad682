package org.llmsim.app;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.llmsim.kernel.EventScheduler;
import org.llmsim.metrics.CostLedger;
import org.llmsim.metrics.MetricsCollector;
import org.llmsim.metrics.RunResult;
import org.llmsim.provider.CallCost;
import org.llmsim.provider.CallTokens;
import org.llmsim.request.Request;
import org.llmsim.workload.Ingress;

/**
 * The application layer between the ingress and the backends. For each user request:
 *
 * <pre>
 *   response caches, in order --hit--> answered after the lookup latency, no model work        ({@link CacheFront})
 *        | miss
 *   classifier and rules pick a tier; overflow when saturated or refused; escalation          ({@link TierRouting})
 *        |
 *   the tier's pool: retries, timeout, fallback pool, circuit breaker                      ({@link ResilientCaller})
 *        |
 *   answer: the user's timestamps are the answering call's; the caches keep it
 * </pre>
 *
 * A class with a pipeline runs it instead ({@link PipelineRunner}, which asks for model calls through a
 * {@link StageHost}); spend per use is booked by {@link Billing}. Every model call is a {@link Request} of its own
 * ({@link org.llmsim.request.Journey#newCall}), so engines and providers stay unaware of the layer; the user request is
 * stamped from the call that answered and reaches the metrics once, completed, rejected or failed, or is reported
 * unfinished at the end. The gateway tracks each user request in flight and turns each call's outcome into the next
 * step; its parts hold their own counts, each over one stated window.
 */
public final class Gateway implements CallOutcomes {
    /** What the gateway works with of the run: its clock, the metrics, the cost ledger and the measured window. */
    record Services(EventScheduler clock, MetricsCollector metrics, CostLedger ledger, RunResult.Window window) {
    }

    /**
     * What the layer is made of: the response caches in order, the routing, the pools and their client settings,
     * the calls each pool served, and the pipelines by request class (null entries: a single model call).
     */
    record Layer(List<ResponseCache> caches, TierRouting.Plan routing, ResilientCaller.Pools pools,
            PoolCalls poolCalls, Pipeline[] pipelines) {
        Layer {
            caches = List.copyOf(caches);
            pipelines = pipelines.clone();
        }
    }

    private final LayerClock clock;
    private final MetricsCollector metrics;
    private final RunResult.Window window;
    private final Billing billing;
    private final CacheFront caches;
    private final ResilientCaller caller;
    private final TierRouting routing;
    private final PoolCalls poolCalls;
    private final Pipeline[] pipelineOfClass;
    private final PipelineRunner runner;
    private final Map<Long, InFlight> inFlight = new LinkedHashMap<>();

    Gateway(Services services, Layer layer) {
        this.clock = new LayerClock(services.clock());
        this.metrics = services.metrics();
        this.window = services.window();
        this.billing = new Billing(services.ledger());
        this.caches = new CacheFront(layer.caches(), new CacheTally(layer.caches().size(), window), clock, billing);
        this.caller = new ResilientCaller(layer.pools(), layer.poolCalls(), clock, this::outOfOptions);
        this.routing = new TierRouting(layer.routing(), new TierTally(layer.routing().tiers(), window), clock,
                billing, caller);
        this.poolCalls = layer.poolCalls();
        this.pipelineOfClass = layer.pipelines();
        this.runner = new PipelineRunner(clock, new Stages());
    }

    /** A user request the ingress admitted. */
    public void submit(Request user) {
        InFlight j = new InFlight(user, window.contains(user.arrivalS()), pipelineOfClass[user.classIndex()]);
        inFlight.put(user.id(), j);
        if (j.run != null) {
            runner.start(j.run); // a pipeline's stages make their own model calls; response caches do not apply to it
            return;
        }
        caches.lookUp(j, routing::route, this::answeredFromCache);
    }

    private void answeredFromCache(InFlight j, ResponseCache cache) {
        double now = clock.now();
        Request user = j.user;
        user.markFirstToken(now);
        user.markFinished(now);
        j.journey.markCacheHit(cache.name());
        inFlight.remove(user.id());
        metrics.onFinished(user, now);
    }

    @Override
    public void gpuCallFinished(Request call, double timeS) {
        InFlight j = inFlight.get(call.id());
        caller.answered(j);
        int pool = poolCalls.gpuPoolOf(call);
        long tokens = (long) call.inputTokens() + call.outputTokens();
        billing.gpuTokens(j, pool, tokens);
        poolCalls.gpuCompleted(pool, call);
        if (j.run != null) {
            j.run.pipeline.stages.get(j.run.stage).gpuTokens(pool, tokens); // its share of the pool's cost, at the end
        }
        answered(j, call, poolCalls.gpuPoolName(pool));
    }

    @Override
    public void apiCallFinished(Request call, double timeS, ProviderBackend pool, CallTokens tokens, CallCost cost) {
        InFlight j = inFlight.get(call.id());
        caller.answered(j);
        billing.apiCall(j, pool, cost);
        poolCalls.apiCompleted(pool, call, tokens, cost);
        answered(j, call, pool.name());
    }

    @Override
    public void callFailed(Request call, double timeS, ProviderBackend pool, CallTokens tokens, CallCost cost) {
        InFlight j = inFlight.get(call.id());
        billing.apiCall(j, pool, cost);
        poolCalls.apiFailed(pool, tokens, cost);
        caller.failedSpend(j, cost.totalUsd());
        j.journey.absorbCall(call);
        caller.failed(j, call.rejectReason());
    }

    /**
     * A call was lost in a replica crash whose fault loses what the replica held: an injected failure like a
     * provider's error, so the pool's breaker hears of it and the call is retried or moved to the fallback as the
     * pool's client settings say; without them the user request fails ({@code replica_crash}).
     */
    @Override
    public void callFailed(Request call, double timeS) {
        InFlight j = inFlight.get(call.id());
        j.journey.absorbCall(call);
        caller.failed(j, call.failReason());
    }

    @Override
    public void callRejected(Request call, double timeS) {
        InFlight j = inFlight.get(call.id());
        poolCalls.rejected(j.backend, call);
        j.user.markScheduled(call.scheduledS());
        j.journey.absorbCall(call);
        String reason = call.rejectReason();
        if (Ingress.ADMISSION_TIMEOUT.equals(reason)) {
            caller.neutral(j); // the user's own deadline passed: nothing of the pool's health, nothing more to try
            end(j, reason, true);
        } else {
            caller.refused(j, reason);
        }
    }

    /** A call answered: its answer fails the tier's check (escalate), goes on through the pipeline or is the user's. */
    private void answered(InFlight j, Request call, String pool) {
        Request user = j.user;
        user.markScheduled(call.scheduledS());
        j.journey.absorbCall(call);
        if (routing.escalates(j)) {
            return;
        }
        if (j.run != null) {
            j.journey.markAnswered(j.tier.name, pool);
            runner.callAnswered(j.run, call);
            return;
        }
        user.markFirstToken(call.firstTokenS());
        user.markFinished(call.finishS());
        j.journey.markAnswered(j.tier.name, pool);
        caches.modelAnswered();
        routing.answered(j);
        double now = clock.now();
        caches.store(user, now);
        inFlight.remove(user.id());
        metrics.onFinished(user, now);
    }

    /** The call's pool and its fallbacks gave up on it: a refusal may overflow to another tier, else the end. */
    private void outOfOptions(InFlight j, String reason, boolean refusal) {
        if (refusal && routing.overflowAfterRefusal(j)) {
            return;
        }
        end(j, reason, refusal);
    }

    /** Ends the journey's user request rejected (a refusal) or failed, at once. */
    private void end(InFlight j, String reason, boolean refusal) {
        Request user = j.user;
        inFlight.remove(user.id());
        if (j.run != null) {
            j.journey.markStages(j.run.pipeline.names, j.run.latencyS);
            if (j.measured) {
                j.run.pipeline.record(user, j.run, false);
            }
        }
        if (refusal) {
            user.markRejected(reason);
            metrics.onRejected(user, clock.now());
        } else {
            user.markFailed(reason);
            metrics.onFailed(user, clock.now());
        }
    }

    /** The last stage of the journey's pipeline ended now: the user request is complete. */
    private void finishPipeline(InFlight j) {
        double now = clock.now();
        Request user = j.user;
        Pipeline.Run run = j.run;
        user.markFirstToken(Double.isNaN(run.firstOutS) ? now : run.firstOutS);
        user.markFinished(now);
        j.journey.markStages(run.pipeline.names, run.latencyS);
        caches.modelAnswered();
        if (j.measured) {
            run.pipeline.record(user, run, true);
        }
        inFlight.remove(user.id());
        metrics.onFinished(user, now);
    }

    /**
     * Drops a user request whose call still waits for its first forward pass (the admission timeout); returns
     * whether it did. A request in a cache lookup, the classifier or a running call is left alone.
     */
    public boolean cancelWaiting(Request user, String reason) {
        InFlight j = inFlight.get(user.id());
        return j != null && caller.abortWaiting(j, reason);
    }

    /** Visits every user request still in the layer (at the end of a run), in order of admission. */
    public void forEachUnfinished(Consumer<Request> visitor) {
        List<Request> left = new ArrayList<>();
        inFlight.values().forEach(j -> left.add(j.user));
        left.forEach(visitor);
    }

    /** What pipelines ask of the gateway, for the request each run belongs to. */
    private final class Stages implements StageHost {
        @Override
        public void modelCall(Pipeline.Run run, Tier tier, int input, int output) {
            InFlight j = of(run);
            j.callInput = input;
            j.callOutput = output;
            routing.stageCall(j, tier);
        }

        @Override
        public void charge(Pipeline.Run run, Pipeline.Stage stage, Double usd) {
            billing.stage(of(run), stage, usd);
        }

        @Override
        public void finish(Pipeline.Run run) {
            finishPipeline(of(run));
        }

        @Override
        public void end(Pipeline.Run run, String reason, boolean refusal) {
            Gateway.this.end(of(run), reason, refusal);
        }

        private InFlight of(Pipeline.Run run) {
            return inFlight.get(run.user.id());
        }
    }

    /** The response caches and what they did. */
    CacheFront caches() {
        return caches;
    }

    /** The routing's tiers and what happened at each. */
    TierRouting routing() {
        return routing;
    }

    /** Each pool's retries, fallbacks and breaker. */
    ResilientCaller caller() {
        return caller;
    }

    PoolCalls poolCalls() {
        return poolCalls;
    }

    /** The pipelines by request class (null entries: a single model call). */
    Pipeline[] pipelines() {
        return pipelineOfClass;
    }
}
