package org.llmsim.modelimport;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.llmsim.hardware.ModelParams;
import org.llmsim.hardware.ModelProfile;

/**
 * A model profile from a published Hugging Face {@code config.json}. Reads the shapes every supported architecture
 * publishes, counts the parameters from them ({@link ModelParams}) and refuses, naming the key, anything it cannot
 * price: an unknown architecture, a missing shape, an attention or rotary variant it does not know, or a
 * cost-relevant key that the architecture's reader does not take (a variant llmsim would otherwise ignore silently).
 *
 * <p>Vision towers of multimodal checkpoints ({@code Gemma3ForConditionalGeneration},
 * {@code Llama4ForConditionalGeneration}) are left out: the profile is the text model of {@code text_config}.
 * Llama 4's chunked local attention (every layer but each fourth, which uses no rotary embedding) is priced as a
 * sliding window of {@code attention_chunk_size}: it bounds the KV a layer holds and reads by the same amount.
 */
public final class ConfigImporter {
    /** Architectures llmsim reads, as {@code config.json} names them. */
    public static final List<String> SUPPORTED = List.of("LlamaForCausalLM", "MistralForCausalLM",
            "MixtralForCausalLM", "Qwen2ForCausalLM", "Qwen3ForCausalLM", "Qwen3MoeForCausalLM",
            "Qwen3NextForCausalLM", "DeepseekV3ForCausalLM", "GptOssForCausalLM", "Gemma3ForCausalLM",
            "Gemma3ForConditionalGeneration", "Llama4ForConditionalGeneration");

    /** Keys that change what a model costs; one that carries a value the architecture's reader did not take is refused. */
    static final List<String> COST_KEYS = List.of("kv_lora_rank", "q_lora_rank", "qk_rope_head_dim",
            "qk_nope_head_dim", "v_head_dim", "linear_num_value_heads", "linear_num_key_heads",
            "full_attention_interval", "attention_chunk_size", "layer_types", "sliding_window",
            "sliding_window_pattern", "use_sliding_window", "num_local_experts", "num_experts", "n_routed_experts",
            "n_shared_experts", "first_k_dense_replace", "num_nextn_predict_layers", "moe_intermediate_size",
            "shared_expert_intermediate_size", "interleave_moe_layer_step", "moe_layers", "mlp_only_layers",
            "decoder_sparse_step", "moe_layer_freq", "intermediate_size_mlp", "no_rope_layers", "attn_output_gate",
            "attention_type", "num_experts_per_tok", "experts_per_token", "attention_bias", "mlp_bias");

    /** Rotary scalings that change positions only, not what a pass computes. */
    static final Set<String> ROPE_TYPES = Set.of("default", "linear", "dynamic", "yarn", "llama3", "longrope");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<ConfigProblems.Problem> problems = new ArrayList<>();
    private ConfigReader c;
    private String architecture;
    // the shapes, filled by the architecture's reader
    private Integer layers;
    private Integer hidden;
    private Integer heads;
    private Integer kvHeads;
    private Integer headDim;
    private Integer intermediate;
    private Integer vocab;
    private Integer maxContext;
    private Integer experts;
    private Integer expertsPerToken;
    private Integer moeIntermediate;
    private Integer sharedExperts;
    private Integer denseLayers;
    private boolean tied;
    private boolean attentionBias;
    private boolean mlpBias;
    private Boolean outputGate;
    private ModelProfile.Mla mla;
    private Integer slidingWindow;
    private Integer slidingLayers;
    private ModelProfile.LinearAttention linear;
    private Integer mtpLayers;
    private String nativeDtype;

    private ConfigImporter() {
    }

    /**
     * Imports a config.
     *
     * @param json   the text of {@code config.json}
     * @param id     the profile's id
     * @param name   the profile's name; null: the id
     * @param source what the sources line names the config by (a public URL with its commit, or the file)
     * @throws ConfigProblems naming every field that could not be read or interpreted
     */
    public static ModelProfile importConfig(String json, String id, String name, String source) {
        return new ConfigImporter().read(json, id, name == null ? id : name, source);
    }

