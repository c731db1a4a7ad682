package org.llmsim.scenario;

import org.llmsim.hardware.ModelProfile;

/** Checks of a model profile's optional architecture fields (latent, sliding-window and linear attention, MoE). */
final class ModelShapeChecks {
    private ModelShapeChecks() {
    }

    static void check(Problems p, ModelProfile m) {
        p.atLeast("moe_intermediate", m.moeIntermediate(), 1);
        p.atLeast("shared_experts", m.sharedExperts(), 0);
        p.atLeast("dense_layers", m.denseLayers(), 0);
        p.atLeast("mtp_layers", m.mtpLayers(), 0);
        p.atLeast("sliding_window", m.slidingWindow(), 1);
        p.atLeast("sliding_layers", m.slidingLayers(), 0);
        if ((m.slidingWindow() == null) != (m.slidingLayers() == null)) {
            p.add(m.slidingWindow() == null ? "sliding_window" : "sliding_layers",
                    "sliding_window and sliding_layers go together: give both or neither");
        }
        if (m.layers() == null) {
            return;
        }
        if (m.denseLayers() != null && m.denseLayers() > m.layers()) {
            p.add("dense_layers", "must be <= layers (" + m.layers() + "), got " + m.denseLayers());
        }
        ModelProfile.Mla mla = m.mla();
        if (mla != null) {
            p.atLeast("mla.q_lora_rank", mla.qLoraRank(), 1);
            String[] names = {"kv_lora_rank", "qk_nope_head_dim", "qk_rope_head_dim", "v_head_dim"};
            Integer[] values = {mla.kvLoraRank(), mla.qkNopeHeadDim(), mla.qkRopeHeadDim(), mla.vHeadDim()};
            for (int i = 0; i < names.length; i++) {
                if (p.required("mla." + names[i], values[i])) {
                    p.atLeast("mla." + names[i], values[i], 1);
                }
            }
        }
        ModelProfile.LinearAttention lin = m.linearAttention();
        int linear = 0;
        if (lin != null) {
            String[] names = {"layers", "key_heads", "value_heads", "key_head_dim", "value_head_dim", "conv_kernel"};
            Integer[] values = {lin.layers(), lin.keyHeads(), lin.valueHeads(), lin.keyHeadDim(), lin.valueHeadDim(),
                    lin.convKernel()};
            for (int i = 0; i < names.length; i++) {
                if (p.required("linear_attention." + names[i], values[i])) {
                    p.atLeast("linear_attention." + names[i], values[i], 1);
                }
            }
            linear = lin.layers() == null ? 0 : lin.layers();
        }
        int sliding = m.slidingLayers() == null ? 0 : m.slidingLayers();
        if (linear + sliding > m.layers()) {
            p.add(lin != null ? "linear_attention.layers" : "sliding_layers", "sliding and linear-attention layers ("
                    + (sliding + linear) + ") must not outnumber layers (" + m.layers() + ")");
        }
    }
}
