package org.llmsim.planning;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.llmsim.hardware.Dtype;

/**
 * The command that starts one replica of a planned deployment on its serving engine ({@code launch.sh} beside
 * {@code winner.yaml}): vLLM's {@code vllm serve}, SGLang's {@code python -m sglang.launch_server} or TensorRT-LLM's
 * {@code trtllm-serve}, with the parallel layout, batch limits, memory share, KV format and prefix caching that were
 * simulated. Flags are those of vLLM 0.10-0.11 ({@code vllm-v0}: 0.6), SGLang 0.4-0.5 and TensorRT-LLM 1.x.
 *
 * <p>How the layouts map: vLLM takes {@code dp} ranks of {@code tp} GPUs as written, expert parallelism spanning
 * them. SGLang's data-parallel attention counts every GPU of a stage in {@code --tp} ({@code --tp dp*tp --dp dp
 * --enable-dp-attention}, batch limits for the whole server), and without it runs {@code dp} copies of {@code tp}
 * GPUs. TensorRT-LLM's attention data parallelism likewise counts them all in {@code --tp_size}.
 */
public final class LaunchScript {
    private LaunchScript() {
    }

    /**
     * The whole file: a comment header ({@code header} lines), notes on checkpoints and nodes, the command.
     *
     * @param header lines saying where the file came from, without the leading "# "
     */
    public static String render(LaunchSpec spec, List<String> header) {
        StringBuilder b = new StringBuilder("#!/bin/sh\n");
        for (String line : header) {
            b.append("# ").append(line).append('\n');
        }
        b.append("# One replica: ").append(spec.gpus()).append(" GPUs (").append(layout(spec)).append("). ")
                .append(spec.autoscaled() ? "Up to " + spec.replicas() + " replicas, autoscaled"
                        : "Run " + spec.replicas() + (spec.replicas() == 1 ? " replica" : " replicas"))
                .append(spec.replicas() == 1 && !spec.autoscaled() ? ".\n"
                        : ", each its own server, behind a router or load balancer.\n");
        if (spec.hfId() == null) {
            b.append("# ").append(spec.modelId()).append(": set the Hugging Face id (its profile names no "
                    + "repository).\n");
        }
        String checkpoint = checkpointNote(spec);
        if (checkpoint != null) {
            b.append("# ").append(checkpoint).append('\n');
        }
        if (spec.engine() == org.llmsim.hardware.ServingEngine.VLLM_V0 && (spec.dp() > 1 || spec.expertParallel())) {
            b.append("# vLLM 0.6 has no data or expert parallelism: this layout was simulated, but needs a newer vLLM "
                    + "(engine vllm) to launch.\n");
        }
        if (spec.engine() == org.llmsim.hardware.ServingEngine.TRTLLM && spec.dp() > 1) {
            b.append(spec.expertParallel() && spec.tp() > 1 ? "# TensorRT-LLM's attention data parallelism gives each "
                    + "rank's attention one GPU; llmsim simulated " + spec.dp() + " ranks of " + spec.tp() + ".\n"
                    : !spec.expertParallel() ? "# Dense data parallelism: run " + spec.dp() + " of these servers per "
                    + "replica (" + spec.dp() + " x " + spec.tp() + " GPUs).\n" : "");
        }
        if (spec.nodes() > 1) {
            b.append("# The replica spans ").append(spec.nodes()).append(" servers of ").append(spec.gpusPerNode())
                    .append(" GPUs: ").append(multiNodeNote(spec)).append('\n');
        }
        List<String> args = switch (spec.engine()) {
            case VLLM, VLLM_V0 -> vllm(spec);
            case SGLANG -> sglang(spec);
            case TRTLLM -> trtllm(spec);
        };
        if (spec.engine() == org.llmsim.hardware.ServingEngine.TRTLLM) {
            b.append(trtllmOptionsFile(spec));
        }
        b.append(String.join(" \\\n    ", args)).append('\n');
        return b.toString();
    }

    /** The command alone, on one line (what the terminal shows). */
    public static String commandLine(LaunchSpec spec) {
        List<String> args = switch (spec.engine()) {
            case VLLM, VLLM_V0 -> vllm(spec);
            case SGLANG -> sglang(spec);
            case TRTLLM -> trtllm(spec);
        };
        return String.join(" ", args);
    }

