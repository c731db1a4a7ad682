package org.llmsim.metrics;

import org.llmsim.scenario.PoolPlan;

/**
 * The IT energy (before the facility's PUE) a GPU pool's servers drew, kWh: what an owned pool's electricity bill
 * multiplies. The power model measures it from the passes where the GPU has power figures ({@code MeasuredPoolEnergy},
 * set by {@link ProvisionedTime#withEnergy}); {@link #RATED_POWER} is the fallback for GPUs without them.
 */
@FunctionalInterface
public interface PoolEnergy {

    /**
     * Every provisioned server draws a fixed share ({@code energy_load_factor}) of its rated power, busy or idle:
     * provisioned GPU-hours / GPUs per server x rated kW x that share.
     */
    PoolEnergy RATED_POWER = (p, pool, provisionedGpuHours) -> pool.pricing().ratedPowerKwh(provisionedGpuHours);

    /**
     * kWh pool {@code p} drew over a stretch in which it had {@code provisionedGpuHours} provisioned GPU-hours (the
     * run's, or the measurement window's per hour for the steady-state rate).
     */
    double kwh(int p, PoolPlan pool, double provisionedGpuHours);
}
