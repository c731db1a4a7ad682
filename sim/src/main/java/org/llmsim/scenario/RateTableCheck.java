package org.llmsim.scenario;

import java.util.List;

/** The checks of a piecewise rate table ({@link ArrivalSpec.Piecewise}): its form, its points, its rates, its period. */
final class RateTableCheck {
    private RateTableCheck() {
    }

    static void validate(ArrivalSpec.Piecewise table, String path, Problems p) {
        int before = p.count();
        if ((table.points() == null) == (table.ratesRps() == null)) {
            p.add(path, "give either points: [{at_s, rate_rps}, ...] or rates_rps: [...] with step_s");
            return;
        }
        if (table.points() != null) {
            validatePoints(table.points(), path, p);
        } else {
            if (p.required(path + ".step_s", table.stepS())) {
                p.positive(path + ".step_s", table.stepS());
            }
            if (table.ratesRps().isEmpty()) {
                p.add(path + ".rates_rps", "must list at least one rate");
            }
            for (int i = 0; i < table.ratesRps().size(); i++) {
                rate(path + ".rates_rps[" + i + "]", table.ratesRps().get(i), p);
            }
        }
        if (table.stepS() != null && table.points() != null) {
            p.add(path + ".step_s", "only goes with rates_rps, not with points");
        }
        if (p.count() == before) {
            List<ArrivalSpec.RatePoint> t = table.table();
            if (t.stream().allMatch(r -> r.rateRps() == 0)) {
                p.add(path, "every rate is 0; no request would arrive");
            }
            if (table.periodS() != null && !(table.periodS() > t.get(t.size() - 1).atS())) {
                p.add(path + ".period_s", "must be after the last point (" + Problems.format(
                        t.get(t.size() - 1).atS()) + " s), got " + Problems.format(table.periodS()));
            }
        }
        ArrivalSpec.Spike.validate(path + ".spikes", table.spikes(), p);
    }

    private static void validatePoints(List<ArrivalSpec.RatePoint> points, String path, Problems p) {
        if (points.isEmpty()) {
            p.add(path + ".points", "must list at least one point");
            return;
        }
        double previous = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < points.size(); i++) {
            String at = path + ".points[" + i + "]";
            ArrivalSpec.RatePoint point = points.get(i);
            if (point == null) {
                p.add(at, "is empty");
                continue;
            }
            if (!p.required(at + ".at_s", point.atS()) | !p.required(at + ".rate_rps", point.rateRps())) {
                continue;
            }
            rate(at + ".rate_rps", point.rateRps(), p);
            if (i == 0 && point.atS() != 0) {
                p.add(at + ".at_s", "the first point must be at 0, got " + Problems.format(point.atS()));
            } else if (!(point.atS() > previous)) {
                p.add(at + ".at_s", "must be after the previous point (" + Problems.format(previous) + "), got "
                        + Problems.format(point.atS()));
            }
            previous = point.atS();
        }
    }

    private static void rate(String path, Double rate, Problems p) {
        if (rate == null || !(rate >= 0) || Double.isInfinite(rate)) {
            p.add(path, "must be a rate >= 0, got " + rate);
        }
    }
}
