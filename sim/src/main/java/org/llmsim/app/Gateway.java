package org.llmsim.app;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.commons.math3.random.RandomGenerator;
import org.llmsim.kernel.EventPriority;
import org.llmsim.kernel.EventScheduler;
import org.llmsim.metrics.AppResult;
import org.llmsim.metrics.CostLedger;
import org.llmsim.metrics.MetricsCollector;
import org.llmsim.metrics.RunResult;
import org.llmsim.provider.CallCost;
import org.llmsim.provider.CallTokens;
import org.llmsim.request.Journey;
import org.llmsim.request.Request;
import org.llmsim.workload.Ingress;
import org.llmsim.workload.TimeSampler;

/**
 * The application layer between the ingress and the backends. For each user request:
 *
 * <pre>
 *   response caches, in order --hit--> answered after the lookup latency, no model work
 *        | miss
 *   classifier (latency, price; draws the difficulty), unless class and length settle the tier --> rules pick one
 *        |
 *   tier's backend (overflow to another tier when saturated or refused) --> call finishes
 *        | a fraction fails the quality check: after the check latency, escalate to a stronger tier, paying both
 *   answer: the user's timestamps are the answering call's; the caches keep it
 * </pre>
 *
 * Every model call is a {@link Request} of its own ({@link Request#callFor}), so engines and providers stay unaware
 * of the layer; the user request is stamped from the call that answered and reaches the metrics once, completed or
 * rejected, or is reported unfinished at the end. One event per cache lookup, classifier step and escalation check
 * that takes time (none when it takes none); draws come from named streams per cache and step.
 */
public final class Gateway implements CallOutcomes {
    /** Failure reason of a call refused by its pool's open circuit breaker. */
    public static final String CIRCUIT_OPEN = "circuit_open";

    private final EventScheduler clock;
    private final MetricsCollector metrics;
    private final CostLedger ledger;
    private final RunResult.Window window;
    private final List<ResponseCache> caches;
    private final CacheCounts[] cacheCounts;
    private final CacheCounts anyCache = new CacheCounts();
    private final List<Tier> tiers;
    private final TierSelector selector;
    private final Classifier classifier;
    private final RandomGenerator escalation;
    private final PoolCalls poolCalls;
    private final Map<String, Backend> backends;
    private final Map<String, PoolGuard> guards;
    private final Pipeline[] pipelineOfClass;
    private final PipelineRunner runner = new PipelineRunner(this);
    private final Map<Long, InFlight> inFlight = new LinkedHashMap<>();
    private long modelAnswers;

    /** The classifier step: its latency, its price and the difficulty it estimates. */
    record Classifier(TimeSampler latency, double usdPerRequest, RandomGenerator difficulty) {
    }

    /** Lookups and hits of measured requests; hits and spend of the whole run. */
    static final class CacheCounts {
        long lookups;
        long hits;
        long falsePositives;
        long hitsInRun;
        double usd;
    }

    /** A user request between its admission and its final outcome. */
    static final class InFlight {
        final Request user;
        final Journey journey;
        final boolean measured;
        /** Sizes of the next model call: the request's own, or what a pipeline stage asks. */
        int callInput;
        int callOutput;
        /** The class's pipeline and where the request is in it, or null for a single model call. */
        Pipeline pipeline;
        Pipeline.Run run;
        Request call;
        Tier tier;
        boolean escalation;
        /** The pool of the current (or last) attempt, its guard, the attempt's number there and whether it probes. */
        Backend backend;
        PoolGuard guard;
        int attempt;
        boolean probe;

        InFlight(Request user, boolean measured) {
            this.user = user;
            this.journey = Journey.start(user);
            this.measured = measured;
            this.callInput = user.inputTokens();
            this.callOutput = user.outputTokens();
        }
    }