    private static String model(LaunchSpec s) {
        return s.hfId() != null ? s.hfId() : s.modelId();
    }

    /** vLLM: {@code vllm serve}. */
    static List<String> vllm(LaunchSpec s) {
        List<String> a = new ArrayList<>();
        a.add("vllm serve " + model(s));
        boolean v0 = s.engine() == org.llmsim.hardware.ServingEngine.VLLM_V0;
        a.add("--tensor-parallel-size " + s.tp());
        a.add("--pipeline-parallel-size " + s.pp());
        if (!v0) { // vLLM 0.6 has neither flag (render notes it)
            a.add("--data-parallel-size " + s.dp());
            if (s.expertParallel()) {
                a.add("--enable-expert-parallel");
            }
        }
        a.add("--max-num-seqs " + s.maxNumSeqs());
        a.add("--max-num-batched-tokens " + s.maxBatchedTokens());
        a.add("--gpu-memory-utilization " + fraction(s.gpuMemoryUtilization()));
        String dtype = sixteenBit(s.weightDtype(), "bfloat16", "float16");
        if (dtype != null) {
            a.add("--dtype " + dtype);
        } else if (s.weightDtype() == Dtype.FP8) {
            a.add("--quantization fp8");
        }
        a.add("--kv-cache-dtype " + (s.kvDtype() == Dtype.FP8 ? "fp8" : "auto"));
        if (v0) {
            // vLLM 0.6: prefix caching is off unless asked for, and there is no flag to say off
            if (s.prefixCaching()) {
                a.add("--enable-prefix-caching");
            }
            a.add("--num-scheduler-steps " + s.schedulerSteps());
        } else {
            a.add(s.prefixCaching() ? "--enable-prefix-caching" : "--no-enable-prefix-caching");
        }
        return a;
    }

    /** SGLang: {@code python -m sglang.launch_server}. */
    static List<String> sglang(LaunchSpec s) {
        List<String> a = new ArrayList<>();
        a.add("python -m sglang.launch_server --model-path " + model(s));
        // data-parallel attention: --tp counts every GPU of a stage, the limits are the whole server's
        boolean dpAttention = s.dp() > 1 && s.expertParallel();
        int scale = dpAttention ? s.dp() : 1;
        a.add("--tp " + (dpAttention ? s.dp() * s.tp() : s.tp()));
        if (s.dp() > 1) {
            a.add("--dp " + s.dp());
        }
        if (dpAttention) {
            a.add("--enable-dp-attention");
        }
        if (s.pp() > 1) {
            a.add("--pp-size " + s.pp());
        }
        if (s.expertParallel()) {
            a.add("--ep-size " + s.dp() * s.tp());
        }
        a.add("--max-running-requests " + s.maxNumSeqs() * scale);
        a.add("--chunked-prefill-size " + s.maxBatchedTokens() * scale);
        a.add("--mem-fraction-static " + fraction(s.gpuMemoryUtilization()));
        String dtype = sixteenBit(s.weightDtype(), "bfloat16", "float16");
        if (dtype != null) {
            a.add("--dtype " + dtype);
        } else if (s.weightDtype() == Dtype.FP8) {
            a.add("--quantization fp8");
        }
        if (s.kvDtype() == Dtype.FP8) {
            a.add("--kv-cache-dtype fp8_e4m3");
        }
        if (!s.prefixCaching()) {
            a.add("--disable-radix-cache");
        }
        if (!s.overlapScheduler()) {
            a.add("--disable-overlap-schedule");
        }
        return a;
    }

    /** The file of LLM API options trtllm-serve reads ({@code --extra_llm_api_options}). */
    static final String TRTLLM_OPTIONS = "extra-llm-api-options.yaml";

