package org.llmsim.pricing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a GPU pool cost over a stretch of time, by kind of spend (the ledger's kinds): provisioned GPU-hours
 * ({@value #GPU_TIME}), a commitment paid whether used or not ({@value #COMMITMENT}), and for owned servers the
 * purchase spread over their life ({@value #AMORTIZATION}), electricity ({@value #ENERGY}), colocation
 * ({@value #HOSTING}) and operations ({@value #OPERATIONS}).
 */
public record PoolBill(double gpuTime, double commitment, double amortization, double energy, double hosting,
        double operations) {

    public static final String GPU_TIME = "gpu_time";
    public static final String COMMITMENT = "commitment";
    public static final String AMORTIZATION = "amortization";
    public static final String ENERGY = "energy";
    public static final String HOSTING = "hosting";
    public static final String OPERATIONS = "operations";

    public double total() {
        return gpuTime + commitment + amortization + energy + hosting + operations;
    }

    /** The kinds with their dollars, in a fixed order; zero kinds left out (a pool with none keeps gpu_time). */
    public Map<String, Double> byKind() {
        Map<String, Double> m = new LinkedHashMap<>();
        put(m, GPU_TIME, gpuTime);
        put(m, COMMITMENT, commitment);
        put(m, AMORTIZATION, amortization);
        put(m, ENERGY, energy);
        put(m, HOSTING, hosting);
        put(m, OPERATIONS, operations);
        if (m.isEmpty()) {
            m.put(GPU_TIME, 0.0);
        }
        return m;
    }

    private static void put(Map<String, Double> m, String kind, double usd) {
        if (usd != 0) {
            m.put(kind, usd);
        }
    }
}
