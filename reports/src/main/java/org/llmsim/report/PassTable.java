package org.llmsim.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.llmsim.passtime.OperatorTime;
import org.llmsim.passtime.RepresentativePasses;

/**
 * A pass's breakdown as terminal lines: the pass's time, then its operators from the largest, each with its time,
 * what bounds it and its share of the pass, so that a planner sees why FP8 or a bigger batch helps or does not.
 */
public final class PassTable {
    private PassTable() {
    }

    /** One line per pass, indented by {@code indent}. */
    public static List<String> lines(List<RepresentativePasses.Pass> passes, String indent) {
        List<String> out = new ArrayList<>();
        for (RepresentativePasses.Pass p : passes) {
            double total = p.breakdown().totalS();
            StringBuilder b = new StringBuilder(indent).append(p.name()).append(": ").append(ms(total)).append(" (")
                    .append(p.breakdown().dominantBound().label()).append(" bound)");
            List<OperatorTime> ops = new ArrayList<>(p.breakdown().operators());
            ops.removeIf(o -> o.seconds() <= 0);
            ops.sort(Comparator.comparingDouble(OperatorTime::seconds).reversed());
            String sep = " = ";
            for (OperatorTime o : ops) {
                b.append(sep).append(o.name()).append(' ').append(ms(o.seconds())).append(' ')
                        .append(o.bound().label()).append(' ').append(Format.percent(o.seconds() / total));
                sep = ", ";
            }
            out.add(b.toString());
        }
        return out;
    }

    private static String ms(double s) {
        return String.format(Locale.ROOT, "%s ms", Format.number(s * 1e3, s * 1e3 < 10 ? 2 : 1));
    }
}
