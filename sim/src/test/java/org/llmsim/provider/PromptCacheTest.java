package org.llmsim.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.llmsim.request.Request;

class PromptCacheTest {
    private static final double TTL_S = 300;

    /** A call of {@code input} tokens starting with the 2,000-token shared prefix 7, sent at {@code t}. */
    private static Request withPrefix(long id, double t, int input) {
        return new Request(id, t, input, 100).withSharedPrefix(7, 2000);
    }

    @Test
    void firstCall_writesThePrefix_andTheNextOneWithinTheTtlReadsIt() {
        PromptCache cache = new PromptCache(TTL_S, 1024);
        // given a first call that writes the prefix and gets its first token at t = 1
        CallTokens first = cache.bill(withPrefix(1, 0, 3000), 0, 1, false);
        assertEquals(new CallTokens(1000, 0, 2000, 100, false), first);
        // when the next call comes 200 s later, within the TTL
        CallTokens second = cache.bill(withPrefix(2, 200, 3000), 200, 201, false);
        // then it reads the prefix and writes nothing
        assertEquals(new CallTokens(1000, 2000, 0, 100, false), second);
    }

    @Test
    void entry_expiresTtlAfterItsLastUse_andEveryReadRefreshesIt() {
        PromptCache cache = new PromptCache(TTL_S, 1024);
        cache.bill(withPrefix(1, 0, 3000), 0, 1, false);            // written, alive until 301
        cache.bill(withPrefix(2, 250, 3000), 250, 251, false);      // read at 250: alive until 550
        CallTokens third = cache.bill(withPrefix(3, 540, 3000), 540, 541, false);
        assertEquals(2000, third.cachedInput(), "refreshed by the read at 250");
        CallTokens late = cache.bill(withPrefix(4, 900, 3000), 900, 901, false);
        assertEquals(0, late.cachedInput(), "840 s after its last read (at 540 + 300 it expired)");
        assertEquals(2000, late.cacheWrite());
    }

    @Test
    void oneHourCache_stillHoldsThePrefixAfterFiveMinutes() {
        PromptCache fiveMinutes = new PromptCache(300, 1024);
        PromptCache oneHour = new PromptCache(3600, 1024);
        for (PromptCache c : new PromptCache[] {fiveMinutes, oneHour}) {
            c.bill(withPrefix(1, 0, 3000), 0, 1, false);
        }
        assertEquals(0, fiveMinutes.bill(withPrefix(2, 1800, 3000), 1800, 1801, false).cachedInput());
        assertEquals(2000, oneHour.bill(withPrefix(2, 1800, 3000), 1800, 1801, false).cachedInput());
    }

    @Test
    void concurrentCall_beforeTheFirstTokenOfTheWriter_writesAgain() {
        PromptCache cache = new PromptCache(TTL_S, 1024);
        cache.bill(withPrefix(1, 0, 3000), 0, 2.0, false);          // readable from t = 2
        CallTokens concurrent = cache.bill(withPrefix(2, 1, 3000), 1, 3, false);
        assertEquals(2000, concurrent.cacheWrite());
        assertEquals(0, concurrent.cachedInput());
    }

    @Test
    void shortPrefix_isNeverCached() {
        PromptCache cache = new PromptCache(TTL_S, 4096);
        cache.bill(withPrefix(1, 0, 3000), 0, 1, false);
        assertEquals(new CallTokens(3000, 0, 0, 100, false), cache.bill(withPrefix(2, 10, 3000), 10, 11, false));
    }

    @Test
    void conversation_readsThePreviousTurnsPrompt_andWritesTheRest() {
        PromptCache cache = new PromptCache(TTL_S, 1024);
        Request turn1 = new Request(1, 0, 1500, 100).withSharedPrefix(7, 500).inContext(42);
        Request turn2 = new Request(2, 30, 2100, 100).withSharedPrefix(7, 500).inContext(42);
        // turn 1 writes its whole prompt (the prefix alone is too short to cache)
        assertEquals(new CallTokens(0, 0, 1500, 100, false), cache.bill(turn1, 0, 1, false));
        // turn 2 reads turn 1's prompt and writes its own new 600 tokens
        assertEquals(new CallTokens(0, 1500, 600, 100, false), cache.bill(turn2, 30, 31, false));
    }
}
