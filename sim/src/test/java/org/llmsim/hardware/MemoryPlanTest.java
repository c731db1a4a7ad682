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
        // activations of a profiling pass, by hand: 8,192 tokens x (3 x 14,336 + 4 x 4,096) x 2 bytes = 973,078,528
        // plus FP32 logits of 256 sequences over a 128,256-token vocabulary: 131,334,144; 1,104,412,672 in all
        assertEquals(1_104_412_672.0, plan.activationBytesPerGpu(), 0.5);
        // 80 GB x 0.9 = 72 GB usable - 16.06 GB weights (8.03 B x 2) - 1,104,412,672 - 1.5 GB reserve
        assertEquals(53_335_587_328.0, plan.kvBytesPerGpu(), 1e3);
        // at 128 KiB per token in blocks of 16: 2,097,152 bytes a block, 25,432 blocks, 406,912 tokens
        assertEquals(25_432, plan.kvBlocks());
        assertEquals(406_912, plan.kvTokens());
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
