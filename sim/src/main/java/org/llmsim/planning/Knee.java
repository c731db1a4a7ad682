package org.llmsim.planning;

import java.util.ArrayList;
import java.util.List;

/**
 * The knee of a latency-load curve: the load at which latency starts to grow faster than the load itself, defined
 * through the elasticity of the latency {@code T} with respect to the load {@code L},
 *
 * <pre>
 *   e(L) = d ln T / d ln L        (a 1% increase of the load raises T by e%)
 * </pre>
 *
 * Below the knee {@code e} is near 0 (latency is service time, not queueing); approaching saturation it grows without
 * bound. The knee is the lowest load at which {@code e} reaches a threshold (default 1: latency grows in proportion
 * to the load). For an M/D/1 queue's mean response time, {@code e = rho / ((1 - rho)(2 - rho))}, which reaches 1 at
 * {@code rho = 2 - sqrt(2) = 0.59}. From sampled points, {@code e} is the slope between neighbours in log-log space,
 * placed at their geometric mean load and interpolated linearly to the crossing.
 */
public final class Knee {
    /** The default elasticity threshold. */
    public static final double DEFAULT_ELASTICITY = 1.0;

    private Knee() {
    }

    /**
     * The knee of the curve through {@code (loads[i], latencies[i])}, or NaN when the elasticity stays under
     * {@code threshold} over the range. Points need not be sorted; points with non-positive or undefined values and
     * repeated loads are left out.
     */
    public static double of(double[] loads, double[] latencies, double threshold) {
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < loads.length; i++) {
            if (loads[i] > 0 && latencies[i] > 0 && Double.isFinite(loads[i]) && Double.isFinite(latencies[i])) {
                points.add(new double[] {loads[i], latencies[i]});
            }
        }
        points.sort((a, b) -> Double.compare(a[0], b[0]));
        double previousMid = Double.NaN;
        double previousE = Double.NaN;
        for (int i = 0; i + 1 < points.size(); i++) {
            double[] a = points.get(i);
            double[] b = points.get(i + 1);
            if (b[0] <= a[0]) {
                continue;
            }
            double e = Math.log(b[1] / a[1]) / Math.log(b[0] / a[0]);
            double mid = Math.sqrt(a[0] * b[0]);
            if (e >= threshold) {
                if (Double.isNaN(previousMid)) {
                    return mid; // already past the threshold at the lowest sampled loads
                }
                double w = (threshold - previousE) / (e - previousE);
                return previousMid + w * (mid - previousMid);
            }
            previousMid = mid;
            previousE = e;
        }
        return Double.NaN;
    }
}
