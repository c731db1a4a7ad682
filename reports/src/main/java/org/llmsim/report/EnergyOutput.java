package org.llmsim.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.llmsim.metrics.EnergyResult;
import org.llmsim.metrics.RunResult;

/**
 * Energy in the outputs: the {@code energy} block of {@code summary.json} (the fleet's, and one in each pool and each
 * class) and a terminal line, for runs with GPU pools.
 */
final class EnergyOutput {
    private EnergyOutput() {
    }

    /** {@code energy: {gpu_kwh, facility_kwh, mean_gpu_power_w, joules_per_output_token, joules_per_request, co2_kg}}. */
    static void json(ObjectNode root, RunResult r) {
        EnergyResult e = EnergyResult.of(r);
        if (e.pools().isEmpty()) {
            return;
        }
        root.set("energy", row(e.total(), e.windowS()));
    }

    /** The same block in each pool of {@code pools} and each class of {@code classes}, matched by name. */
    static void perPoolAndClass(ObjectNode root, RunResult r) {
        EnergyResult e = EnergyResult.of(r);
        if (e.pools().isEmpty()) {
            return;
        }
        for (JsonNode pool : root.withArray("pools")) {
            EnergyResult.Row row = e.pool(pool.path("name").asText());
            if (row != null) {
                ((ObjectNode) pool).set("energy", row(row, e.windowS()));
            }
        }
        JsonNode classes = root.get("classes");
        for (EnergyResult.Row row : e.classes()) {
            if (classes != null && classes.get(row.name()) instanceof ObjectNode c) {
                c.set("energy", row(row, e.windowS()));
            }
        }
    }

    private static ObjectNode row(EnergyResult.Row row, double windowS) {
        ObjectNode node = Json.object();
        Json.number(node, "gpu_kwh", row.gpuKwh());
        Json.number(node, "facility_kwh", row.facilityKwh());
        Json.number(node, "mean_gpu_power_w", row.meanGpuPowerW(windowS));
        Json.number(node, "joules_per_output_token", row.joulesPerOutputToken());
        Json.number(node, "joules_per_request", row.joulesPerRequest());
        Json.number(node, "co2_kg", row.co2Kg());
        return node;
    }

    static void terminal(StringBuilder b, RunResult r) {
        EnergyResult e = EnergyResult.of(r);
        EnergyResult.Row t = e.total();
        if (e.pools().isEmpty() || Double.isNaN(t.gpuJ())) {
            return;
        }
        b.append(TerminalSummary.label("energy")).append(Format.number(t.meanGpuPowerW(e.windowS()) / 1000, 2))
                .append(" kW GPUs   ").append(Format.number(t.joulesPerOutputToken(), 3)).append(" J/output token   ")
                .append(Format.number(t.facilityKwh(), 2)).append(" kWh facility");
        if (!Double.isNaN(t.co2G())) {
            b.append("   ").append(Format.number(t.co2Kg(), 2)).append(" kg CO2e");
        }
        b.append("   (window)\n");
    }
}
