package org.llmsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.llmsim.hardware.ModelProfile;
import org.llmsim.hardware.ReplicaHardware;
import org.llmsim.testing.TestScenarios;

/** {@code speculative: {draft_model: mtp}}: DeepSeek-V3's multi-token-prediction layer as the draft model. */
class MtpDraftTest {
    private static String scenario(String model) {
        return """
                name: mtp
                seed: 1
                duration_s: 60
                workload:
                  arrival: {process: poisson, rate_rps: 1}
                  input_tokens: {dist: fixed, value: 1000}
                  output_tokens: {dist: fixed, value: 100}
                cluster:
                  pools:
                    - name: main
                      gpu: mi300x
                      model: %s
                      weight_dtype: fp8
                      replicas: 1
                      tensor_parallel: 8
                      speculative: {draft_model: mtp, k: 1, acceptance: 0.8}
                """.formatted(model);
    }

    @Test
    void theMtpLayer_isADraftOfOneLayer_sharingTheEmbeddingAndHead() {
        ReplicaHardware hw = TestScenarios.load(scenario("deepseek-v3")).pools().get(0).hardware();
        ModelProfile draft = hw.draft();
        assertEquals(1, draft.layers());
        // one MoE layer: MLA projections 187,105,280, router 7168 x 256, 257 experts of 3 x 7168 x 2048, two norms,
        // MLA norms 1536 + 512, the final norm before the shared head, and the projection joining embedding and
        // hidden state 2 x 7168 x 7168 with its two norms
        double expected = 187_105_280.0 + 7168.0 * 256 + 257 * 3.0 * 7168 * 2048 + 2 * 7168 + 1536 + 512 + 7168
                + 2.0 * 7168 * 7168 + 2 * 7168;
        assertEquals(expected / 1e9, draft.paramsB(), 1e-9);
        // DeepSeek's published MTP module: 11.5B parameters besides the shared embedding and head
        assertEquals(11.5, draft.paramsB(), 11.5 * 0.02);
        // every cached token holds the draft layer's latent too: 576 x 2 bytes beside the target's 70,272
        assertEquals(70_272.0 + 1_152.0, hw.cacheBytesPerTokenPerGpu());
    }

    @Test
    void aModelWithoutMtpLayers_isRefused() {
        InputException e = assertThrows(InputException.class, () -> TestScenarios.load(scenario("llama-3.1-70b")));
        assertTrue(e.getMessage().contains("cluster.pools[0].speculative.draft_model: mtp names the model's "
                + "multi-token-prediction layers, and llama-3.1-70b has none (mtp_layers)"), e.getMessage());
    }
}
