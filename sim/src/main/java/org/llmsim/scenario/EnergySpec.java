package org.llmsim.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What the energy figures assume beyond the GPUs ({@code economics.energy}): the servers' other parts, the data
 * centre's overhead and the grid's carbon intensity. Every field is optional.
 *
 * @param pue             power usage effectiveness: facility energy over IT energy (GPUs and hosts), at least 1;
 *                        default {@link #DEFAULT_PUE}
 * @param hostWPerServer  power of a server's CPUs, memory, NICs and fans while it serves, watts; default
 *                        {@link #DEFAULT_HOST_W_PER_SERVER}
 * @param gpusPerServer   GPUs per server, to share the host's power between them; default 8
 * @param region          a cloud region of {@code gpu-profiles/carbon/regions.yaml} whose grid intensity applies
 * @param carbonGPerKwh   grid carbon intensity, g CO2e per kWh; overrides {@code region}; without either the run
 *                        reports no CO2
 */
public record EnergySpec(Double pue, @JsonProperty("host_w_per_server") Double hostWPerServer,
        Integer gpusPerServer, String region, @JsonProperty("carbon_g_per_kwh") Double carbonGPerKwh) {

    /** Uptime Institute's 2023 survey: industry average PUE 1.58. */
    public static final double DEFAULT_PUE = 1.58;

    /**
     * Assumed: 2 kW for the CPUs, memory, NICs and fans of an 8-GPU server while serving; the DGX H100 is rated
     * 10.2 kW with 5.6 kW of GPUs (4.6 kW for the rest at full load).
     */
    public static final double DEFAULT_HOST_W_PER_SERVER = 2000;

    public static final int DEFAULT_GPUS_PER_SERVER = 8;

    /** Nothing stated: every default. */
    public static final EnergySpec DEFAULTS = new EnergySpec(null, null, null, null, null);

    public double pueOrDefault() {
        return pue == null ? DEFAULT_PUE : pue;
    }

    /** Host power per GPU, watts: the server's host power shared between its GPUs. */
    public double hostWPerGpu() {
        return (hostWPerServer == null ? DEFAULT_HOST_W_PER_SERVER : hostWPerServer)
                / (gpusPerServer == null ? DEFAULT_GPUS_PER_SERVER : gpusPerServer);
    }

    /** Grid intensity, g CO2e per kWh, or NaN when neither it nor a region was given (regions resolve on load). */
    public double carbonOrNaN() {
        return carbonGPerKwh == null ? Double.NaN : carbonGPerKwh;
    }

    /** The same settings with the grid intensity resolved from the region. */
    public EnergySpec withCarbon(double gPerKwh) {
        return new EnergySpec(pue, hostWPerServer, gpusPerServer, region, gPerKwh);
    }

    /** These settings with each field not given taken from {@code base} (a pool's over the scenario's). */
    public EnergySpec over(EnergySpec base) {
        return new EnergySpec(pue != null ? pue : base.pue, hostWPerServer != null ? hostWPerServer
                : base.hostWPerServer, gpusPerServer != null ? gpusPerServer : base.gpusPerServer,
                region != null ? region : base.region,
                carbonGPerKwh != null || region != null ? carbonGPerKwh : base.carbonGPerKwh);
    }

    public void validate(String path, Problems p) {
        if (pue != null && !(pue >= 1)) {
            p.add(path + ".pue", "must be at least 1 (facility energy over IT energy), got " + Problems.format(pue));
        }
        p.nonNegative(path + ".host_w_per_server", hostWPerServer);
        p.atLeast(path + ".gpus_per_server", gpusPerServer, 1);
        p.nonNegative(path + ".carbon_g_per_kwh", carbonGPerKwh);
        if (region != null && region.isBlank()) {
            p.add(path + ".region", "must name a region of gpu-profiles/carbon/regions.yaml");
        }
    }
}
