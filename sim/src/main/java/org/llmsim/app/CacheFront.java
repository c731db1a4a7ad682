package org.llmsim.app;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.llmsim.metrics.AppResult;
import org.llmsim.metrics.CostCalculator;
import org.llmsim.request.Request;

/**
 * The response caches in front of the models, in the scenario's order. A user request is looked up in each cache
 * that applies to its class, one after the other, each lookup billed and taking its latency (one event when it takes
 * time); the first hit answers it, and when none does the models do and every cache that applies keeps the answer.
 * What happened is counted in a {@link CacheTally}.
 */
final class CacheFront {
    private final List<ResponseCache> caches;
    private final CacheTally tally;
    private final LayerClock clock;
    private final Billing billing;

    CacheFront(List<ResponseCache> caches, CacheTally tally, LayerClock clock, Billing billing) {
        this.caches = List.copyOf(caches);
        this.tally = tally;
        this.clock = clock;
        this.billing = billing;
    }

    /**
     * Looks the journey's user request up in the caches, in order; then {@code miss} runs when none had it, or
     * {@code hit} with the cache that answered.
     */
    void lookUp(InFlight j, Consumer<InFlight> miss, BiConsumer<InFlight, ResponseCache> hit) {
        int first = next(j.user, 0);
        if (first < caches.size()) {
            tally.firstLookup(j.user);
        }
        lookup(j, first, miss, hit);
    }

    private int next(Request user, int from) {
        int i = from;
        while (i < caches.size() && !caches.get(i).appliesTo(user)) {
            i++;
        }
        return i;
    }

    /** Asks cache {@code i}, then the next ones. */
    private void lookup(InFlight j, int i, Consumer<InFlight> miss, BiConsumer<InFlight, ResponseCache> hit) {
        if (i >= caches.size()) {
            miss.accept(j);
            return;
        }
        ResponseCache cache = caches.get(i);
        Request user = j.user;
        ResponseCache.Outcome outcome = cache.lookup(user, clock.now());
        double usd = cache.lookupUsd(user);
        billing.cacheLookup(j, cache.name(), usd);
        tally.lookedUp(i, user, usd);
        Runnable next = outcome == ResponseCache.Outcome.MISS ? () -> lookup(j, next(user, i + 1), miss, hit)
                : () -> {
                    tally.hit(i, user, outcome == ResponseCache.Outcome.FALSE_POSITIVE);
                    hit.accept(j, cache);
                };
        clock.after(cache.lookupLatencyS(), next);
    }

    /** The models answered {@code user} (a single call): every cache that applies keeps the answer. */
    void store(Request user, double nowS) {
        for (ResponseCache cache : caches) {
            if (cache.appliesTo(user)) {
                cache.store(user, nowS);
            }
        }
    }

    /** The models answered a user request (a single call or a pipeline): a hit's saving is priced by these. */
    void modelAnswered() {
        tally.modelAnswered();
    }

    /**
     * Hits and their worth. Saved dollars: each hit (over the whole run) avoided a request's API spend, taken as the
     * mean API spend of the requests the models answered.
     *
     * @param apiUsd the run's API spend
     */
    AppResult.CacheSummary summary(double apiUsd) {
        if (caches.isEmpty()) {
            return AppResult.CacheSummary.NONE;
        }
        double apiPerAnswer = tally.modelAnswers() == 0 ? 0 : apiUsd / tally.modelAnswers();
        List<AppResult.CacheResult> each = new ArrayList<>();
        double saved = 0;
        double cost = 0;
        for (int i = 0; i < caches.size(); i++) {
            ResponseCache c = caches.get(i);
            CacheTally.Counts n = tally.of(i);
            double s = n.hitsInRun() * apiPerAnswer;
            saved += s;
            cost += n.usd();
            each.add(new AppResult.CacheResult(c.name(), c.kind(), n.lookups(), n.hits(),
                    CostCalculator.ratio(n.hits(), n.lookups()), n.falsePositives(), s, n.usd(), c.entries()));
        }
        CacheTally.Counts all = tally.anyCache();
        return new AppResult.CacheSummary(all.lookups(), all.hits(), CostCalculator.ratio(all.hits(), all.lookups()),
                all.falsePositives(), saved, cost, List.copyOf(each));
    }
}
