package org.llmsim.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EstimateTest {

    @Test
    void fiveValues_giveTheStudentTInterval() {
        // 1..5: mean 3, sample sd sqrt(2.5); t(0.975, 4 df) = 2.7764451
        Estimate e = Estimate.of(new double[] {1, 2, 3, 4, 5});
        assertEquals(5, e.n());
        assertEquals(3.0, e.mean(), 1e-12);
        assertEquals(Math.sqrt(2.5), e.stddev(), 1e-12);
        double half = 2.7764451 * Math.sqrt(2.5) / Math.sqrt(5);
        assertEquals(3 - half, e.ci95Low(), 1e-6);
        assertEquals(3 + half, e.ci95High(), 1e-6);
        assertEquals(half, e.halfWidth(), 1e-6);
        assertTrue(e.excludes(0.5));
        assertFalse(e.excludes(2.0));
    }

    @Test
    void undefinedValues_areLeftOut_andOneValueHasNoInterval() {
        Estimate e = Estimate.of(new double[] {Double.NaN, 2, 4});
        assertEquals(2, e.n());
        assertEquals(3.0, e.mean(), 1e-12);
        Estimate one = Estimate.of(new double[] {Double.NaN, 7});
        assertEquals(1, one.n());
        assertEquals(7.0, one.mean());
        assertTrue(Double.isNaN(one.ci95Low()) && Double.isNaN(one.halfWidth()));
        assertFalse(one.excludes(0));
        Estimate none = Estimate.of(new double[] {Double.NaN});
        assertEquals(0, none.n());
        assertTrue(Double.isNaN(none.mean()));
    }

    @Test
    void identicalValues_giveAZeroWidthInterval() {
        Estimate e = Estimate.of(new double[] {7.98, 7.98, 7.98});
        assertEquals(7.98, e.ci95Low(), 1e-12);
        assertEquals(7.98, e.ci95High(), 1e-12);
    }
}
