package org.llmsim.planning;

import org.llmsim.metrics.EnergyResult;
import org.llmsim.metrics.ReplicationSummary;
import org.llmsim.metrics.RunResult;

/**
 * What a simulated deployment draws, the mean over its runs of the whole fleet's energy inside the measurement window
 * ({@link EnergyResult}): facility kWh (GPUs and hosts times the PUE) per hour and per million output tokens, and kg
 * of CO2e per hour. NaN where a GPU has no power figures, or (CO2) without a grid intensity.
 *
 * @param facilityKwhPerHour        mean facility power, kW
 * @param kwhPerMillionOutputTokens facility kWh per million output tokens produced inside the window
 * @param co2KgPerHour              kg CO2e per hour of the facility's energy
 */
public record Footprint(double facilityKwhPerHour, double kwhPerMillionOutputTokens, double co2KgPerHour) {

    public static Footprint of(ReplicationSummary reps) {
        double kw = 0;
        double perToken = 0;
        double co2 = 0;
        int n = reps.runs().size();
        for (RunResult r : reps.runs()) {
            EnergyResult e = EnergyResult.of(r);
            double hours = e.windowS() / 3600.0;
            kw += e.total().facilityKwh() / hours;
            perToken += e.total().facilityKwh() / e.total().outputTokens() * 1e6;
            co2 += e.total().co2Kg() / hours;
        }
        return n == 0 ? new Footprint(Double.NaN, Double.NaN, Double.NaN)
                : new Footprint(kw / n, perToken / n, co2 / n);
    }
}
