package org.llmsim.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The pricing alternatives of a run as table rows (terminal and PDF) and as JSON, from the same numbers. */
final class PricingText {
    private PricingText() {
    }

    /** Header, then one row per scenario: its $/hour under each kind of pricing. */
    static List<String[]> alternativeRows(List<String> labels, List<PricingAlternatives> all) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"", "on demand", "reserved 1y", "reserved 3y", "spot", "owned"});
        for (int i = 0; i < all.size(); i++) {
            List<PricingAlternatives.Alternative> a = all.get(i).alternatives();
            String[] row = new String[a.size() + 1];
            row[0] = labels.get(i);
            for (int k = 0; k < a.size(); k++) {
                row[k + 1] = Double.isNaN(a.get(k).usdPerHour()) ? "-" : Format.usd(a.get(k).usdPerHour()) + "/h";
            }
            rows.add(row);
        }
        return rows;
    }

    /** Header, then one row per scenario and pool: the break-even utilisations. */
    static List<String[]> breakEvenRows(List<String> labels, List<PricingAlternatives> all) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"", "pool", "on demand $/GPU-h", "reserved 1y pays above", "reserved 3y pays above",
            "owning pays above"});
        for (int i = 0; i < all.size(); i++) {
            for (PricingAlternatives.BreakEven b : all.get(i).breakEven()) {
                rows.add(new String[] {labels.get(i), b.pool(), Double.isNaN(b.onDemandUsdPerGpuHour()) ? "-"
                        : String.format(Locale.ROOT, "$%.2f", b.onDemandUsdPerGpuHour()), share(b.reserved1y()),
                    share(b.reserved3y()), share(b.owned())});
            }
        }
        return rows;
    }

    /** "62% use", "never", or "-". */
    static String share(double u) {
        if (Double.isNaN(u)) {
            return "-";
        }
        return Double.isInfinite(u) ? "never" : String.format(Locale.ROOT, "%.0f%% use", 100 * u);
    }

    /** One line saying what the figures are. */
    static String legend() {
        return "The same fleet (each pool's mean provisioned replicas) priced from the catalog entry for its GPU: "
                + "reserved commits every replica of the pool; owned is amortization, hosting, operations and the "
                + "run's measured electricity. Break-even: the share of hours a replica must be needed for the "
                + "commitment (price reserved / on demand) or the servers (see the README) to cost less than on demand.";
    }

    /** {@code {alternatives[]: {kind, usd_per_hour, sources, note}, break_even[]: {pool, ...}}}. */
    static ObjectNode json(PricingAlternatives p) {
        ObjectNode node = Json.object();
        ArrayNode alternatives = node.putArray("alternatives");
        for (PricingAlternatives.Alternative a : p.alternatives()) {
            ObjectNode n = alternatives.addObject();
            n.put("kind", a.kind());
            Json.number(n, "usd_per_hour", a.usdPerHour());
            n.put("sources", a.sources());
            if (a.note() != null) {
                n.put("note", a.note());
            }
        }
        ArrayNode breakEven = node.putArray("break_even");
        for (PricingAlternatives.BreakEven b : p.breakEven()) {
            ObjectNode n = breakEven.addObject();
            n.put("pool", b.pool());
            Json.number(n, "on_demand_usd_per_gpu_hour", b.onDemandUsdPerGpuHour());
            Json.number(n, "reserved_1y_utilisation", b.reserved1y());
            Json.number(n, "reserved_3y_utilisation", b.reserved3y());
            if (Double.isInfinite(b.owned())) {
                n.put("owned_utilisation", "never");
            } else {
                Json.number(n, "owned_utilisation", b.owned());
            }
        }
        return node;
    }
}
