package org.llmsim.scenario;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Grid carbon intensity of cloud regions, {@code carbon/regions.yaml} in a profile directory: under {@code regions},
 * each region's {@code g_per_kwh} (g CO2e per kWh, location-based) and the {@code source} it comes from. The first
 * directory that has the file wins.
 */
public final class CarbonRegions {
    static final String FILE = "carbon/regions.yaml";

    private CarbonRegions() {
    }

    /** The regions of the first {@code carbon/regions.yaml} in {@code directories}, by name (empty if none). */
    public static Map<String, Double> load(List<Path> directories) {
        for (Path dir : directories) {
            Path file = dir.resolve(FILE);
            if (Files.isRegularFile(file)) {
                return read(file);
            }
        }
        return Map.of();
    }

    private static Map<String, Double> read(Path file) {
        ProfileCatalog.Document doc = ProfileCatalog.read(file);
        Problems p = new Problems(doc.name(), doc.lines());
        Map<String, Double> regions = new TreeMap<>();
        JsonNode all = doc.tree().get("regions");
        if (all == null || !all.isObject()) {
            p.add("regions", "must map region names to {g_per_kwh, source}");
            p.throwIfAny();
        }
        Iterator<Map.Entry<String, JsonNode>> it = all.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = "regions." + e.getKey();
            JsonNode g = e.getValue().get("g_per_kwh");
            JsonNode source = e.getValue().get("source");
            if (g == null || !g.isNumber() || g.asDouble() < 0) {
                p.add(path + ".g_per_kwh", "must be a number >= 0 (g CO2e per kWh)");
            } else {
                regions.put(e.getKey(), g.asDouble());
            }
            if (source == null || !source.isTextual() || source.asText().isBlank()) {
                p.add(path + ".source", "must cite where the figure comes from");
            }
        }
        p.throwIfAny();
        return regions;
    }

    /**
     * {@code energy} with its grid intensity resolved from its region, when it names one and gives no intensity.
     *
     * @throws InputException naming {@code field} of {@code scenarioFile} when the region is not in the table
     */
    static EnergySpec resolve(EnergySpec energy, List<Path> directories, String scenarioFile, String field) {
        if (energy.region() == null || energy.carbonGPerKwh() != null) {
            return energy;
        }
        Map<String, Double> regions = load(directories);
        Double g = regions.get(energy.region());
        if (g == null) {
            throw new InputException(List.of(new InputError(scenarioFile, null, field, "unknown region '"
                    + energy.region() + "'; allowed: " + String.join(", ", new ArrayList<>(regions.keySet()))
                    + " (" + FILE + "), or give carbon_g_per_kwh")));
        }
        return energy.withCarbon(g);
    }
}
