package org.llmsim.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.llmsim.testing.TestScenarios;

class ParallelLayoutTest {
    private static final GpuProfile H100 = TestScenarios.gpu("h100-sxm");
    private static final ModelProfile MIXTRAL = TestScenarios.model("mixtral-8x7b");

    private static ReplicaHardware mixtral(int dp, int tp, boolean ep) {
        return new ReplicaHardware(H100, MIXTRAL, tp, Dtype.BF16, Dtype.BF16, 1, null, dp,
                ep ? ExpertParallel.DEEPEP_DEFAULT : null);
    }

    @Test
    void mixtralAtDp2Tp2WithExperts_splitsTheExpertsFourWays_andKeepsAttentionPerRank() {
        // 46.703 B parameters of which 12.880 B are active with 2 of 8 experts: one expert is (46.703 - 12.880) / 6
        // = 5.6372 B over all layers, the eight 45.0973 B, the rest (attention, router, embeddings) 1.6057 B.
        // In BF16 each GPU holds 1.6057 x 2 / 2 (tp) + 45.0973 x 2 / 4 (dp x tp) = 1.6057 + 22.5487 = 24.1543 GB
        ReplicaHardware hw = mixtral(2, 2, true);
        assertEquals(24.154333e9, hw.weightBytesPerGpu(), 1e3);
        // without expert parallelism at TP2, every GPU holds half of all 46.703 B
        assertEquals(46.703e9, mixtral(1, 2, false).weightBytesPerGpu(), 1e3);
        // the replica pays for its four GPUs
        assertEquals(4, hw.gpus());
        // KV: 8 KV heads over tp 2, 4 per GPU: 2 x 32 layers x 4 x 128 x 2 bytes, per rank as without dp
        assertEquals(65_536.0, hw.kvBytesPerTokenPerGpu(), 0.0);
    }

    @Test
    void aDenseReplica_holdsTwiceTheKvWithTwoRanks_andAnExpertParallelOneMoreThanTwice() {
        ModelProfile llama = TestScenarios.model("llama-3.1-8b");
        MemoryPlan one = MemoryPlan.of(new ReplicaHardware(H100, llama, 1, Dtype.BF16, Dtype.BF16), 0.9, 8192, 256,
                16);
        MemoryPlan two = MemoryPlan.of(new ReplicaHardware(H100, llama, 1, Dtype.BF16, Dtype.BF16, 1, null, 2, null),
                0.9, 8192, 256, 16);
        // each rank sizes its own cache on its own GPU: the same per GPU, twice the blocks per replica
        assertEquals(one.kvBytesPerGpu(), two.kvBytesPerGpu(), 0.0);
        assertEquals(2L * one.kvBlocks(), two.kvBlocks());
        // with experts spread over both ranks each GPU frees half its expert weights for KV: more than twice
        MemoryPlan ep1 = MemoryPlan.of(mixtral(1, 2, true), 0.9, 8192, 256, 16);
        MemoryPlan ep2 = MemoryPlan.of(mixtral(2, 2, true), 0.9, 8192, 256, 16);
        assertEquals(ep1.weightBytesPerGpu() - 45.097333e9 * 2 / 4, ep2.weightBytesPerGpu(), 1e3);
        assertTrue(ep2.kvBlocks() > 2 * ep1.kvBlocks(), ep1.kvBlocks() + " vs " + ep2.kvBlocks());
    }

    @Test
    void stageHops_crossDomainsOnlyWhereARankLeavesOne() {
        // 4 stages of 4 GPUs in domains of 8: stages 1-2 in one node, 3-4 in the next, one hop crosses
        assertEquals(1, new ParallelLayout(4, 4, 1, false, 8).stageHopsAcrossDomains());
        // 2 stages of 4 fit one node; two such ranks fill it
        assertEquals(0, new ParallelLayout(4, 2, 2, false, 8).stageHopsAcrossDomains());
        // 4 stages of 8: every hop crosses
        assertEquals(3, new ParallelLayout(8, 4, 1, false, 8).stageHopsAcrossDomains());
        // an NVL72 domain holds all 64 GPUs
        assertEquals(0, new ParallelLayout(8, 8, 1, false, 72).stageHopsAcrossDomains());
        assertTrue(new ParallelLayout(16, 1, 1, false, 8).tpSpansDomains());
    }

    @Test
    void expertGroup_isDpTimesTp_spreadOverTheDomains() {
        ParallelLayout inNode = new ParallelLayout(2, 1, 2, true, 8);
        assertEquals(4, inNode.expertGroup());
        assertEquals(4, inNode.expertGroupPerDomain());
        // four ranks of 4 GPUs over nodes of 8: two ranks (8 GPUs) per node, 16 in the group
        ParallelLayout twoNodes = new ParallelLayout(4, 1, 4, true, 8);
        assertEquals(16, twoNodes.expertGroup());
        assertEquals(8, twoNodes.expertGroupPerDomain());
        assertEquals(2, new ParallelLayout(2, 1, 2, false, 8).expertGroup());
    }

    @Test
    void theSlowestRank_holdsTheCeilingOfAnEvenSpread() {
        ParallelLayout dp2 = new ParallelLayout(1, 1, 2, false, 8);
        assertEquals(2.0 / 3, dp2.slowestRankShare(3), 0.0);
        assertEquals(0.5, dp2.slowestRankShare(4), 0.0);
        assertEquals(1.0, dp2.slowestRankShare(1), 0.0);
        assertEquals(1.0, new ParallelLayout(1, 1, 1, false, 8).slowestRankShare(5), 0.0);
    }

    @Test
    void expertParallelismOnADenseModel_isRefused() {
        ModelProfile llama = TestScenarios.model("llama-3.1-8b");
        assertThrows(IllegalArgumentException.class, () -> new ReplicaHardware(H100, llama, 1, Dtype.BF16, Dtype.BF16,
                1, null, 2, ExpertParallel.DEEPEP_DEFAULT));
    }
}
