package org.llmsim.modelimport;

import java.util.Locale;

import org.llmsim.hardware.ModelProfile;

/**
 * A model profile as the text of a {@code gpu-profiles/models/<id>.yaml} file: the fields every profile has, then
 * those of the architecture's variants that are set, then the sources. Deterministic, so that a catalog file can be
 * compared with what the importer writes.
 */
public final class ProfileYaml {
    private ProfileYaml() {
    }

    public static String write(ModelProfile m) {
        StringBuilder b = new StringBuilder();
        b.append("# Written by llmsim model import from the config.json the sources name; re-import rather than edit.\n");
        line(b, "id", m.id());
        b.append("name: ").append(quote(m.name())).append('\n');
        b.append("params_b: ").append(String.format(Locale.ROOT, "%.3f", m.paramsB())).append('\n');
        if (m.activeParamsB() != null) {
            b.append("active_params_b: ").append(String.format(Locale.ROOT, "%.3f", m.activeParamsB())).append('\n');
        }
        line(b, "layers", m.layers());
        line(b, "hidden", m.hidden());
        line(b, "heads", m.heads());
        line(b, "kv_heads", m.kvHeads());
        line(b, "head_dim", m.headDim());
        line(b, "intermediate", m.intermediate());
        line(b, "vocab", m.vocab());
        line(b, "max_context", m.maxContext());
        line(b, "experts", m.experts());
        line(b, "experts_per_token", m.expertsPerToken());
        line(b, "moe_intermediate", m.moeIntermediate());
        line(b, "shared_experts", m.sharedExperts());
        line(b, "dense_layers", m.denseLayers());
        line(b, "tied_embeddings", m.tiedEmbeddings());
        line(b, "attention_bias", m.attentionBias());
        line(b, "mlp_bias", m.mlpBias());
        line(b, "attention_output_gate", m.attentionOutputGate());
        if (m.mla() != null) {
            ModelProfile.Mla a = m.mla();
            b.append("mla:\n");
            line(b, "  q_lora_rank", a.qLoraRank());
            line(b, "  kv_lora_rank", a.kvLoraRank());
            line(b, "  qk_nope_head_dim", a.qkNopeHeadDim());
            line(b, "  qk_rope_head_dim", a.qkRopeHeadDim());
            line(b, "  v_head_dim", a.vHeadDim());
        }
        line(b, "sliding_window", m.slidingWindow());
        line(b, "sliding_layers", m.slidingLayers());
        if (m.linearAttention() != null) {
            ModelProfile.LinearAttention a = m.linearAttention();
            b.append("linear_attention:\n");
            line(b, "  layers", a.layers());
            line(b, "  key_heads", a.keyHeads());
            line(b, "  value_heads", a.valueHeads());
            line(b, "  key_head_dim", a.keyHeadDim());
            line(b, "  value_head_dim", a.valueHeadDim());
            line(b, "  conv_kernel", a.convKernel());
        }
        line(b, "mtp_layers", m.mtpLayers());
        line(b, "native_weight_dtype", m.nativeWeightDtype());
        b.append("sources:\n");
        for (String s : m.sources()) {
            b.append("  - ").append(quote(s)).append('\n');
        }
        return b.toString();
    }

    /** "671.026 B parameters, 37.552 B active": the counts, for a message. */
    public static String count(ModelProfile m) {
        return String.format(Locale.ROOT, "%.3f B parameters", m.paramsB())
                + (m.activeParamsB() == null ? "" : String.format(Locale.ROOT, ", %.3f B active", m.activeParamsB()));
    }

    private static void line(StringBuilder b, String key, Object value) {
        if (value != null) {
            b.append(key).append(": ").append(value).append('\n');
        }
    }

    /** A double-quoted YAML scalar. */
    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
