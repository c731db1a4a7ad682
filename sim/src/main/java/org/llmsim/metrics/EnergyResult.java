package org.llmsim.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Energy drawn over the measurement window, per GPU pool, for the whole fleet and per request class, as raw sums
 * ({@link EnergyAccounting} says how they are computed). {@link #NONE} for a run without GPU pools.
 *
 * @param windowS length of the measurement window, seconds
 * @param pools   one row per GPU pool, in scenario order
 * @param total   the pools together
 * @param classes the fleet's energy attributed to each request class
 */
public record EnergyResult(double windowS, List<Row> pools, Row total, List<Row> classes) implements Section {
    public static final EnergyResult NONE = new EnergyResult(0, List.of(), Row.empty("total"), List.of());
    /** Merged by summing the domains' rows of the same name; the window is the same in every domain. */
    public static final SectionType<EnergyResult> TYPE = new SectionType<>("energy", EnergyResult.class, NONE,
            (parts, fleet) -> merge(parts));

    public EnergyResult {
        pools = List.copyOf(pools);
        classes = List.copyOf(classes);
    }

    /** The energy of {@code r} ({@link #NONE} without GPU pools). */
    public static EnergyResult of(RunResult r) {
        return TYPE.of(r);
    }

    /** The row of pool {@code name}, or null; what the pricing of owned GPUs reads (GPU and facility energy). */
    public Row pool(String name) {
        for (Row row : pools) {
            if (row.name().equals(name)) {
                return row;
            }
        }
        return null;
    }

    /**
     * One pool's, the fleet's or one class's energy over the window.
     *
     * @param name         pool or class name ({@code total} for the fleet)
     * @param gpuJ         joules drawn by the GPUs (NaN where a GPU profile gives no {@code tdp_w})
     * @param hostJ        joules drawn by the servers' CPUs, memory, NICs and fans
     * @param facilityJ    the data centre's joules: GPUs and hosts times the PUE
     * @param co2G         grams of CO2e of the facility's energy (NaN without a grid intensity)
     * @param outputTokens output tokens produced inside the window (a class: of its completions inside it)
     * @param requests     requests completed inside the window
     */
    public record Row(String name, double gpuJ, double hostJ, double facilityJ, double co2G, long outputTokens,
            long requests) implements java.io.Serializable {

        static Row empty(String name) {
            return new Row(name, 0, 0, 0, 0, 0, 0);
        }

        public double gpuKwh() {
            return gpuJ / 3.6e6;
        }

        public double facilityKwh() {
            return facilityJ / 3.6e6;
        }

        public double co2Kg() {
            return co2G / 1000;
        }

        /** Mean power of the GPUs over a window of {@code windowS}, watts (all of them together). */
        public double meanGpuPowerW(double windowS) {
            return CostCalculator.ratio(gpuJ, windowS);
        }

        /** Mean power of the facility over a window of {@code windowS}, watts. */
        public double meanFacilityPowerW(double windowS) {
            return CostCalculator.ratio(facilityJ, windowS);
        }

        /** GPU joules per output token, as GPU-only measurements (NVML) report them; NaN without tokens. */
        public double joulesPerOutputToken() {
            return CostCalculator.ratio(gpuJ, outputTokens);
        }

        /** GPU joules per completed request; NaN without completions. */
        public double joulesPerRequest() {
            return CostCalculator.ratio(gpuJ, requests);
        }

        Row plus(Row o) {
            return new Row(name, gpuJ + o.gpuJ, hostJ + o.hostJ, facilityJ + o.facilityJ, co2G + o.co2G,
                    outputTokens + o.outputTokens, requests + o.requests);
        }
    }

    @Override
    public SectionType<EnergyResult> type() {
        return TYPE;
    }

    static EnergyResult merge(List<EnergyResult> parts) {
        double windowS = 0;
        Row total = Row.empty("total");
        Map<String, Row> pools = new LinkedHashMap<>();
        Map<String, Row> classes = new LinkedHashMap<>();
        for (EnergyResult e : parts) {
            windowS = Math.max(windowS, e.windowS());
            total = total.plus(e.total());
            for (Row r : e.pools()) {
                pools.merge(r.name(), r, Row::plus);
            }
            for (Row r : e.classes()) {
                classes.merge(r.name(), r, Row::plus);
            }
        }
        return new EnergyResult(windowS, new ArrayList<>(pools.values()), total, new ArrayList<>(classes.values()));
    }
}
