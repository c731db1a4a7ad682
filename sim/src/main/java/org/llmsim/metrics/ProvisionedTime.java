package org.llmsim.metrics;

import java.util.List;

import org.llmsim.pricing.PoolBill;
import org.llmsim.pricing.PoolPricing;
import org.llmsim.scenario.PoolPlan;
import org.llmsim.scenario.Scenario;

/**
 * How long each GPU pool was paid for. A fixed pool is provisioned from t = 0 to the end of the run, all its replicas
 * together; an autoscaled pool only while each replica is provisioned, cold starts and draining included, so its
 * cost is the integral of its provisioned replicas over time. Pools are indexed as in {@link Scenario#pools()}.
 * What that time costs follows each pool's pricing ({@link PoolPricing}): a reserved pool's replicas beyond its
 * commitment are integrated apart, and an owned pool's energy comes from a {@link PoolEnergy}.
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
    /** Per pool: replica-seconds beyond its committed replicas, over the run and inside the window (or NaN). */
    private final double[] excessS;
    private final double[] windowExcessS;
    private final PoolEnergy energy;

    private ProvisionedTime(double fixedS, double[] replicaS, double[] windowReplicaS, double windowS,
            double[] replicaWindowS, double[] excessS, double[] windowExcessS, PoolEnergy energy) {
        this.fixedS = fixedS;
        this.replicaS = replicaS;
        this.windowReplicaS = windowReplicaS;
        this.windowS = windowS;
        this.replicaWindowS = replicaWindowS;
        this.excessS = excessS;
        this.windowExcessS = windowExcessS;
        this.energy = energy;
    }

    /** Every pool provisioned in full for {@code provisionedS} seconds. */
    public static ProvisionedTime fixed(double provisionedS) {
        return new ProvisionedTime(provisionedS, null, null, Double.NaN, null, null, null, PoolEnergy.RATED_POWER);
    }

    /** The same time, with owned pools' energy taken from {@code source}. */
    public ProvisionedTime withEnergy(PoolEnergy source) {
        return new ProvisionedTime(fixedS, replicaS, windowReplicaS, windowS, replicaWindowS, excessS, windowExcessS,
                source);
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
        double[] none = new double[replicaS.length];
        return of(provisionedS, replicaS, windowReplicaS, windowS, replicaWindowS, none, none);
    }

    /**
     * @param excessS       per pool, replica-seconds beyond its committed replicas over the run; NaN for a fixed pool
     * @param windowExcessS the same inside the window
     */
    public static ProvisionedTime of(double provisionedS, double[] replicaS, double[] windowReplicaS,
            double windowS, double[] replicaWindowS, double[] excessS, double[] windowExcessS) {
        boolean dynamic = false;
        for (double s : replicaS) {
            dynamic |= !Double.isNaN(s);
        }
        return dynamic ? new ProvisionedTime(provisionedS, replicaS.clone(), windowReplicaS.clone(), windowS,
                replicaWindowS.clone(), excessS.clone(), windowExcessS.clone(), PoolEnergy.RATED_POWER)
                : fixed(provisionedS);
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

    /** What pool {@code p} cost over the run, all kinds together. */
    public double gpuUsd(int p, PoolPlan pool) {
        return bill(p, pool).total();
    }

    /** What pool {@code p} cost over the run, by kind of spend. */
    public PoolBill bill(int p, PoolPlan pool) {
        int g = pool.hardware().gpus();
        double spanH = fixedS / 3600.0;
        double replicaH;
        double excessH;
        if (dynamic(p)) {
            replicaH = replicaS[p] / 3600.0;
            excessH = excessS[p] / 3600.0;
        } else {
            replicaH = pool.replicas() * spanH;
            excessH = Math.max(0, pool.replicas() - pool.pricing().committed()) * spanH;
        }
        return pool.pricing().bill(new PoolPricing.Usage(spanH, g, pool.replicas(), replicaH, excessH),
                energy.kwh(p, pool, replicaH * g));
    }

    /** Time-weighted mean of pool {@code p}'s provisioned replicas over the run. */
    public double meanReplicas(int p, PoolPlan pool) {
        return dynamic(p) ? CostCalculator.ratio(replicaS[p], fixedS) : pool.replicas();
    }

    /**
     * Steady-state spend rate of the GPU pools, USD per hour: a fixed pool's hourly bill, an autoscaled pool's bill for
     * its mean provisioned replicas inside the measurement window (a reserved pool's commitment in full).
     */
    public double fleetUsdPerHour(Scenario scenario) {
        double sum = 0;
        List<PoolPlan> pools = scenario.pools();
        for (int p = 0; p < pools.size(); p++) {
            sum += poolUsdPerHour(p, pools.get(p));
        }
        return sum;
    }

    /** Steady-state spend rate of pool {@code p} (see {@link #fleetUsdPerHour}). */
    public double poolUsdPerHour(int p, PoolPlan pool) {
        int g = pool.hardware().gpus();
        double replicas;
        double excess;
        if (!dynamic(p)) {
            replicas = pool.replicas();
            excess = Math.max(0, replicas - pool.pricing().committed());
        } else if (windowS > 0) {
            replicas = windowReplicaS[p] / windowS;
            excess = windowExcessS[p] / windowS;
        } else {
            return 0;
        }
        return pool.pricing().bill(new PoolPricing.Usage(1, g, pool.replicas(), replicas, excess),
                energy.kwh(p, pool, replicas * g)).total();
    }
}
