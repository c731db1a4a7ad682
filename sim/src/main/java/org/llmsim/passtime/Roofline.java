package org.llmsim.passtime;

/**
 * The time of one kernel that does {@code computeS} of math and {@code memoryS} of HBM traffic (each at its
 * achievable rate). The ideal roofline is the larger of the two. Real kernels do not overlap the two perfectly near
 * the ridge point: a GEMM whose math and weight streaming take about as long runs slower than either. The knee
 * exponent {@code p} blends them as {@code (c^p + m^p)^(1/p)}, which tends to the ideal {@code max(c, m)} as
 * {@code p} grows and is never below it.
 */
public final class Roofline {
    /** The ideal roofline: no knee, the larger of the two times. */
    public static final double SHARP = Double.POSITIVE_INFINITY;

    private Roofline() {
    }

    /** {@code max(c, m)} for a sharp roofline, else {@code (c^p + m^p)^(1/p)}. */
    public static double timeS(double computeS, double memoryS, double knee) {
        if (knee == SHARP) {
            return Math.max(computeS, memoryS);
        }
        if (knee == 3) {
            return Math.cbrt(computeS * computeS * computeS + memoryS * memoryS * memoryS);
        }
        double hi = Math.max(computeS, memoryS);
        if (hi == 0) {
            return 0;
        }
        // scaled by the larger term so that large exponents do not overflow
        double a = computeS / hi;
        double b = memoryS / hi;
        return hi * Math.pow(Math.pow(a, knee) + Math.pow(b, knee), 1 / knee);
    }
}
