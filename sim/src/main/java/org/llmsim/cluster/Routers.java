package org.llmsim.cluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.math3.random.RandomGenerator;
import org.llmsim.kernel.RandomStreams;
import org.llmsim.scenario.PluggableKinds;
import org.llmsim.scenario.RouterSpec;

/**
 * The routing policies, by their {@code policy:} name in scenario files. A new policy is one class implementing
 * {@link Router} and one {@link #register} line below.
 */
public final class Routers {
    /** Builds a router from its settings and the random stream it may draw from. */
    @FunctionalInterface
    public interface Factory {
        Router create(RouterSpec spec, RandomGenerator rng);
    }

    private static final Map<String, Factory> REGISTRY = new LinkedHashMap<>();

    static {
        register("round_robin", (spec, rng) -> new RoundRobinRouter());
        register("random", (spec, rng) -> new RandomRouter(rng));
        register("least_outstanding", (spec, rng) -> new LeastOutstandingRouter());
        register("least_kv_load", (spec, rng) -> new LeastKvLoadRouter());
        register("power_of_two", (spec, rng) -> new PowerOfTwoRouter(rng));
        register("affinity", (spec, rng) -> new AffinityRouter(AffinityRouter.Key.of(spec.affinityKey()),
                spec.loadFactor()));
    }

    private Routers() {
    }

    /** Adds a policy under {@code name} (the {@code policy:} value that selects it). */
    public static synchronized void register(String name, Factory factory) {
        REGISTRY.put(name, factory);
        PluggableKinds.declareRouterPolicy(name);
    }

    /** The registered policy names, in registration order. */
    public static synchronized List<String> names() {
        return new ArrayList<>(REGISTRY.keySet());
    }

    /**
     * A router for {@code spec}; a policy that draws at random uses the stream named {@code streamName}, so that
     * each pool's router has its own.
     */
    public static synchronized Router create(RouterSpec spec, RandomStreams streams, String streamName) {
        Factory f = REGISTRY.get(spec.policy());
        if (f == null) {
            throw new IllegalArgumentException("unknown router policy '" + spec.policy() + "'; known: " + names());
        }
        return f.create(spec, streams.stream(streamName));
    }
}
