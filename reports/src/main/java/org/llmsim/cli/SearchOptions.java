package org.llmsim.cli;

import java.util.ArrayList;
import java.util.List;

import org.llmsim.planning.SloCriterion;
import org.llmsim.scenario.InputException;
import picocli.CommandLine.Option;

/** Options of the commands that simulate many variants of a scenario: run length and, for searches, the SLO test. */
final class SearchOptions {
    @Option(names = "--duration", paramLabel = "SECONDS", description = "Simulated seconds of arrivals per point "
            + "(sets duration_s; default: the scenario's). Shorter runs are faster and noisier.")
    Double durationS;

    /** The assignments these options add to every variant. */
    List<String> assignments() {
        List<String> list = new ArrayList<>();
        if (durationS != null) {
            if (!(durationS > 0)) {
                throw new InputException("--duration " + durationS, "must be > 0 seconds");
            }
            list.add("duration_s=" + durationS);
        }
        return list;
    }

    /** The SLO test of capacity and plan. */
    static final class Slo {
        @Option(names = "--percentile", paramLabel = "P", description = "Latency statistic held to the SLO targets: "
                + "50, 90, 95, 99 or mean (default 99, unless only --attainment is given).")
        String percentile;

        @Option(names = "--attainment", paramLabel = "A", description = "Also (or, without --percentile, only) "
                + "require this share of requests to meet every target, e.g. 0.99.")
        Double attainment;

        SloCriterion criterion() {
            SloCriterion.Statistic statistic = percentile != null ? SloCriterion.Statistic.parse(percentile)
                    : attainment == null ? SloCriterion.Statistic.P99 : null;
            return new SloCriterion(statistic, attainment);
        }
    }
}
