package org.llmsim.workload.arrival;

import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

import org.llmsim.scenario.ArrivalSpec;

/**
 * A rate curve multiplied by spike (or dip) factors inside their windows. Window edges become segment edges, so the
 * bound of a segment is the inner bound times the factors active on it.
 */
public final class SpikedRate implements RateCurve {
    private final RateCurve inner;
    private final double[] startS;
    private final double[] endS;
    private final double[] factor;
    /** Every window edge, sorted. */
    private final double[] edgesS;

    public SpikedRate(RateCurve inner, List<ArrivalSpec.Spike> spikes) {
        this.inner = inner;
        int n = spikes.size();
        this.startS = new double[n];
        this.endS = new double[n];
        this.factor = new double[n];
        TreeSet<Double> edges = new TreeSet<>();
        for (int i = 0; i < n; i++) {
            ArrivalSpec.Spike s = spikes.get(i);
            startS[i] = s.atS();
            endS[i] = s.endS();
            factor[i] = s.factor();
            edges.add(startS[i]);
            if (endS[i] < Double.POSITIVE_INFINITY) {
                edges.add(endS[i]);
            }
        }
        this.edgesS = edges.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private double factorAt(double timeS) {
        double f = 1;
        for (int i = 0; i < factor.length; i++) {
            if (timeS >= startS[i] && timeS < endS[i]) {
                f *= factor[i];
            }
        }
        return f;
    }

    @Override
    public double rateAt(double timeS) {
        return inner.rateAt(timeS) * factorAt(timeS);
    }

    @Override
    public double segmentEndS(double timeS) {
        double end = inner.segmentEndS(timeS);
        int i = Arrays.binarySearch(edgesS, timeS);
        int next = i >= 0 ? i + 1 : -i - 1;
        return next < edgesS.length ? Math.min(end, edgesS[next]) : end;
    }

    @Override
    public double segmentBoundRps(double timeS) {
        return inner.segmentBoundRps(timeS) * factorAt(timeS);
    }
}