    Gateway(EventScheduler clock, MetricsCollector metrics, CostLedger ledger, RunResult.Window window,
            List<ResponseCache> caches, List<Tier> tiers, TierSelector selector, Classifier classifier,
            RandomGenerator escalation, PoolCalls poolCalls, Map<String, Backend> backends,
            Map<String, PoolGuard> guards, Pipeline[] pipelineOfClass) {
        this.clock = clock;
        this.metrics = metrics;
        this.ledger = ledger;
        this.window = window;
        this.caches = List.copyOf(caches);
        this.cacheCounts = new CacheCounts[caches.size()];
        for (int i = 0; i < cacheCounts.length; i++) {
            cacheCounts[i] = new CacheCounts();
        }
        this.tiers = List.copyOf(tiers);
        this.selector = selector;
        this.classifier = classifier;
        this.escalation = escalation;
        this.poolCalls = poolCalls;
        this.backends = Map.copyOf(backends);
        this.guards = Map.copyOf(guards);
        this.pipelineOfClass = pipelineOfClass.clone();
    }

    /** A user request the ingress admitted. */
    public void submit(Request user) {
        InFlight j = new InFlight(user, window.contains(user.arrivalS()));
        inFlight.put(user.id(), j);
        Pipeline pipeline = pipelineOfClass[user.classIndex()];
        if (pipeline != null) {
            // a pipeline's stages make their own model calls; response caches do not apply to it
            j.pipeline = pipeline;
            j.run = new Pipeline.Run(pipeline.stages.size());
            runner.start(j);
            return;
        }
        int first = nextCache(user, 0);
        if (first < caches.size() && j.measured) {
            anyCache.lookups++;
        }
        lookup(j, first);
    }

    private int nextCache(Request user, int from) {
        int i = from;
        while (i < caches.size() && !caches.get(i).appliesTo(user)) {
            i++;
        }
        return i;
    }

    /** Asks cache {@code i}, then the next ones, then the models. */
    private void lookup(InFlight j, int i) {
        if (i >= caches.size()) {
            route(j);
            return;
        }
        ResponseCache cache = caches.get(i);
        Request user = j.user;
        ResponseCache.Outcome outcome = cache.lookup(user, clock.now());
        double usd = cache.lookupUsd(user);
        ledger.charge(CostLedger.GATEWAY, cache.name(), null, user.classIndex(), AppResult.EMBEDDINGS, usd,
                j.measured, false);
        j.journey.addCost(usd);
        cacheCounts[i].usd += usd;
        if (j.measured) {
            cacheCounts[i].lookups++;
        }
        Runnable next = outcome == ResponseCache.Outcome.MISS ? () -> lookup(j, nextCache(user, i + 1))
                : () -> answerFromCache(j, i, outcome);
        after(cache.lookupLatencyS(), next);
    }

    private void answerFromCache(InFlight j, int i, ResponseCache.Outcome outcome) {
        double now = clock.now();
        Request user = j.user;
        user.markFirstToken(now);
        user.markFinished(now);
        j.journey.markCacheHit(caches.get(i).name());
        cacheCounts[i].hitsInRun++;
        if (j.measured) {
            boolean wrong = outcome == ResponseCache.Outcome.FALSE_POSITIVE;
            for (CacheCounts c : new CacheCounts[] {cacheCounts[i], anyCache}) {
                c.hits++;
                c.falsePositives += wrong ? 1 : 0;
            }
        }
        inFlight.remove(user.id());
        metrics.onFinished(user, now);
    }

    /** The classifier (when there is one) and the rules pick the first tier. */
    private void route(InFlight j) {
        if (classifier == null) {
            firstCall(j, selector.select(j.user, Double.NaN));
            return;
        }
        Tier settled = selector.selectWithoutDifficulty(j.user);
        if (settled != null) {
            firstCall(j, settled);
            return;
        }
        double difficulty = classifier.difficulty().nextDouble();
        after(classifier.latency().sampleS(), () -> {
            Tier tier = selector.select(j.user, difficulty);
            ledger.charge(CostLedger.GATEWAY, "classifier", tier.name, j.user.classIndex(), AppResult.CLASSIFIER,
                    classifier.usdPerRequest(), j.measured, false);
            j.journey.addCost(classifier.usdPerRequest());
            firstCall(j, tier);
        });
    }

