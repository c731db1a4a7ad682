package org.llmsim.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class ShardsTest {
    @Test
    void shardsAreContiguousRunsOfDomains_differingInSizeByAtMostOne() {
        assertEquals(List.of(List.of(0, 1), List.of(2, 3), List.of(4), List.of(5)), Shards.split(6, 4));
        assertEquals(List.of(List.of(0), List.of(1), List.of(2)), Shards.split(3, 3));
        assertEquals(List.of(List.of(0, 1, 2, 3, 4)), Shards.split(5, 1));
        assertThrows(IllegalArgumentException.class, () -> Shards.split(3, 4));
        assertThrows(IllegalArgumentException.class, () -> Shards.split(3, 0));
    }
}
