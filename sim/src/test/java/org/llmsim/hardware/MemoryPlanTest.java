package org.llmsim.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.llmsim.testing.TestScenarios;

class MemoryPlanTest {
    @Test
    void llama8bOnH100_holdsAboutFourHundredThousandTokensOfKv() {
        ReplicaHardware hw = new ReplicaHardware(TestScenarios.gpu("h100-sxm"), TestScenarios.model("llama-3.1-8b"),
                1, Dtype.BF16, Dtype.BF16);
        MemoryPlan plan = MemoryPlan.of(hw, 0.9, 8192, 256, 16);
        assertTrue(plan.fits());
        // 72 GB usable - 16.06 GB weights - activations - 1.5 GB reserve, at 128 KiB per token
        double expectedKvBytes = 72e9 - 16.06e9 - plan.activationBytesPerGpu() - 1.5e9;
        assertEquals(expectedKvBytes, plan.kvBytesPerGpu(), 1e3);
        assertEquals(Math.floor(expectedKvBytes / (131072.0 * 16)), plan.kvBlocks(), 1.0);
        assertTrue(plan.kvTokens() > 380_000 && plan.kvTokens() < 430_000, "kv tokens " + plan.kvTokens());
    }

    @Test
    void llama70b_doesNotFitOneOrTwoH100s_butFitsFour() {
        GpuProfile h100 = TestScenarios.gpu("h100-sxm");
        ModelProfile m = TestScenarios.model("llama-3.1-70b");
        assertFalse(MemoryPlan.of(new ReplicaHardware(h100, m, 1, Dtype.BF16, Dtype.BF16), 0.9, 8192, 256, 16)
                .fits());
        assertFalse(MemoryPlan.of(new ReplicaHardware(h100, m, 2, Dtype.BF16, Dtype.BF16), 0.9, 8192, 256, 16)
                .fits());
        assertTrue(MemoryPlan.of(new ReplicaHardware(h100, m, 4, Dtype.BF16, Dtype.BF16), 0.9, 8192, 256, 16)
                .fits());
    }

    @Test
    void smallestFittingTp_isTheFirstGroupThatFits_underTheSameSettings() {
        ModelProfile m = TestScenarios.model("llama-3.1-70b");
        ReplicaHardware onH100 = new ReplicaHardware(TestScenarios.gpu("h100-sxm"), m, 1, Dtype.BF16, Dtype.BF16);
        assertEquals(4, MemoryPlan.smallestFittingTp(onH100, 0.9, 8192, 256, 16, 8));
        // 35.3 GB of weights per GPU leave room on four L40S (43.2 GB usable each), though not 20% of it
        ReplicaHardware onL40s = new ReplicaHardware(TestScenarios.gpu("l40s"), m, 1, Dtype.BF16, Dtype.BF16);
        assertEquals(4, MemoryPlan.smallestFittingTp(onL40s, 0.9, 8192, 256, 16, 8));
        assertTrue(MemoryPlan.of(new ReplicaHardware(TestScenarios.gpu("l40s"), m, 4, Dtype.BF16, Dtype.BF16), 0.9,
                8192, 256, 16).fits());
        assertEquals(0, MemoryPlan.smallestFittingTp(onL40s, 0.9, 8192, 256, 16, 2));
    }

    @Test
    void fp8Weights_letLlama70bFitTwoH100s() {
        GpuProfile h100 = TestScenarios.gpu("h100-sxm");
        ModelProfile m = TestScenarios.model("llama-3.1-70b");
        assertTrue(MemoryPlan.of(new ReplicaHardware(h100, m, 2, Dtype.FP8, Dtype.BF16), 0.9, 8192, 256, 16).fits());
    }

    @Test
    void fewerKvHeadsThanGpus_replicatesAHeadPerGpu() {
        ModelProfile m = TestScenarios.model("llama-3.1-70b"); // 8 KV heads
        ReplicaHardware tp8 = new ReplicaHardware(TestScenarios.gpu("h100-sxm"), m, 8, Dtype.BF16, Dtype.BF16);
        assertEquals(327680.0 / 8, tp8.kvBytesPerTokenPerGpu(), 0.0);
    }
}