    private void firstCall(InFlight j, Tier tier) {
        if (j.measured) {
            tier.routed++;
        }
        send(j, tier);
    }

    /** Sends a call for the journey's user to {@code tier}, or on to its overflow tier when it is saturated. */
    private void send(InFlight j, Tier tier) {
        Tier t = tier;
        while (t.saturated()) {
            overflow(j, t);
            t = t.overflowTo;
        }
        j.tier = t;
        attempt(j, t.backend, 1);
    }

    /**
     * Attempt number {@code n} of the journey's call on {@code backend}: refused at once while the pool's breaker is
     * open, otherwise sent (a GPU call with a timeout gets one event that gives it up if it is still queued then).
     */
    private void attempt(InFlight j, Backend backend, int n) {
        PoolGuard g = guard(backend);
        j.backend = backend;
        j.guard = g;
        j.attempt = n;
        CircuitBreaker.Permit permit = g.admit();
        if (permit == CircuitBreaker.Permit.REFUSE) {
            g.shortCircuited++;
            j.call = null;
            j.probe = false;
            moveOn(j, CIRCUIT_OPEN, false);
            return;
        }
        j.probe = permit == CircuitBreaker.Permit.PROBE;
        Request call = j.journey.newCall(clock.now(), j.callInput, j.callOutput);
        j.call = call;
        j.journey.markSent(j.tier.name, backend.name());
        poolCalls.sent(backend);
        if (Double.isFinite(g.timeoutS) && backend instanceof GpuPoolBackend) {
            clock.after(g.timeoutS, EventPriority.ARRIVAL, () -> {
                if (j.call == call && Double.isNaN(call.scheduledS())) {
                    backend.abortWaiting(call, ProviderBackend.TIMEOUT);
                }
            });
        }
        backend.submit(call);
    }

    private PoolGuard guard(Backend backend) {
        PoolGuard g = guards.get(backend.name());
        return g != null ? g : PoolGuard.none(backend.name());
    }

    private void overflow(InFlight j, Tier from) {
        if (j.measured) {
            from.overflowOut++;
            from.overflowTo.overflowIn++;
        }
    }

    @Override
    public void gpuCallFinished(Request call, double timeS) {
        InFlight j = inFlight.get(call.id());
        j.guard.onSuccess(j.probe);
        int pool = poolCalls.gpuPoolOf(call);
        long tokens = (long) call.inputTokens() + call.outputTokens();
        ledger.gpuTokens(pool, j.tier.name, call.classIndex(), tokens, j.escalation);
        poolCalls.gpuCompleted(pool, call);
        if (j.pipeline != null) {
            j.pipeline.stages.get(j.run.stage).gpuTokens(pool, tokens); // its share of the pool's cost, at the end
        }
        answered(j, call, poolCalls.gpuPoolName(pool));
    }

    @Override
    public void apiCallFinished(Request call, double timeS, ProviderBackend pool, CallTokens tokens, CallCost cost) {
        InFlight j = inFlight.get(call.id());
        j.guard.onSuccess(j.probe);
        chargeApi(j, pool, cost);
        poolCalls.apiCompleted(pool, call, tokens, cost);
        answered(j, call, pool.name());
    }

    @Override
    public void callFailed(Request call, double timeS, ProviderBackend pool, CallTokens tokens, CallCost cost) {
        InFlight j = inFlight.get(call.id());
        chargeApi(j, pool, cost);
        poolCalls.apiFailed(pool, tokens, cost);
        PoolGuard g = j.guard;
        g.failedUsd += cost.totalUsd();
        j.journey.absorbCall(call);
        failed(j, call.rejectReason());
    }

    /** Books an API call's bill (answered or not) to the ledger and the user request. */
    private void chargeApi(InFlight j, ProviderBackend pool, CallCost cost) {
        String provider = pool.plan().profile().id();
        String name = pool.name();
        int cls = j.user.classIndex();
        ledger.charge(provider, name, j.tier.name, cls, AppResult.INPUT, cost.inputUsd(), j.measured, j.escalation);
        ledger.charge(provider, name, j.tier.name, cls, AppResult.CACHED_INPUT, cost.cachedInputUsd(), j.measured,
                j.escalation);
        ledger.charge(provider, name, j.tier.name, cls, AppResult.CACHE_WRITE, cost.cacheWriteUsd(), j.measured,
                j.escalation);
        ledger.charge(provider, name, j.tier.name, cls, AppResult.OUTPUT, cost.outputUsd(), j.measured,
                j.escalation);
        j.journey.addCost(cost.totalUsd());
    }