    private ModelProfile read(String json, String id, String name, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ConfigProblems(List.of(new ConfigProblems.Problem("", "is not valid JSON: "
                    + e.getOriginalMessage())));
        }
        if (root == null || !root.isObject()) {
            throw new ConfigProblems(List.of(new ConfigProblems.Problem("", "must be a JSON object (a config.json)")));
        }
        JsonNode archs = root.get("architectures");
        architecture = archs != null && archs.isArray() && archs.size() == 1 ? archs.get(0).asText() : null;
        if (architecture == null || !SUPPORTED.contains(architecture)) {
            throw new ConfigProblems(List.of(new ConfigProblems.Problem("architectures", (architecture == null
                    ? "must name one architecture" : "'" + architecture + "' is not supported")
                    + "; supported: " + String.join(", ", SUPPORTED))));
        }
        boolean multimodal = architecture.endsWith("ForConditionalGeneration");
        JsonNode text = multimodal ? root.get("text_config") : root;
        if (text == null || !text.isObject()) {
            throw new ConfigProblems(List.of(new ConfigProblems.Problem("text_config",
                    "is required for " + architecture + " (the language model's shapes)")));
        }
        c = new ConfigReader(text, multimodal ? "text_config." : "", problems);
        readCommon();
        switch (architecture) {
            case "LlamaForCausalLM" -> { }
            case "MistralForCausalLM" -> readWindowOnEveryLayer();
            case "MixtralForCausalLM" -> {
                readWindowOnEveryLayer();
                readExperts("num_local_experts");
            }
            case "Qwen2ForCausalLM", "Qwen3ForCausalLM" -> readQwenWindow();
            case "Qwen3MoeForCausalLM" -> {
                readQwenWindow();
                readQwenExperts();
            }
            case "Qwen3NextForCausalLM" -> readQwenNext();
            case "DeepseekV3ForCausalLM" -> readDeepseek();
            case "GptOssForCausalLM" -> readGptOss();
            case "Gemma3ForCausalLM", "Gemma3ForConditionalGeneration" -> readGemma();
            default -> readLlama4();
        }
        readQuantization(root);
        List<String> unread = c.unread(COST_KEYS);
        if (!unread.isEmpty()) {
            problems.add(new ConfigProblems.Problem(String.join(", ", unread), "could not be interpreted for "
                    + architecture + ": llmsim does not price this variant of the architecture"));
        }
        if (!problems.isEmpty()) {
            throw new ConfigProblems(problems);
        }
        ModelProfile shapes = new ModelProfile(id, name, null, null, layers, hidden, heads, kvHeads, headDim,
                intermediate, vocab, experts, expertsPerToken, maxContext, List.of(), moeIntermediate,
                sharedExperts, denseLayers, tied ? Boolean.TRUE : null, attentionBias ? Boolean.TRUE : null,
                mlpBias ? Boolean.TRUE : null, outputGate, mla, slidingWindow, slidingLayers, linear, mtpLayers,
                nativeDtype);
        ModelParams params = new ModelParams(shapes);
        double total = round3(params.total() / 1e9);
        Double active = shapes.isMixtureOfExperts() ? round3(params.active() / 1e9) : null;
        List<String> sources = List.of("config.json (" + architecture + (multimodal ? ", text_config: the text model"
                + " only" : "") + "): " + source, "params_b" + (active == null ? "" : " and active_params_b")
                + ": derived, counted from those shapes by llmsim model import (" + (tied ? "tied embeddings counted once"
                : "input embedding and LM head counted apart") + (active == null ? "" : "; active: every weight but"
                + " the routed experts a token is not sent to, input embedding included")
                + (mtpLayers == null ? "" : "; the multi-token-prediction layers left out") + ")");
        return shapes.withCounts(total, active, sources);
    }

    private static double round3(double x) {
        return Math.round(x * 1000) / 1000.0;
    }

    private void readCommon() {
        hidden = c.required("hidden_size");
        layers = c.required("num_hidden_layers");
        heads = c.required("num_attention_heads");
        kvHeads = c.optional("num_key_value_heads", heads);
        Integer derived = hidden != null && heads != null && heads > 0 && hidden % heads == 0 ? hidden / heads : null;
        headDim = c.optional("head_dim", derived);
        if (headDim == null && c.raw("head_dim") == null) {
            c.problem("head_dim", "is required when hidden_size is not a multiple of num_attention_heads");
        }
        intermediate = c.required("intermediate_size");
        boolean gemma = architecture.startsWith("Gemma3");
        // Gemma 3's published text_config leaves these at the transformers class defaults
        vocab = gemma ? c.optional("vocab_size", 262_208) : c.required("vocab_size");
        maxContext = gemma ? c.optional("max_position_embeddings", 131_072) : c.required("max_position_embeddings");
        tied = c.flag("tie_word_embeddings", gemma);
        attentionBias = c.flag("attention_bias", false);
        mlpBias = c.flag("mlp_bias", false);
        JsonNode rope = c.raw("rope_scaling");
        if (rope != null) {
            JsonNode type = rope.has("rope_type") ? rope.get("rope_type") : rope.get("type");
            String t = type == null ? "default" : type.asText();
            if (!ROPE_TYPES.contains(t)) {
                c.problem("rope_scaling", "rope type '" + t + "' could not be interpreted; known: "
                        + String.join(", ", ROPE_TYPES.stream().sorted().toList()));
            }
        }
        if (kvHeads != null && heads != null && kvHeads > 0 && heads % kvHeads != 0) {
            c.problem("num_key_value_heads", "must divide num_attention_heads (" + heads + "), got " + kvHeads);
        }
    }

    /** Mistral's {@code sliding_window}: every layer attends within it. */
    private void readWindowOnEveryLayer() {
        Integer w = c.optional("sliding_window", null);
        if (w != null && maxContext != null && w < maxContext) {
            slidingWindow = w;
            slidingLayers = layers;
        }
    }

    /** Qwen's window, when {@code use_sliding_window}: layers from {@code max_window_layers} on use it. */
    private void readQwenWindow() {
        boolean use = c.flag("use_sliding_window", false);
        Integer w = c.optional("sliding_window", null);
        Integer from = c.optional("max_window_layers", layers);
        c.raw("layer_types");
        if (use && w != null && from != null && layers != null && from < layers) {
            slidingWindow = w;
            slidingLayers = layers - from;
        }
        if ("Qwen2ForCausalLM".equals(architecture)) {
            attentionBias = true; // Qwen2's query, key and value projections carry biases
        }
    }

    private void readExperts(String countKey) {
        experts = c.required(countKey);
        expertsPerToken = c.required("num_experts_per_tok");
    }

    private void readQwenExperts() {
        readExperts("num_experts");
        moeIntermediate = c.required("moe_intermediate_size");
        int step = c.optional("decoder_sparse_step", 1);
        List<Integer> mlpOnly = c.integers("mlp_only_layers");
        if (layers == null || step < 1) {
            return;
        }
        int moe = 0;
        for (int i = 0; i < layers; i++) {
            if ((mlpOnly == null || !mlpOnly.contains(i)) && (i + 1) % step == 0) {
                moe++;
            }
        }
        denseLayers = moe == layers ? null : layers - moe;
    }

    private void readQwenNext() {
        readQwenExperts();
        Integer shared = c.optional("shared_expert_intermediate_size", 0);
        if (shared != null && shared > 0 && moeIntermediate != null) {
            if (shared % moeIntermediate != 0) {
                c.problem("shared_expert_intermediate_size", "must be a multiple of moe_intermediate_size ("
                        + moeIntermediate + ") for llmsim to price it as shared experts, got " + shared);
            } else {
                sharedExperts = shared / moeIntermediate;
            }
        }
        outputGate = c.flag("attn_output_gate", true) ? Boolean.TRUE : null;
        Integer interval = c.optional("full_attention_interval", 4);
        List<String> types = c.texts("layer_types");
        int linearLayers = 0;
        if (types != null) {
            linearLayers = countTypes(types, "linear_attention");
        } else if (layers != null && interval != null && interval > 0) {
            linearLayers = layers - layers / interval;
        }
        Integer kh = c.required("linear_num_key_heads");
        Integer vh = c.required("linear_num_value_heads");
        Integer kd = c.required("linear_key_head_dim");
        Integer vd = c.required("linear_value_head_dim");
        Integer conv = c.required("linear_conv_kernel_dim");
        if (linearLayers > 0) {
            linear = new ModelProfile.LinearAttention(linearLayers, kh, vh, kd, vd, conv);
        }
    }

    private void readDeepseek() {
        Integer qLora = c.optional("q_lora_rank", null);
        Integer kvLora = c.required("kv_lora_rank");
        Integer nope = c.required("qk_nope_head_dim");
        Integer rope = c.required("qk_rope_head_dim");
        Integer v = c.required("v_head_dim");
        mla = new ModelProfile.Mla(qLora, kvLora, nope, rope, v);
        if (nope != null && rope != null) {
            headDim = nope + rope;
        }
        readExperts("n_routed_experts");
        moeIntermediate = c.required("moe_intermediate_size");
        Integer shared = c.optional("n_shared_experts", 0);
        sharedExperts = shared == null || shared == 0 ? null : shared;
        int firstDense = c.optional("first_k_dense_replace", 0);
        int freq = c.optional("moe_layer_freq", 1);
        if (layers != null && freq >= 1) {
            int moe = 0;
            for (int i = firstDense; i < layers; i++) {
                if (i % freq == 0) {
                    moe++;
                }
            }
            denseLayers = moe == layers ? null : layers - moe;
        }
        Integer mtp = c.optional("num_nextn_predict_layers", 0);
        mtpLayers = mtp == null || mtp == 0 ? null : mtp;
    }

    private void readGptOss() {
        experts = c.required("num_local_experts");
        expertsPerToken = c.optional("num_experts_per_tok", c.optional("experts_per_token", null));
        if (expertsPerToken == null) {
            c.problem("num_experts_per_tok", "is required for this architecture (a whole number)");
        }
        mlpBias = true; // gpt-oss's experts and router carry biases
        readLayerTypes();
    }

    private void readGemma() {
        List<String> types = c.texts("layer_types");
        Integer w = c.optional("sliding_window", 4096);
        int pattern = c.optional("sliding_window_pattern", 6);
        if (types != null) {
            readLayerTypes();
        } else if (layers != null && pattern > 0) {
            slidingWindow = w;
            slidingLayers = layers - layers / pattern;
        }
    }

    private void readLlama4() {
        experts = c.required("num_local_experts");
        expertsPerToken = c.required("num_experts_per_tok");
        moeIntermediate = intermediate;
        intermediate = c.required("intermediate_size_mlp");
        sharedExperts = 1;
        List<Integer> moeLayers = c.integers("moe_layers");
        int step = c.optional("interleave_moe_layer_step", 1);
        if (layers != null) {
            int moe = moeLayers != null ? moeLayers.size() : step < 1 ? layers : layers / step;
            denseLayers = moe == layers ? null : layers - moe;
        }
        Integer chunk = c.optional("attention_chunk_size", null);
        List<Integer> rope = c.integers("no_rope_layers");
        if (chunk != null && layers != null) {
            int chunked = 0;
            for (int i = 0; i < layers; i++) {
                // no_rope_layers: 1 where the layer uses rotary embeddings (and chunked attention), 0 where global
                boolean usesRope = rope != null && i < rope.size() ? rope.get(i) != 0 : (i + 1) % 4 != 0;
                chunked += usesRope ? 1 : 0;
            }
            slidingWindow = chunk;
            slidingLayers = chunked;
        }
    }

    /** {@code layer_types} with {@code sliding_window}: the sliding layers attend within it. */
    private void readLayerTypes() {
        List<String> types = c.texts("layer_types");
        Integer w = c.optional("sliding_window", null);
        if (types == null) {
            if (w != null) {
                slidingWindow = w;
                slidingLayers = layers;
            }
            return;
        }
        int sliding = countTypes(types, "sliding_attention");
        if (sliding > 0) {
            if (w == null) {
                c.problem("sliding_window", "is required when layer_types has sliding_attention layers");
            }
            slidingWindow = w;
            slidingLayers = sliding;
        }
    }

    private int countTypes(List<String> types, String wanted) {
        if (layers != null && types.size() != layers) {
            c.problem("layer_types", "must list num_hidden_layers (" + layers + ") layers, got " + types.size());
        }
        int n = 0;
        Set<String> known = Set.of("full_attention", "sliding_attention", "linear_attention");
        for (String t : types) {
            if (!known.contains(t)) {
                c.problem("layer_types", "layer type '" + t + "' could not be interpreted; known: "
                        + String.join(", ", known.stream().sorted().toList()));
                return n;
            }
            n += t.equals(wanted) ? 1 : 0;
        }
        return n;
    }

    /** The checkpoint's own weight format, from {@code quantization_config.quant_method}. */
    private void readQuantization(JsonNode root) {
        JsonNode q = root.get("quantization_config");
        if (q == null || !q.isObject() || !q.has("quant_method")) {
            return;
        }
        String method = q.get("quant_method").asText().toLowerCase(Locale.ROOT);
        nativeDtype = switch (method) {
            case "fp8" -> "fp8";
            case "mxfp4" -> "mxfp4";
            case "nvfp4", "modelopt_fp4" -> "fp4";
            default -> method;
        };
    }
}
