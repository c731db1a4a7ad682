package org.llmsim.hardware;

/**
 * One model replica: a model on a tensor-parallel group of {@code tp} identical GPUs, with the data types of its
 * weights and KV cache. Derives the byte counts the cost model and the memory plan use.
 */
public record ReplicaHardware(GpuProfile gpu, ModelProfile model, int tp, Dtype weightDtype, Dtype kvDtype) {

    public ReplicaHardware {
        if (tp < 1) {
            throw new IllegalArgumentException("tensor parallelism must be >= 1, got " + tp);
        }
    }

    /** Bytes of all weights of the model, summed over the GPUs of the group. */
    public double weightBytes() {
        return model.params() * weightDtype.bytesPerElement();
    }

    /** Bytes of one expert's weights over all layers (MoE); 0 for a dense model. */
    public double expertBytes() {
        if (!model.isMixtureOfExperts()) {
            return 0;
        }
        // total = shared + E * expert, active = shared + k * expert
        double expertParams = (model.params() - model.activeParams()) / (model.experts() - model.expertsPerToken());
        return expertParams * weightDtype.bytesPerElement();
    }

    /** KV-cache bytes of one token for the whole replica: {@code 2 L Hkv dh bkv}. */
    public double kvBytesPerToken() {
        return model.kvElementsPerToken() * kvDtype.bytesPerElement();
    }

    /**
     * KV-cache bytes of one token on one GPU of the group. KV heads are split across GPUs; when there are fewer KV heads
     * than GPUs each GPU keeps a copy of one head, as tensor-parallel engines do.
     */
    public double kvBytesPerTokenPerGpu() {
        int headsPerGpu = (model.kvHeads() + tp - 1) / tp;
        return 2.0 * model.layers() * headsPerGpu * model.headDim() * kvDtype.bytesPerElement();
    }

    /** Number of GPUs the replica occupies (and pays for). */
    public int gpus() {
        return tp;
    }

    /** A short description such as "llama-3.1-70b bf16 on 4x h100-sxm". */
    public String describe() {
        return model.id() + " " + weightDtype.yamlName() + " on " + tp + "x " + gpu.id();
    }
}
