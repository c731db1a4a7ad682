package org.llmsim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FormatTest {
    @Test
    void milliseconds_scaleTheirPrecisionWithMagnitude() {
        assertEquals("7.83", Format.ms(0.00783));
        assertEquals("31.1", Format.ms(0.0311));
        assertEquals("147", Format.ms(0.1466));
        assertEquals("4,633", Format.ms(4.6326));
        assertEquals("-", Format.ms(Double.NaN));
    }

    @Test
    void dollars_keepSignificantDigitsForSmallAmounts() {
        assertEquals("$7.98", Format.usd(7.98));
        assertEquals("$0.000225", Format.usd(0.00022479));
        assertEquals("$5,825", Format.usd(5825.4));
    }

    @Test
    void csvSeconds_areFixedPointMicroseconds() {
        assertEquals("1.500000", RequestsCsvWriter.seconds(new StringBuilder(), 1.5).toString());
        assertEquals("0.000001", RequestsCsvWriter.seconds(new StringBuilder(), 1.2e-6).toString());
        assertEquals("", RequestsCsvWriter.seconds(new StringBuilder(), Double.NaN).toString());
    }
}
