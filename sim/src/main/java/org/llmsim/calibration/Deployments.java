package org.llmsim.calibration;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.llmsim.scenario.PoolSpec;
import org.llmsim.scenario.StrictYaml;

/**
 * Builds deployments (scenario pools) from a base and a few fields named as in scenario files, through the same
 * binding that reads scenario files. Fields a pool gains later keep the base's values and their defaults, so the
 * calibration code never depends on the order of {@link PoolSpec}'s components.
 */
public final class Deployments {
    private Deployments() {
    }

    /**
     * A copy of {@code base} with {@code fields} replaced; keys are file names ({@code gpu}, {@code engine},
     * {@code scheduler.max_batch_size}), values anything YAML would hold (numbers, strings such as {@code bf16});
     * null values leave the field as it is.
     */
    public static PoolSpec with(PoolSpec base, Map<String, ?> fields) {
        return bind(StrictYaml.mapper().valueToTree(base), fields);
    }

    /** A deployment of just {@code fields} (as {@link #with}), every other field at its default. */
    public static PoolSpec of(Map<String, ?> fields) {
        return bind(StrictYaml.mapper().createObjectNode(), fields);
    }

    private static PoolSpec bind(ObjectNode tree, Map<String, ?> fields) {
        for (Map.Entry<String, ?> e : fields.entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            ObjectNode parent = tree;
            String[] path = e.getKey().split("\\.");
            for (int i = 0; i < path.length - 1; i++) {
                JsonNode child = parent.get(path[i]);
                parent = child instanceof ObjectNode o ? o : parent.putObject(path[i]);
            }
            Object v = e.getValue() instanceof Enum<?> en ? StrictYaml.mapper().valueToTree(en) : e.getValue();
            parent.set(path[path.length - 1], StrictYaml.mapper().valueToTree(v));
        }
        try {
            return StrictYaml.mapper().treeToValue(tree, PoolSpec.class);
        } catch (JsonProcessingException ex) {
            throw new IllegalArgumentException("cannot build a deployment from " + fields + ": " + ex.getMessage(), ex);
        }
    }
}
