package org.llmsim.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TokenPricesTest {
    /** $4 in, $0.40 cached in, $20 out per million; writes at 1.25x; batch half price. */
    private static final TokenPrices FRONTIER = new TokenPrices(4.0, 0.4, 20.0, 1.25, 0.5);

    @Test
    void cost_ofThousandInTwoHundredOut_isEightTenthsOfACent() {
        // given 1,000 uncached prompt tokens and 200 output tokens at $4 and $20 per million
        CallCost c = FRONTIER.cost(new CallTokens(1000, 0, 0, 200, false));
        // then 1000 x 4e-6 + 200 x 20e-6 = $0.008
        assertEquals(0.004, c.inputUsd(), 1e-12);
        assertEquals(0.004, c.outputUsd(), 1e-12);
        assertEquals(0.008, c.totalUsd(), 1e-12);
    }

    @Test
    void cost_ofCacheWrites_paysTheWriteMultiplier() {
        CallCost c = FRONTIER.cost(new CallTokens(0, 0, 1000, 0, false));
        assertEquals(1000 * 4e-6 * 1.25, c.cacheWriteUsd(), 1e-12);
    }

    @Test
    void cost_ofBatchCacheReads_isFiveHundredthsOfTheInputPrice() {
        // when a batch call reads its whole prompt from the cache
        CallCost c = FRONTIER.cost(new CallTokens(0, 1_000_000, 0, 0, true));
        // then it pays 0.1 (cache read) x 0.5 (batch) = 0.05 of the input price
        assertEquals(0.05 * 4.0, c.totalUsd(), 1e-9);
    }

    @Test
    void cost_throughTheBatchApi_isHalfOfEveryPrice() {
        CallCost interactive = FRONTIER.cost(new CallTokens(700, 200, 100, 300, false));
        CallCost batch = FRONTIER.cost(new CallTokens(700, 200, 100, 300, true));
        assertEquals(interactive.totalUsd() / 2, batch.totalUsd(), 1e-12);
    }
}
