package org.llmsim.metrics;

import java.util.List;

import org.llmsim.scenario.PoolPlan;
import org.llmsim.scenario.Scenario;

/**
 * How long each GPU pool was paid for. A fixed pool is provisioned from t = 0 to the end of the run, all its replicas
 * together; an autoscaled pool only while each replica is provisioned, cold starts and draining included, so its
 * cost is the integral of its provisioned replicas over time. Pools are indexed as in {@link Scenario#pools()}.
 */
public final class ProvisionedTime {
    private final double fixedS;
    /** Per pool: replica-seconds provisioned over the run, or NaN for a fixed pool. */
    private final double[] replicaS;
    /** Per pool: replica-seconds provisioned inside the measurement window, or NaN for a fixed pool. */
    private final double[] windowReplicaS;
    private final double windowS;
    /** Per replica (global index): seconds provisioned inside the window; null when every pool is fixed. */
    private final double[] replicaWindowS;

    private ProvisionedTime(double fixedS, double[] replicaS, double[] windowReplicaS, double windowS,
            double[] replicaWindowS) {
        this.fixedS = fixedS;
        this.replicaS = replicaS;
        this.windowReplicaS = windowReplicaS;
        this.windowS = windowS;
        this.replicaWindowS = replicaWindowS;
    }

    /** Every pool provisioned in full for {@code provisionedS} seconds. */
    public static ProvisionedTime fixed(double provisionedS) {
        return new ProvisionedTime(provisionedS, null, null, Double.NaN, null);
    }

    /**
     * @param provisionedS   the run's span, for the fixed pools
     * @param replicaS       per pool, replica-seconds provisioned over the run; NaN for a fixed pool
     * @param windowReplicaS per pool, replica-seconds provisioned inside the window; NaN for a fixed pool
     * @param windowS        length of the measurement window
     * @param replicaWindowS per replica (global index), seconds provisioned inside the window
     */
    public static ProvisionedTime of(double provisionedS, double[] replicaS, double[] windowReplicaS,
            double windowS, double[] replicaWindowS) {
        boolean dynamic = false;
        for (double s : replicaS) {
            dynamic |= !Double.isNaN(s);
        }
        return dynamic ? new ProvisionedTime(provisionedS, replicaS.clone(), windowReplicaS.clone(), windowS,
                replicaWindowS.clone()) : fixed(provisionedS);
    }

    /** Whether some pool's provisioned replicas change over the run. */
    public boolean dynamic() {
        return replicaS != null;
    }

    /**
     * Seconds replica {@code replica} (global index) was provisioned inside the window, or NaN when every pool is
     * fixed (each replica then for the whole window).
     */
    public double replicaWindowS(int replica) {
        return replicaWindowS == null ? Double.NaN : replicaWindowS[replica];
    }

    private boolean dynamic(int pool) {
        return replicaS != null && !Double.isNaN(replicaS[pool]);
    }

    /** The run's span, for which fixed pools are paid. */
    public double spanS() {
        return fixedS;
    }

    /** Provisioned GPU-hours of pool {@code p}. */
    public double gpuHours(int p, PoolPlan pool) {
        if (!dynamic(p)) {
            return pool.gpus() * fixedS / 3600.0;
        }
        return pool.hardware().gpus() * replicaS[p] / 3600.0;
    }

    /** What pool {@code p} cost over the run. */
    public double gpuUsd(int p, PoolPlan pool) {
        return gpuHours(p, pool) * pool.hardware().gpu().priceUsdPerHour();
    }

    /** Time-weighted mean of pool {@code p}'s provisioned replicas over the run. */
    public double meanReplicas(int p, PoolPlan pool) {
        return dynamic(p) ? CostCalculator.ratio(replicaS[p], fixedS) : pool.replicas();
    }

    /**
     * Steady-state spend rate of the GPU pools, USD per hour: a fixed pool's price, an autoscaled pool's mean
     * provisioned replicas inside the measurement window times a replica's price.
     */
    public double fleetUsdPerHour(Scenario scenario) {
        if (replicaS == null) {
            return scenario.fleetUsdPerHour();
        }
        double sum = 0;
        List<PoolPlan> pools = scenario.pools();
        for (int p = 0; p < pools.size(); p++) {
            sum += poolUsdPerHour(p, pools.get(p));
        }
        return sum;
    }

    /** Steady-state spend rate of pool {@code p} (see {@link #fleetUsdPerHour}). */
    public double poolUsdPerHour(int p, PoolPlan pool) {
        if (!dynamic(p)) {
            return pool.usdPerHour();
        }
        return windowS > 0 ? windowReplicaS[p] / windowS * pool.usdPerReplicaHour() : 0;
    }
}
