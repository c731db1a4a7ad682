package org.llmsim.passtime;

import java.util.List;

/**
 * A pass's time, operator by operator; the operators' times add up to {@code totalS} (host time hidden behind GPU
 * time by an overlapping scheduler is left out of the host entry).
 */
public record PassBreakdown(List<OperatorTime> operators, double totalS) {

    public PassBreakdown {
        operators = List.copyOf(operators);
    }

    /** Seconds spent by operators with {@code bound}. */
    public double secondsBound(OperatorTime.Bound bound) {
        double s = 0;
        for (OperatorTime op : operators) {
            if (op.bound() == bound) {
                s += op.seconds();
            }
        }
        return s;
    }

    /** What bounds most of the pass's time. */
    public OperatorTime.Bound dominantBound() {
        OperatorTime.Bound best = OperatorTime.Bound.HOST;
        double most = -1;
        for (OperatorTime.Bound b : OperatorTime.Bound.values()) {
            double s = secondsBound(b);
            if (s > most) {
                most = s;
                best = b;
            }
        }
        return best;
    }
}
