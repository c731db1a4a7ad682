package org.llmsim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.llmsim.passtime.Shape;
import org.llmsim.request.Request;

/**
 * Inter-token gaps when prompt-only passes stall the running answers (vLLM V0, SGLang): the answers' next token comes
 * after the stall and their own pass, and the gap a client sees is both.
 */
class InterTokenGapTest {

    @Test
    void aPromptOnlyPass_stallsTheRunningAnswer_andItsNextGapHoldsTheStall() {
        // given one answer decoding (128-token prompt, 40 tokens out) when a 4,000-token prompt arrives at 50 ms, on an
        // engine that runs prompts in passes of their own
        SchedulerConfig config = new SchedulerConfig(BatchingPolicy.PREFILL_FIRST, 8, 8192, 16, 100);
        ReplicaHarness h = new ReplicaHarness("h100-sxm", "llama-3.1-8b", config, 0)
                .submit(new Request(1, 0, 128, 40))
                .submit(new Request(2, 0.050, 4000, 2))
                .run(100);
        assertEquals(2, h.finished.size());
        // then every token after a first one is one gap: 39 for the first answer, 1 for the second
        assertEquals(39 + 1, h.itl.count());
        // and the longest gap is the first answer's across the stall: the 4,000-token prompt's pass, then the pass in
        // which both answers decode (the first holding at most 128 + 40 tokens, the second 4,001)
        double prompt = h.cost().timeS(Shape.prefill(4000, 0));
        double bothDecode = h.cost().timeS(Shape.decode(1, 128 + 12).plus(Shape.decode(1, 4000)));
        double longest = h.itl.quantile(1.0);
        assertEquals(prompt + bothDecode, longest, 0.002 * longest);
        // where a gap counted from its own pass's start alone would be a decode pass's few milliseconds
        double oneDecode = h.cost().timeS(Shape.decode(1, 128 + 12));
        assertTrue(longest > prompt + oneDecode, longest + " vs " + (prompt + oneDecode));
    }
}
