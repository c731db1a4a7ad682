package org.llmsim.cluster;

import java.util.List;

import org.llmsim.engine.Replica;
import org.llmsim.request.Request;

/**
 * The replica with the least projected KV-cache load ({@code least_kv_load}): the blocks in use (the gauge vLLM
 * exports and KV-aware gateways score on) plus the blocks the prompts waiting there will take, each counted as the
 * size of the one being placed, as a share of the replica's blocks. Counting the waiting prompts matters: the blocks
 * in use only change at pass boundaries, and a burst routed on them alone would all pile onto the same replica.
 * Ties go round in turn.
 */
final class LeastKvLoadRouter implements Router {
    private int start;

    @Override
    public Replica choose(Request request, List<Replica> replicas) {
        int n = replicas.size();
        int best = start % n;
        double bestLoad = load(replicas.get(best), request);
        for (int k = 1; k < n; k++) {
            int i = (start + k) % n;
            double load = load(replicas.get(i), request);
            if (load < bestLoad) {
                best = i;
                bestLoad = load;
            }
        }
        start = best + 1;
        return replicas.get(best);
    }

    private static double load(Replica r, Request request) {
        int blockSize = r.kvBlockSize();
        long promptBlocks = (request.inputTokens() + blockSize - 1) / blockSize;
        return (r.kvUtilization() * r.kvBlocks() + (double) r.waitingCount() * promptBlocks) / r.kvBlocks();
    }
}