    /** TensorRT-LLM: {@code trtllm-serve} (PyTorch backend). */
    static List<String> trtllm(LaunchSpec s) {
        List<String> a = new ArrayList<>();
        a.add("trtllm-serve " + model(s));
        a.add("--backend pytorch");
        // attention data parallelism spans the experts' GPUs; a dense model's ranks are separate servers
        a.add("--tp_size " + (s.expertParallel() ? s.dp() * s.tp() : s.tp()));
        if (s.pp() > 1) {
            a.add("--pp_size " + s.pp());
        }
        if (s.expertParallel()) {
            a.add("--ep_size " + s.dp() * s.tp());
        }
        a.add("--max_batch_size " + s.maxNumSeqs());
        a.add("--max_num_tokens " + s.maxBatchedTokens());
        a.add("--kv_cache_free_gpu_memory_fraction " + fraction(s.kvFreeFraction()));
        a.add("--extra_llm_api_options " + TRTLLM_OPTIONS);
        return a;
    }

    /** KV format, block reuse and attention data parallelism go in a YAML file, written by the script itself. */
    static String trtllmOptionsFile(LaunchSpec s) {
        StringBuilder b = new StringBuilder("cat > " + TRTLLM_OPTIONS + " <<'EOF'\n");
        b.append("kv_cache_config:\n");
        if (s.kvDtype() == Dtype.FP8) {
            b.append("  dtype: fp8\n");
        }
        b.append("  enable_block_reuse: ").append(s.prefixCaching()).append('\n');
        if (s.dp() > 1 && s.expertParallel()) {
            b.append("enable_attention_dp: true\n");
        }
        return b.append("EOF\n").toString();
    }

    /** "tp 2 x pp 1 x dp 2, expert parallel". */
    private static String layout(LaunchSpec s) {
        return "tp " + s.tp() + " x pp " + s.pp() + " x dp " + s.dp() + (s.expertParallel() ? ", expert parallel"
                : "") + "; " + s.weightDtype().yamlName() + " weights, " + s.kvDtype().yamlName() + " KV cache";
    }

    /** bf16/fp16 as the engine names them; null for other formats. */
    private static String sixteenBit(Dtype d, String bf16, String fp16) {
        return d == Dtype.BF16 ? bf16 : d == Dtype.FP16 ? fp16 : null;
    }

    /** Where a weight format needs a checkpoint made in it rather than a flag. */
    private static String checkpointNote(LaunchSpec s) {
        boolean trt = s.engine() == org.llmsim.hardware.ServingEngine.TRTLLM;
        return switch (s.weightDtype()) {
            case BF16, FP16 -> null;
            case FP8 -> trt ? "fp8 weights: serve an FP8 checkpoint of the model (for example one quantized with "
                    + "TensorRT Model Optimizer); the format is read from it." : null;
            case INT8 -> "int8 weights: serve an INT8 W8A8 checkpoint of the model (e.g. compressed-tensors or "
                    + "SmoothQuant); the engine reads the format from it.";
            case INT4 -> "int4 weights: serve an AWQ or GPTQ 4-bit checkpoint of the model; the engine reads the "
                    + "format from it.";
            case FP4 -> "fp4 weights: serve an NVFP4 checkpoint of the model (TensorRT Model Optimizer); the engine "
                    + "reads the format from it.";
            case MXFP4 -> "mxfp4 weights: serve an MXFP4 checkpoint of the model (gpt-oss is published in it); the "
                    + "engine reads the format from it.";
        };
    }

    private static String multiNodeNote(LaunchSpec s) {
        return switch (s.engine()) {
            case VLLM, VLLM_V0 -> "start a Ray cluster over them and run this on its head node (tensor and pipeline "
                    + "groups across nodes), or for data-parallel ranks on separate nodes add "
                    + "--data-parallel-size-local and --data-parallel-address on each.";
            case SGLANG -> "run this on each with --nnodes " + s.nodes() + " --node-rank R --dist-init-addr "
                    + "HOST:PORT (R from 0, HOST the first node).";
            case TRTLLM -> "launch it on every rank with mpirun or srun through trtllm-llmapi-launch.";
        };
    }

    /** A share with two decimals, as the engines' examples write them ("0.9", "0.88"). */
    static String fraction(double v) {
        String s = String.format(Locale.ROOT, "%.2f", v);
        return s.endsWith("0") ? s.substring(0, s.length() - 1) : s;
    }
}
