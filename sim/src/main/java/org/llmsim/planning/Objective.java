package org.llmsim.planning;

import java.util.Locale;

import org.llmsim.scenario.InputException;

/**
 * What {@code llmsim plan} minimizes among the deployments that meet the SLOs: the fleet's dollars per hour (the
 * default), its facility energy per million output tokens, its CO2e per hour, or its GPUs. Every objective is
 * reported for every deployment; only the ranking changes.
 */
public enum Objective {
    COST("cost", "$/hour"),
    ENERGY("energy", "kWh per 1M output tokens"),
    CO2("co2", "kg CO2e per hour"),
    GPUS("gpus", "GPUs");

    private final String key;
    private final String unit;

    Objective(String key, String unit) {
        this.key = key;
        this.unit = unit;
    }

    public String key() {
        return key;
    }

    /** What the objective measures, for headers. */
    public String unit() {
        return unit;
    }

    /** The value of the deployment {@code o} chose (NaN unless simulated). */
    public double value(DeploymentSearch.Option o) {
        DeploymentSearch.Evaluation e = o.chosen();
        if (e == null) {
            return Double.NaN;
        }
        return switch (this) {
            case COST -> e.usdPerHour();
            case ENERGY -> e.footprint().kwhPerMillionOutputTokens();
            case CO2 -> e.footprint().co2KgPerHour();
            case GPUS -> o.gpus();
        };
    }

    /**
     * The objective named {@code name} (case-insensitive).
     *
     * @throws InputException naming {@code --objective} and the allowed values
     */
    public static Objective parse(String name) {
        for (Objective o : values()) {
            if (o.key.equalsIgnoreCase(name.trim())) {
                return o;
            }
        }
        throw new InputException("--objective", "unknown objective '" + name + "'; allowed: cost, energy, co2, gpus");
    }

    @Override
    public String toString() {
        return key.toLowerCase(Locale.ROOT);
    }
}
