package org.llmsim.metrics;

import java.util.List;

import org.llmsim.scenario.PoolPlan;
import org.llmsim.scenario.Scenario;

/**
 * An owned pool's IT energy from the power model: the GPU energy of the passes (and idle time) plus the host power,
 * as {@link EnergyAccounting} measures them inside the measurement window, before any PUE (the owned pricing applies
 * its own {@code pue} to this). The window's kWh per provisioned GPU-hour is applied to whatever provisioned
 * GPU-hours are billed (the whole run, or one hour of the steady state), so a busier pool pays more electricity. A
 * pool whose GPU has no power figures ({@code tdp_w}), or that had no provisioned time in the window, keeps
 * {@link PoolEnergy#RATED_POWER}.
 */
final class MeasuredPoolEnergy implements PoolEnergy {
    /** Per pool: IT kWh per provisioned GPU-hour inside the window, or NaN to fall back to the rated power. */
    private final double[] kwhPerGpuHour;

    private MeasuredPoolEnergy(double[] kwhPerGpuHour) {
        this.kwhPerGpuHour = kwhPerGpuHour;
    }

    static MeasuredPoolEnergy of(Scenario scenario, EnergyResult energy, ProvisionedTime provisioned,
            double windowS) {
        List<PoolPlan> pools = scenario.pools();
        double[] rate = new double[pools.size()];
        int first = 0;
        for (int p = 0; p < pools.size(); p++) {
            PoolPlan pool = pools.get(p);
            EnergyResult.Row row = p < energy.pools().size() ? energy.pools().get(p) : null;
            double replicaS = 0;
            for (int i = first; i < first + pool.replicas(); i++) {
                replicaS += provisioned.dynamic() ? provisioned.replicaWindowS(i) : windowS;
            }
            double gpuHours = replicaS * pool.hardware().gpus() / 3600.0;
            boolean measured = row != null && pool.hardware().gpu().hasPower() && !Double.isNaN(row.gpuJ())
                    && gpuHours > 0;
            rate[p] = measured ? (row.gpuJ() + row.hostJ()) / 3.6e6 / gpuHours : Double.NaN;
            first += pool.replicas();
        }
        return new MeasuredPoolEnergy(rate);
    }

    /** Whether pool {@code p}'s energy comes from the power model (false: the rated-power fallback). */
    boolean measured(int p) {
        return !Double.isNaN(kwhPerGpuHour[p]);
    }

    @Override
    public double kwh(int p, PoolPlan pool, double provisionedGpuHours) {
        return measured(p) ? kwhPerGpuHour[p] * provisionedGpuHours
                : RATED_POWER.kwh(p, pool, provisionedGpuHours);
    }
}
