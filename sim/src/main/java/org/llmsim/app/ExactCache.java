package org.llmsim.app;

import org.llmsim.request.Request;
import org.llmsim.workload.TimeSampler;

/**
 * Exact-match response cache ({@code kind: exact}): hit when the same question in the same words (the request's
 * content key) was answered, is still held (LRU under its capacity in entries) and has not expired. Requests that
 * carry no content key never hit.
 */
final class ExactCache implements ResponseCache {
    private final String name;
    private final LruTtlStore store;
    private final TimeSampler latency;
    private final ClassFilter classes;

    ExactCache(String name, long capacity, double ttlS, TimeSampler latency, ClassFilter classes) {
        this.name = name;
        this.store = new LruTtlStore(capacity, ttlS);
        this.latency = latency;
        this.classes = classes;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String kind() {
        return "exact";
    }

    @Override
    public boolean appliesTo(Request user) {
        return classes.accepts(user);
    }

    @Override
    public Outcome lookup(Request user, double nowS) {
        if (user.contentKey() < 0) {
            return Outcome.MISS;
        }
        return store.get(user.contentKey(), nowS) != LruTtlStore.ABSENT ? Outcome.HIT : Outcome.MISS;
    }

    @Override
    public double lookupLatencyS() {
        return latency.sampleS();
    }

    @Override
    public double lookupUsd(Request user) {
        return 0;
    }

    @Override
    public void store(Request user, double nowS) {
        if (user.contentKey() >= 0) {
            store.put(user.contentKey(), user.contentKey(), nowS);
        }
    }

    @Override
    public long entries() {
        return store.size();
    }
}
