package org.llmsim.report;

import java.util.Locale;

import org.llmsim.planning.CapacitySearch;
import org.llmsim.scenario.LoadScaling;

/** Words and numbers of a capacity result shared by its terminal, CSV, JSON and PDF forms. */
final class CapacityView {
    private CapacityView() {
    }

    /** A load with its unit: "41.3 req/s", "12 users", "2.5x". */
    static String load(LoadScaling.Unit unit, double load) {
        if (!Double.isFinite(load)) {
            return "-";
        }
        return switch (unit) {
            case RPS -> Format.number(load, load >= 100 ? 0 : load >= 10 ? 1 : 2) + " req/s";
            case USERS -> Format.number(load, 0) + (Math.round(load) == 1 ? " user" : " users");
            case FACTOR -> Format.number(load, 2) + "x";
        };
    }

    /** The CSV/JSON name of the load column: rate_rps, users or traffic_factor. */
    static String loadKey(LoadScaling.Unit unit) {
        return switch (unit) {
            case RPS -> "rate_rps";
            case USERS -> "users";
            case FACTOR -> "traffic_factor";
        };
    }

    /** "41.3 req/s", "> 8,192 req/s", "< 0.01 req/s". */
    static String capacity(CapacitySearch.Result r) {
        String value = load(r.scaling().unit(), r.capacity());
        return switch (r.status()) {
            case FOUND -> value;
            case ABOVE_RANGE -> "> " + value;
            case BELOW_RANGE -> "< " + value;
        };
    }

    /** "39.8 - 42.9 req/s", with open ends where no load was conclusive. */
    static String interval(CapacitySearch.Result r) {
        if (r.status() != CapacitySearch.Status.FOUND) {
            return "-";
        }
        LoadScaling.Unit u = r.scaling().unit();
        String low = Double.isFinite(r.low()) ? load(u, r.low()).replace(" " + u.symbol(), "") : "?";
        String high = Double.isFinite(r.high()) ? load(u, r.high()) : "? " + u.symbol();
        return low + " - " + high;
    }

    /** The one-sentence definition of the knee, with the threshold. */
    static String kneeDefinition(CapacitySearch.Result r) {
        double e = r.options().kneeElasticity();
        return String.format(Locale.ROOT, "the lowest %s at which p99 TTFT grows %sas fast as the load "
                        + "(elasticity d ln TTFT / d ln load reaches %s)", r.scaling().unit().noun(),
                e == 1 ? "" : Format.plain(e) + " times ", Format.plain(e));
    }

    static String status(CapacitySearch.Status s) {
        return s.name().toLowerCase(Locale.ROOT);
    }
}
