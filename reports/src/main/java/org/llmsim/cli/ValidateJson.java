package org.llmsim.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.llmsim.hardware.ModelProfile;
import org.llmsim.hardware.ReplicaHardware;
import org.llmsim.scenario.PoolPlan;
import org.llmsim.scenario.ProviderPlan;
import org.llmsim.scenario.Scenario;

/** {@code llmsim validate --format json}: the resolved scenario, one object per pool, for scripts. */
final class ValidateJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ValidateJson() {
    }

    static String render(Scenario s) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("file", s.sourceFile());
        root.put("name", s.name());
        root.put("seed", s.seed());
        ArrayNode pools = root.putArray("pools");
        for (PoolPlan p : s.pools()) {
            ReplicaHardware hw = p.hardware();
            ModelProfile m = hw.model();
            ObjectNode o = pools.addObject();
            o.put("name", p.name());
            o.put("gpu", hw.gpu().id());
            o.put("model", m.id());
            o.put("replicas", p.replicas());
            o.put("tp", hw.tp());
            o.put("pp", hw.pp());
            o.put("dp", hw.dp());
            o.put("expert_parallel", hw.expertParallel() != null);
            o.put("gpus_per_replica", hw.gpus());
            o.put("weight_dtype", hw.weightDtype().yamlName());
            o.put("kv_dtype", hw.kvDtype().yamlName());
            if (hw.draft() != null) {
                o.put("draft_model", hw.draft().id());
            }
            o.put("engine", p.spec().engine().yamlName());
            o.put("weight_gb_per_gpu", p.memory().weightBytesPerGpu() / 1e9);
            // what one more token of a long context, beyond every sliding window, adds to each GPU's cache
            o.put("kv_bytes_per_token_per_gpu", hw.cacheBytesPerTokenPerGpu());
            o.put("fixed_cache_bytes_per_sequence_per_gpu", hw.fixedCacheBytesPerSequencePerGpu());
            o.put("kv_tokens_per_replica", p.memory().kvTokens());
            o.put("params_b", m.paramsB());
            o.put("active_params_b", m.activeParams() / 1e9);
            if (m.nativeWeightDtype() != null) {
                o.put("native_weight_dtype", m.nativeWeightDtype());
            }
            o.put("usd_per_hour", p.usdPerHour());
        }
        ArrayNode providers = root.putArray("providers");
        for (ProviderPlan p : s.providers()) {
            ObjectNode o = providers.addObject();
            o.put("name", p.name());
            o.put("provider", p.profile().id());
        }
        try {
            return MAPPER.writeValueAsString(root) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
