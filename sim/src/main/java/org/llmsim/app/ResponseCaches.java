package org.llmsim.app;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.llmsim.kernel.RandomStreams;
import org.llmsim.scenario.CacheSpec;
import org.llmsim.scenario.PluggableKinds;
import org.llmsim.workload.Samplers;

/**
 * The response-cache implementations, by their {@code kind:} in scenario files. A new kind is one class implementing
 * {@link ResponseCache} and one {@link #register} line below.
 */
public final class ResponseCaches {
    /** Builds a cache from its settings; {@code classNames} are the workload's classes by index. */
    @FunctionalInterface
    public interface Factory {
        ResponseCache create(CacheSpec spec, RandomStreams streams, List<String> classNames);
    }

    private static final Map<String, Factory> REGISTRY = new LinkedHashMap<>();

    static {
        register("exact", (spec, streams, classes) -> new ExactCache(spec.name(), capacity(spec), ttl(spec),
                Samplers.times(spec.lookupLatencyS(), streams.stream("cache/" + spec.name() + "/latency")),
                ClassFilter.of(spec.classes(), classes)));
        register("semantic", (spec, streams, classes) -> {
            double threshold = spec.similarityThreshold();
            double hit = spec.paraphraseHitRate() != null ? spec.paraphraseHitRate()
                    : SimilarityThresholds.paraphraseHitRate(threshold);
            double fp = spec.falsePositiveRate() != null ? spec.falsePositiveRate()
                    : SimilarityThresholds.falsePositiveRate(threshold);
            var latency = streams.stream("cache/" + spec.name() + "/latency");
            return new SemanticCache(spec.name(), capacity(spec), ttl(spec),
                    Samplers.times(spec.embeddingLatencyS(), latency), Samplers.times(spec.lookupLatencyS(), latency),
                    spec.embeddingUsdPerMtok(), hit, fp, streams.stream("cache/" + spec.name() + "/match"),
                    ClassFilter.of(spec.classes(), classes));
        });
    }

    private ResponseCaches() {
    }

    /** Adds a cache kind under {@code kind} (the {@code kind:} value that selects it). */
    public static synchronized void register(String kind, Factory factory) {
        REGISTRY.put(kind, factory);
        PluggableKinds.declareCacheKind(kind);
    }

    /** The registered kinds, in registration order. */
    public static synchronized List<String> kinds() {
        return new ArrayList<>(REGISTRY.keySet());
    }

    public static synchronized ResponseCache create(CacheSpec spec, RandomStreams streams, List<String> classNames) {
        Factory f = REGISTRY.get(spec.kind());
        if (f == null) {
            throw new IllegalArgumentException("unknown cache kind '" + spec.kind() + "'; known: " + kinds());
        }
        return f.create(spec, streams, classNames);
    }

    private static long capacity(CacheSpec spec) {
        return spec.capacityEntries() != null ? spec.capacityEntries() : Long.MAX_VALUE;
    }

    private static double ttl(CacheSpec spec) {
        return spec.ttlS() != null ? spec.ttlS() : Double.POSITIVE_INFINITY;
    }
}
