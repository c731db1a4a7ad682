package org.llmsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.llmsim.hardware.Dtype;
import org.llmsim.testing.TestScenarios;

/** A pool that names no weight format runs its checkpoint's own, as the model's config.json says. */
class CheckpointWeightsTest {
    static String scenario(String model) {
        return TestScenarios.scenario("""
                arrival: {process: poisson, rate_rps: 1}
                input_tokens: {dist: fixed, value: 500}
                output_tokens: {dist: fixed, value: 100}
                """, "gpu: h100-sxm\nmodel: " + model + "\n", 60, 0);
    }

    @Test
    void gptOss_runsTheMxfp4ItShipsIn_unlessThePoolSaysOtherwise() {
        // gpt-oss's config.json quantizes its experts to MXFP4 (quantization_config), recorded as native_weight_dtype
        assertEquals(Dtype.MXFP4, TestScenarios.load(scenario("gpt-oss-20b")).pools().get(0).hardware().weightDtype());
        // a weight_dtype the file or --set gives wins
        assertEquals(Dtype.BF16, TestScenarios.load(scenario("gpt-oss-20b"), "cluster.pools[0].weight_dtype=bf16")
                .pools().get(0).hardware().weightDtype());
        // and a model without a quantized checkpoint runs BF16 as before
        assertEquals(Dtype.BF16, TestScenarios.load(scenario("llama-3.1-8b")).pools().get(0).hardware().weightDtype());
    }
}
