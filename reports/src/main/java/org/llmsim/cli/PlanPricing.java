package org.llmsim.cli;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import org.llmsim.planning.Candidate;
import org.llmsim.scenario.InputException;
import org.llmsim.scenario.PriceOffer;

/**
 * {@code llmsim plan --pricing KIND}: the pricing every candidate's pool gets, from the price catalog entry for its
 * GPU with that kind of price (the entry with the most kinds of price, the first by id among equals). A GPU without
 * such an entry gets null: the planner skips it and says why.
 */
final class PlanPricing {
    static final List<String> KINDS = List.of("on_demand", "reserved", "reserved_3y", "spot", "owned");

    private PlanPricing() {
    }

    /**
     * @param kind        on_demand, reserved (1 year), reserved_3y, spot or owned
     * @param electricity USD per kWh, required for owned
     * @throws InputException for an unknown kind, or owned without an electricity price
     */
    static Function<Candidate, List<String>> of(String kind, Double electricity, int pool, List<PriceOffer> offers) {
        String k = kind.trim().toLowerCase(Locale.ROOT);
        if (!KINDS.contains(k)) {
            throw new InputException("--pricing", "unknown pricing '" + kind + "'; allowed: "
                    + String.join(", ", KINDS));
        }
        if (k.equals("owned") && (electricity == null || !(electricity >= 0 && electricity < 10))) {
            throw new InputException("--pricing owned", "needs --electricity-usd-per-kwh (a price in [0, 10))");
        }
        String prefix = "cluster.pools[" + pool + "].pricing=";
        return c -> {
            PriceOffer o = pick(offers, c.gpu(), k);
            if (o == null) {
                return null;
            }
            String value = switch (k) {
                case "reserved" -> "{kind: reserved, offer: " + o.id() + ", term_years: 1}";
                case "reserved_3y" -> "{kind: reserved, offer: " + o.id() + ", term_years: 3}";
                case "owned" -> "{kind: owned, offer: " + o.id() + ", electricity_usd_per_kwh: " + electricity + "}";
                default -> "{kind: " + k + ", offer: " + o.id() + "}";
            };
            return List.of(prefix + value);
        };
    }

    private static PriceOffer pick(List<PriceOffer> offers, String gpu, String kind) {
        return offers.stream().filter(o -> gpu.equals(o.gpu()) && has(o, kind))
                .sorted(Comparator.comparingInt((PriceOffer o) -> -(o.reserved().size()
                        + (o.spotUsdPerHour() == null ? 0 : 1))).thenComparing(PriceOffer::id))
                .findFirst().orElse(null);
    }

    private static boolean has(PriceOffer o, String kind) {
        return switch (kind) {
            case "reserved" -> o.onDemandUsdPerHour() != null && o.term(1) != null;
            case "reserved_3y" -> o.onDemandUsdPerHour() != null && o.term(3) != null;
            case "spot" -> o.spotUsdPerHour() != null;
            case "owned" -> o.purchaseUsd() != null && o.serverPowerKw() != null;
            default -> o.onDemandUsdPerHour() != null;
        };
    }
}
