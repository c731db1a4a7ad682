package org.llmsim.hardware;

/**
 * Expert parallelism of a mixture-of-experts replica (vLLM's {@code --enable-expert-parallel}): each GPU of a
 * pipeline stage holds whole experts, {@code experts / (data_parallel x tensor_parallel)} of them, and every MoE layer
 * sends each token to the GPUs of its experts (dispatch) and brings the results back (combine).
 *
 * @param dispatchDtype format of the hidden states a dispatch sends (DeepEP's kernels send FP8 with per-block scales)
 * @param combineDtype  format of the expert outputs a combine returns (BF16 in DeepEP)
 * @param imbalance     tokens of the busiest GPU's experts over the mean, at least 1: the slowest GPU sets the MoE
 *                      layer's time, so the expert GEMMs take this factor longer than under an even spread
 */
public record ExpertParallel(Dtype dispatchDtype, Dtype combineDtype, double imbalance) {

    /** As DeepEP runs it: FP8 dispatch, BF16 combine; experts evenly loaded. */
    public static final ExpertParallel DEEPEP_DEFAULT = new ExpertParallel(Dtype.FP8, Dtype.BF16, 1.0);

    public ExpertParallel {
        if (dispatchDtype == null || combineDtype == null) {
            throw new IllegalArgumentException("expert parallelism needs dispatch and combine formats");
        }
        if (!(imbalance >= 1)) {
            throw new IllegalArgumentException("expert load imbalance must be >= 1, got " + imbalance);
        }
    }
}
