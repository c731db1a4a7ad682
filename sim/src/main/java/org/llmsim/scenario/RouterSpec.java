package org.llmsim.scenario;

import java.util.List;
import java.util.Set;

/**
 * How requests are spread over the replicas of a pool ({@code cluster.router}, or a pool's own {@code router}).
 *
 * @param policy           a routing policy named in {@link PluggableKinds#routerPolicies()} (default {@code least_outstanding})
 * @param decisionLatencyS time the router takes to decide before a request reaches its replica, seconds (default 0;
 *                         an external scorer such as a KV-aware endpoint picker takes milliseconds)
 * @param affinityKey      {@code affinity} only: what a request is hashed on: {@code prefix} (the shared prefix),
 *                         {@code session} (the conversation) or {@code auto} (the session when the request belongs to
 *                         one, else its prefix; the default)
 * @param loadFactor       {@code affinity} only: a replica takes no more than {@code load_factor} times the mean
 *                         outstanding requests per replica, rounded up (consistent hashing with bounded loads);
 *                         default 1.25
 */
public record RouterSpec(String policy, Double decisionLatencyS, String affinityKey, Double loadFactor) {
    /** The values {@code affinity_key} takes. */
    public static final Set<String> AFFINITY_KEYS = Set.of("auto", "prefix", "session");

    public RouterSpec {
        if (policy == null) {
            policy = "least_outstanding";
        }
        if (decisionLatencyS == null) {
            decisionLatencyS = 0.0;
        }
        if (affinityKey == null) {
            affinityKey = "auto";
        }
        if (loadFactor == null) {
            loadFactor = 1.25;
        }
    }

    /** A router of {@code policy} with the default settings. */
    public RouterSpec(String policy) {
        this(policy, null, null, null);
    }

    public void validate(String path, Problems p) {
        List<String> policies = PluggableKinds.routerPolicies();
        if (!policies.contains(policy)) {
            p.add(path + ".policy", "must be one of " + String.join(", ", policies) + ", got '" + policy + "'");
        }
        p.nonNegative(path + ".decision_latency_s", decisionLatencyS);
        if (!AFFINITY_KEYS.contains(affinityKey)) {
            p.add(path + ".affinity_key", "must be one of auto, prefix, session, got '" + affinityKey + "'");
        }
        if (!(loadFactor >= 1) || Double.isInfinite(loadFactor)) {
            p.add(path + ".load_factor", "must be >= 1 (1 is perfectly balanced, larger allows more affinity), got "
                    + Problems.format(loadFactor));
        }
    }
}
