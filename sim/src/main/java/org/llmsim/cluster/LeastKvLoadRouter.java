package org.llmsim.cluster;

import java.util.List;

import org.llmsim.engine.Replica;
import org.llmsim.request.Request;

/**
 * The replica whose KV cache is least used ({@code least_kv_load}): the share of KV blocks in use, the gauge vLLM
 * exports and KV-aware gateways score on. Requests still waiting hold no blocks, so ties (idle replicas) go to the
 * fewest waiting, then in turn.
 */
final class LeastKvLoadRouter implements Router {
    private int start;

    @Override
    public Replica choose(Request request, List<Replica> replicas) {
        int n = replicas.size();
        int best = start % n;
        double bestKv = replicas.get(best).kvUtilization();
        int bestWaiting = replicas.get(best).waitingCount();
        for (int k = 1; k < n; k++) {
            int i = (start + k) % n;
            Replica r = replicas.get(i);
            double kv = r.kvUtilization();
            if (kv < bestKv || (kv == bestKv && r.waitingCount() < bestWaiting)) {
                best = i;
                bestKv = kv;
                bestWaiting = r.waitingCount();
            }
        }
        start = best + 1;
        return replicas.get(best);
    }
}
