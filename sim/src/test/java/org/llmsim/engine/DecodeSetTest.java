package org.llmsim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.llmsim.request.Request;

class DecodeSetTest {
    private static Sequence sequence(long id, int input, int output, int generated, long kvTokens) {
        Sequence s = new Sequence(new Request(id, 0, input, output), id);
        s.generated = generated;
        s.numComputedTokens = kvTokens;
        return s;
    }

    @Test
    void blocksNeeded_countsSequencesWhoseLastBlockIsFull() {
        // block size 4; a holds 4 tokens (full block), b holds 6 (half a block)
        DecodeSet set = new DecodeSet(4);
        Sequence a = sequence(1, 4, 10, 1, 4);
        Sequence b = sequence(2, 6, 10, 1, 6);
        set.add(a);
        set.add(b);
        // next step: a needs a 2nd block (4 -> 5 tokens), b does not (6 -> 7)
        assertEquals(1, set.blocksNeededNextStep());
        set.advance(); // a 5, b 7
        assertEquals(0, set.blocksNeededNextStep());
        set.advance(); // a 6, b 8: b's block is now full
        assertEquals(1, set.blocksNeededNextStep());
        assertEquals(8, set.kvTokensOf(b));
    }

    @Test
    void attendedTokens_isContextPlusNewTokenSummedOverSequences() {
        DecodeSet set = new DecodeSet(16);
        set.add(sequence(1, 100, 10, 1, 100));
        set.add(sequence(2, 50, 10, 1, 50));
        assertEquals(101 + 51, set.nextStepAttendedTokens());
        set.advance();
        assertEquals(102 + 52, set.nextStepAttendedTokens());
    }

    @Test
    void pollFinished_returnsSequencesAtTheirLastTokenInFinishOrder() {
        DecodeSet set = new DecodeSet(16);
        Sequence longer = sequence(1, 10, 4, 1, 10); // 3 more tokens
        Sequence shorter = sequence(2, 10, 3, 1, 10); // 2 more tokens
        set.add(longer);
        set.add(shorter);
        set.advance();
        assertNull(set.pollFinished());
        set.advance();
        assertSame(shorter, set.pollFinished());
        assertEquals(3, shorter.generated);
        assertEquals(12, shorter.numComputedTokens); // the last token's KV is never written
        assertNull(set.pollFinished());
        set.advance();
        assertSame(longer, set.pollFinished());
        assertEquals(0, set.size());
    }

    @Test
    void newest_isTheLastAddedAndRemovalKeepsOrder() {
        DecodeSet set = new DecodeSet(16);
        Sequence a = sequence(1, 10, 50, 1, 10);
        Sequence b = sequence(2, 10, 50, 1, 10);
        Sequence c = sequence(3, 10, 50, 1, 10);
        set.add(a);
        set.add(b);
        set.add(c);
        assertSame(c, set.newest());
        set.remove(c);
        assertSame(b, set.newest());
        set.remove(a);
        assertSame(b, set.oldest());
        assertSame(b, set.newest());
    }

    @Test
    void advancingSeveralTokens_countsTheBlocksOfEveryPosition_andStopsAtTheLastToken() {
        // block size 4; a holds 4 tokens, b holds 6; a has 2 tokens left, b 9
        DecodeSet set = new DecodeSet(4);
        Sequence a = sequence(1, 4, 3, 1, 4);
        Sequence b = sequence(2, 6, 10, 1, 6);
        set.add(a);
        set.add(b);
        // three tokens each: a writes positions 4..6 (a new block at 4), b writes 6..8 (a new block at 8)
        assertEquals(2, set.blocksNeededOverNext(3));
        assertEquals(1, set.blocksNeededBy(a, 3));
        assertEquals(1, set.blocksNeededBy(b, 3));
        assertEquals(0, set.blocksNeededBy(b, 2));
        assertEquals(4 + 6, set.kvTokens());
        set.advance(3);
        // a needed 2 of the 3 tokens: it finishes with its whole output, holding the blocks the pass gave it
        assertSame(a, set.pollFinished());
        assertEquals(3, a.generated);
        assertEquals(7, a.numComputedTokens);
        assertNull(set.pollFinished());
        assertEquals(9, set.kvTokensOf(b));
    }
}
