package org.llmsim.cluster;

import java.util.Arrays;
import java.util.List;

import org.llmsim.engine.Replica;
import org.llmsim.request.Request;

/**
 * Prefix or session affinity ({@code affinity}): consistent hashing with bounded loads (Mirrokni, Thorup and
 * Zadimoghaddam, 2018). Requests with the same key (their shared prefix, or their conversation) go to the same
 * replica, where the prefix cache holds their KV, as long as that replica is not overloaded: a replica takes a
 * request only while its outstanding requests stay within {@code ceil(load_factor x mean)}; otherwise the request
 * walks on along the ring to the next replica under the bound. Requests without a key go to the replica with the
 * fewest outstanding requests.
 *
 * <pre>
 *   ring:  --r2---r0----r1--r2-----r0--r1---     each replica at VIRTUAL_NODES points
 *                  ^ hash(key): the first replica clockwise whose load is under the bound
 * </pre>
 */
final class AffinityRouter implements Router {
    /** Points per replica on the ring: enough that each replica's share of keys is within a few percent. */
    static final int VIRTUAL_NODES = 64;

    /** What a request is hashed on. */
    enum Key {
        /** The conversation when the request belongs to one, else the shared prefix. */
        AUTO,
        /** The shared prefix (system prompt). */
        PREFIX,
        /** The conversation (session). */
        SESSION;

        static Key of(String yaml) {
            return Key.valueOf(yaml.toUpperCase(java.util.Locale.ROOT));
        }
    }

    private static final long NO_KEY = Long.MIN_VALUE;

    private final Key key;
    private final double loadFactor;
    private final LeastOutstandingRouter fallback = new LeastOutstandingRouter();
    private List<Replica> ringOf;
    private long[] points;
    private int[] owners;

    AffinityRouter(Key key, double loadFactor) {
        this.key = key;
        this.loadFactor = loadFactor;
    }

    @Override
    public Replica choose(Request request, List<Replica> replicas) {
        long k = keyOf(request);
        if (k == NO_KEY || replicas.size() == 1) {
            return fallback.choose(request, replicas);
        }
        if (ringOf != replicas) {
            buildRing(replicas);
        }
        long total = 1; // the request being placed
        for (Replica r : replicas) {
            total += r.outstanding();
        }
        long bound = (long) Math.ceil(loadFactor * total / replicas.size());
        int at = Arrays.binarySearch(points, mix(k));
        if (at < 0) {
            at = -at - 1;
        }
        for (int step = 0; step < points.length; step++) {
            Replica r = replicas.get(owners[(at + step) % points.length]);
            if (r.outstanding() + 1 <= bound) {
                return r;
            }
        }
        return fallback.choose(request, replicas); // unreachable: some replica is at or below the mean
    }

    private long keyOf(Request r) {
        boolean session = r.contextId() >= 0;
        boolean prefix = r.prefixId() >= 0 && r.prefixTokens() > 0;
        return switch (key) {
            // sessions are ids >= 0; prefixes are complemented into the negative numbers so the two never collide
            case AUTO -> session ? r.contextId() : prefix ? ~r.prefixId() : NO_KEY;
            case PREFIX -> prefix ? ~r.prefixId() : NO_KEY;
            case SESSION -> session ? r.contextId() : NO_KEY;
        };
    }

    private void buildRing(List<Replica> replicas) {
        int n = replicas.size() * VIRTUAL_NODES;
        long[][] pairs = new long[n][2];
        for (int i = 0; i < replicas.size(); i++) {
            for (int v = 0; v < VIRTUAL_NODES; v++) {
                pairs[i * VIRTUAL_NODES + v][0] = mix(mix(replicas.get(i).index()) ^ v);
                pairs[i * VIRTUAL_NODES + v][1] = i;
            }
        }
        Arrays.sort(pairs, (a, b) -> Long.compare(a[0], b[0]));
        points = new long[n];
        owners = new int[n];
        for (int j = 0; j < n; j++) {
            points[j] = pairs[j][0];
            owners[j] = (int) pairs[j][1];
        }
        ringOf = replicas;
    }

    /** SplitMix64 finaliser: spreads ids uniformly over the ring. */
    static long mix(long x) {
        long z = x + 0x9e3779b97f4a7c15L;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
