package org.llmsim.report;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.llmsim.metrics.Estimate;
import org.llmsim.metrics.LatencyStats;

/**
 * How every JSON file llmsim writes is built: nodes from one factory, numbers JSON cannot hold (NaN, infinities,
 * missing values) as {@code null}, latency summaries and estimates under one set of keys, and one indented rendering
 * ending in a newline. Users' scripts read these files, so the writers must agree on all of it.
 */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {
    }

    static ObjectNode object() {
        return NODES.objectNode();
    }

    static ArrayNode array() {
        return NODES.arrayNode();
    }

    /** Writes a number, or null for NaN, infinities and missing values (JSON has no NaN). */
    static void number(ObjectNode node, String key, Double value) {
        if (value == null || value.isNaN() || value.isInfinite()) {
            node.putNull(key);
        } else {
            node.put(key, value);
        }
    }

    /** {@code {count, mean, p50, p90, p95, p99, max, min, stddev}} in seconds. */
    static ObjectNode latency(LatencyStats s) {
        ObjectNode node = object();
        node.put("count", s.count());
        number(node, "mean", s.mean());
        number(node, "p50", s.p50());
        number(node, "p90", s.p90());
        number(node, "p95", s.p95());
        number(node, "p99", s.p99());
        number(node, "max", s.max());
        number(node, "min", s.min());
        number(node, "stddev", s.stddev());
        return node;
    }

    /** {@code {mean, ci95_low, ci95_high, stddev, n}} of a figure over replications. */
    static ObjectNode estimate(Estimate e) {
        ObjectNode node = object();
        number(node, "mean", e.mean());
        number(node, "ci95_low", e.ci95Low());
        number(node, "ci95_high", e.ci95High());
        number(node, "stddev", e.stddev());
        node.put("n", e.n());
        return node;
    }

    /** The node indented, with a final newline. */
    static String render(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("cannot render JSON", e);
        }
    }
}