    /** A call answered: the answer fails the tier's check (escalate) or is the user's. */
    private void answered(InFlight j, Request call, String pool) {
        Request user = j.user;
        user.markScheduled(call.scheduledS());
        j.journey.absorbCall(call);
        Tier tier = j.tier;
        if (tier.escalateTo != null && escalation.nextDouble() < tier.escalateFraction) {
            if (j.measured) {
                tier.escalatedOut++;
                tier.escalateTo.escalatedIn++;
            }
            j.escalation = true;
            j.call = null;
            after(tier.checkLatency.sampleS(), () -> send(j, tier.escalateTo));
            return;
        }
        if (j.pipeline != null) {
            j.journey.markAnswered(tier.name, pool);
            runner.callAnswered(j, call);
            return;
        }
        user.markFirstToken(call.firstTokenS());
        user.markFinished(call.finishS());
        j.journey.markAnswered(tier.name, pool);
        modelAnswers++;
        if (j.measured) {
            tier.answered++;
        }
        double now = clock.now();
        for (ResponseCache cache : caches) {
            if (cache.appliesTo(user)) {
                cache.store(user, now);
            }
        }
        inFlight.remove(user.id());
        metrics.onFinished(user, now);
    }

    @Override
    public void callRejected(Request call, double timeS) {
        InFlight j = inFlight.get(call.id());
        poolCalls.rejected(j.backend, call);
        j.user.markScheduled(call.scheduledS());
        j.journey.absorbCall(call);
        String reason = call.rejectReason();
        if (Ingress.ADMISSION_TIMEOUT.equals(reason)) {
            j.guard.onNeutral(j.probe);
            end(j, reason, true);
        } else if (ProviderBackend.TIMEOUT.equals(reason)) {
            failed(j, reason); // a GPU call given up in the queue
        } else {
            // the pool is healthy but will not take the call now (429) or ever (context window, KV capacity)
            j.guard.onNeutral(j.probe);
            if (ProviderBackend.RATE_LIMITED.equals(reason)) {
                retryOrMoveOn(j, reason, true);
            } else {
                moveOn(j, reason, true);
            }
        }
    }

    /** A call failed (a server error or a timeout): the breaker hears of it, then retry or move on. */
    private void failed(InFlight j, String reason) {
        PoolGuard g = j.guard;
        if (ProviderBackend.TIMEOUT.equals(reason)) {
            g.timeouts++;
        } else {
            g.errors++;
        }
        g.onFailure(j.probe);
        retryOrMoveOn(j, reason, false);
    }

    /** Tries the same pool again after a backoff while attempts are left and its breaker is closed. */
    private void retryOrMoveOn(InFlight j, String reason, boolean refusal) {
        PoolGuard g = j.guard;
        if (j.attempt < g.retry.maxAttempts && !g.open()) {
            g.retries++;
            j.journey.markRetry();
            j.call = null;
            Backend backend = j.backend;
            int next = j.attempt + 1;
            after(g.retry.delayS(j.attempt), () -> attempt(j, backend, next));
            return;
        }
        moveOn(j, reason, refusal);
    }

    /**
     * The pool gave up on the call: on to its fallback pool, else (a refusal) to the tier's overflow tier, else the
     * user request ends rejected (a refusal) or failed.
     */
    private void moveOn(InFlight j, String reason, boolean refusal) {
        PoolGuard g = j.guard;
        if (g.fallback != null) {
            g.fallbackOut++;
            Backend next = backends.get(g.fallback);
            guard(next).fallbackIn++;
            j.journey.markFallback();
            attempt(j, next, 1);
            return;
        }
        Tier tier = j.tier;
        if (refusal && tier.overflowTo != null && j.backend == tier.backend) {
            overflow(j, tier);
            send(j, tier.overflowTo);
            return;
        }
        end(j, reason, refusal);
    }

