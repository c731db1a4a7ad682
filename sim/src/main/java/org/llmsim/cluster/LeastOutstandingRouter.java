package org.llmsim.cluster;

import java.util.List;

import org.llmsim.engine.Replica;
import org.llmsim.request.Request;

/**
 * The replica with the fewest requests waiting or running ({@code least_outstanding}). The scan starts one past the
 * previous choice, so ties rotate over replicas instead of piling onto the first.
 */
final class LeastOutstandingRouter implements Router {
    private int start;

    @Override
    public Replica choose(Request request, List<Replica> replicas) {
        int n = replicas.size();
        int best = start % n;
        int bestLoad = replicas.get(best).outstanding();
        for (int k = 1; k < n && bestLoad > 0; k++) {
            int i = (start + k) % n;
            int load = replicas.get(i).outstanding();
            if (load < bestLoad) {
                best = i;
                bestLoad = load;
            }
        }
        start = best + 1;
        return replicas.get(best);
    }
}
