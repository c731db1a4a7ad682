package org.llmsim.app;

import org.llmsim.request.Request;
import org.llmsim.workload.TimeSampler;

/**
 * Exact-match response cache ({@code kind: exact}): hit when the same question in the same words (the request's
 * content key) was answered, is still held (LRU under its capacity in entries) and has not expired. Requests that
 * carry no content key never hit.
 */
final class ExactCache extends StoredAnswers {
    private final TimeSampler latency;

    ExactCache(String name, long capacity, double ttlS, TimeSampler latency, ClassFilter classes) {
        super(name, capacity, ttlS, classes);
        this.latency = latency;
    }

    @Override
    public String kind() {
        return "exact";
    }

    @Override
    public Outcome lookup(Request user, double nowS) {
        if (user.contentKey() < 0) {
            return Outcome.MISS;
        }
        return answers.get(user.contentKey(), nowS) != LruTtlStore.ABSENT ? Outcome.HIT : Outcome.MISS;
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
            answers.put(user.contentKey(), user.contentKey(), nowS);
        }
    }
}
