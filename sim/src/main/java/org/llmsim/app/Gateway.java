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
    private final Map<Long, Journey> inFlight = new LinkedHashMap<>();
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
    private static final class Journey {
        final Request user;
        final boolean measured;
        Request call;
        Tier tier;
        boolean escalation;

        Journey(Request user, boolean measured) {
            this.user = user;
            this.measured = measured;
        }
    }

    Gateway(EventScheduler clock, MetricsCollector metrics, CostLedger ledger, RunResult.Window window,
            List<ResponseCache> caches, List<Tier> tiers, TierSelector selector, Classifier classifier,
            RandomGenerator escalation, PoolCalls poolCalls) {
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
    }

    /** A user request the ingress admitted. */
    public void submit(Request user) {
        Journey j = new Journey(user, window.contains(user.arrivalS()));
        inFlight.put(user.id(), j);
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
    private void lookup(Journey j, int i) {
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
        user.addCost(usd);
        cacheCounts[i].usd += usd;
        if (j.measured) {
            cacheCounts[i].lookups++;
        }
        Runnable next = outcome == ResponseCache.Outcome.MISS ? () -> lookup(j, nextCache(user, i + 1))
                : () -> answerFromCache(j, i, outcome);
        after(cache.lookupLatencyS(), next);
    }

    private void answerFromCache(Journey j, int i, ResponseCache.Outcome outcome) {
        double now = clock.now();
        Request user = j.user;
        user.markFirstToken(now);
        user.markFinished(now);
        user.markCacheHit(caches.get(i).name());
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
    private void route(Journey j) {
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
            j.user.addCost(classifier.usdPerRequest());
            firstCall(j, tier);
        });
    }

    private void firstCall(Journey j, Tier tier) {
        if (j.measured) {
            tier.routed++;
        }
        send(j, tier);
    }

    /** Sends a call for the journey's user to {@code tier}, or on to its overflow tier when it is saturated. */
    private void send(Journey j, Tier tier) {
        Tier t = tier;
        while (t.saturated()) {
            overflow(j, t);
            t = t.overflowTo;
        }
        Request call = Request.callFor(j.user, clock.now());
        j.call = call;
        j.tier = t;
        j.user.markSent(t.name, t.pool);
        poolCalls.sent(t);
        t.backend.submit(call);
    }

    private void overflow(Journey j, Tier from) {
        if (j.measured) {
            from.overflowOut++;
            from.overflowTo.overflowIn++;
        }
    }

    @Override
    public void gpuCallFinished(Request call, double timeS) {
        Journey j = inFlight.get(call.id());
        int pool = poolCalls.gpuPoolOf(call);
        ledger.gpuTokens(pool, j.tier.name, call.classIndex(), (long) call.inputTokens() + call.outputTokens(),
                j.escalation);
        poolCalls.gpuCompleted(pool, call);
        answered(j, call, poolCalls.gpuPoolName(pool));
    }

    @Override
    public void apiCallFinished(Request call, double timeS, ProviderBackend pool, CallTokens tokens, CallCost cost) {
        Journey j = inFlight.get(call.id());
        String provider = pool.plan().profile().id();
        String name = pool.name();
        int cls = call.classIndex();
        ledger.charge(provider, name, j.tier.name, cls, AppResult.INPUT, cost.inputUsd(), j.measured, j.escalation);
        ledger.charge(provider, name, j.tier.name, cls, AppResult.CACHED_INPUT, cost.cachedInputUsd(), j.measured,
                j.escalation);
        ledger.charge(provider, name, j.tier.name, cls, AppResult.CACHE_WRITE, cost.cacheWriteUsd(), j.measured,
                j.escalation);
        ledger.charge(provider, name, j.tier.name, cls, AppResult.OUTPUT, cost.outputUsd(), j.measured,
                j.escalation);
        j.user.addCost(cost.totalUsd());
        poolCalls.apiCompleted(pool, call, tokens, cost);
        answered(j, call, name);
    }

    /** A call answered: the answer fails the tier's check (escalate) or is the user's. */
    private void answered(Journey j, Request call, String pool) {
        Request user = j.user;
        user.markScheduled(call.scheduledS());
        user.absorbCall(call);
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
        user.markFirstToken(call.firstTokenS());
        user.markFinished(call.finishS());
        user.markAnswered(tier.name, pool);
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
        Journey j = inFlight.get(call.id());
        poolCalls.rejected(j.tier, call);
        j.user.markScheduled(call.scheduledS());
        j.user.absorbCall(call);
        Tier tier = j.tier;
        if (!Ingress.ADMISSION_TIMEOUT.equals(call.rejectReason()) && tier.overflowTo != null) {
            overflow(j, tier);
            send(j, tier.overflowTo);
            return;
        }
        Request user = j.user;
        user.markRejected(call.rejectReason());
        inFlight.remove(user.id());
        metrics.onRejected(user, timeS);
    }

    /** A call was lost in a replica crash: its user request fails with it (no fallback is tried). */
    @Override
    public void callFailed(Request call, double timeS) {
        Journey j = inFlight.remove(call.id());
        Request user = j.user;
        user.absorbCall(call);
        user.markFailed(call.failReason());
        metrics.onFailed(user, timeS);
    }

    /**
     * Drops a user request whose call still waits for its first forward pass (the admission timeout); returns
     * whether it did. A request in a cache lookup, the classifier or a running call is left alone.
     */
    public boolean cancelWaiting(Request user, String reason) {
        Journey j = inFlight.get(user.id());
        if (j == null || j.call == null || !Double.isNaN(j.call.scheduledS())) {
            return false;
        }
        return j.tier.backend.abortWaiting(j.call, reason);
    }

    /** Visits every user request still in the layer (at the end of a run), in order of admission. */
    public void forEachUnfinished(Consumer<Request> visitor) {
        List<Request> left = new ArrayList<>();
        inFlight.values().forEach(j -> left.add(j.user));
        left.forEach(visitor);
    }

    private void after(double delayS, Runnable action) {
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
}