    /** Ends the journey's user request rejected (a refusal) or failed, at once. */
    void end(InFlight j, String reason, boolean refusal) {
        Request user = j.user;
        inFlight.remove(user.id());
        if (j.pipeline != null) {
            j.journey.markStages(j.pipeline.names, j.run.latencyS);
            if (j.measured) {
                j.pipeline.record(user, j.run, false);
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

    /**
     * A call was lost in a replica crash whose fault loses what the replica held: an injected failure like a
     * provider's error, so the pool's breaker hears of it and the call is retried or moved to the fallback as the
     * pool's client settings say; without them the user request fails ({@code replica_crash}).
     */
    @Override
    public void callFailed(Request call, double timeS) {
        InFlight j = inFlight.get(call.id());
        j.journey.absorbCall(call);
        failed(j, call.failReason());
    }

    /**
     * Drops a user request whose call still waits for its first forward pass (the admission timeout); returns
     * whether it did. A request in a cache lookup, the classifier or a running call is left alone.
     */
    public boolean cancelWaiting(Request user, String reason) {
        InFlight j = inFlight.get(user.id());
        if (j == null || j.call == null || !Double.isNaN(j.call.scheduledS())) {
            return false;
        }
        return j.backend.abortWaiting(j.call, reason);
    }

    /** Visits every user request still in the layer (at the end of a run), in order of admission. */
    public void forEachUnfinished(Consumer<Request> visitor) {
        List<Request> left = new ArrayList<>();
        inFlight.values().forEach(j -> left.add(j.user));
        left.forEach(visitor);
    }

    /** A pipeline stage's model call of {@code input} prompt and {@code output} tokens to {@code tier} (null: routed). */
    void modelCall(InFlight j, Tier tier, int input, int output) {
        j.callInput = input;
        j.callOutput = output;
        j.escalation = false;
        firstCall(j, tier != null ? tier : selector.select(j.user, Double.NaN));
    }

    /** Books the price of a pipeline stage without a model (a tool, a guardrail, retrieval, speech). */
    void charge(InFlight j, Pipeline.Stage stage, Double usd) {
        if (usd == null || usd == 0) {
            return;
        }
        ledger.charge(CostLedger.GATEWAY, stage.name, null, j.user.classIndex(), stage.kind, usd, j.measured, false);
        j.journey.addCost(usd);
    }

    /** The last stage of the journey's pipeline ended now: the user request is complete. */
    void finishPipeline(InFlight j) {
        double now = clock.now();
        Request user = j.user;
        Pipeline.Run run = j.run;
        user.markFirstToken(Double.isNaN(run.firstOutS) ? now : run.firstOutS);
        user.markFinished(now);
        j.journey.markStages(j.pipeline.names, run.latencyS);
        modelAnswers++;
        if (j.measured) {
            j.pipeline.record(user, run, true);
        }
        inFlight.remove(user.id());
        metrics.onFinished(user, now);
    }

    double now() {
        return clock.now();
    }

    /** The pipelines by request class (null entries: a single model call). */
    Pipeline[] pipelines() {
        return pipelineOfClass;
    }

    void after(double delayS, Runnable action) {
        if (delayS > 0) {
            clock.after(delayS, EventPriority.ARRIVAL, action);
        } else {
            action.run();
        }
    }

    /** User requests the models answered over the whole run. */
    long modelAnswers() {
        return modelAnswers;
    }

    List<ResponseCache> caches() {
        return caches;
    }

    CacheCounts cacheCounts(int i) {
        return cacheCounts[i];
    }

    CacheCounts anyCache() {
        return anyCache;
    }

    List<Tier> tiers() {
        return tiers;
    }

    PoolCalls poolCalls() {
        return poolCalls;
    }

    /** Each pool's retries, fallbacks and breaker, by pool name (pools without any are left out). */
    Map<String, PoolGuard> guards() {
        return guards;
    }
}
