package org.llmsim.metrics;

import java.util.List;

import org.llmsim.scenario.PoolPlan;
import org.llmsim.scenario.Scenario;

/**
 * Turns provisioned time and per-call spend into dollars. Self-hosted cost is GPU-hours actually provisioned (every
 * GPU of every replica, idle time included; an autoscaled pool's replicas while provisioned, cold starts and drains
 * included: {@link ProvisionedTime}) billed as each pool's pricing says (on demand or spot per GPU-hour, a
 * reservation around the clock, owned servers' amortization, hosting, energy and operations). API and gateway spend
 * is per call. The
 * steady-state spend rate is the fleet's plus the per-call spend of the requests that arrived inside the window, per
 * second of window; per-request and per-token figures divide it by the completion rate measured inside the window.
 */
public final class CostCalculator {
    /** Hours in an average month (365 * 24 / 12). */
    public static final double HOURS_PER_MONTH = 730.0;

    private CostCalculator() {
    }

    public static RunResult.Cost compute(Scenario scenario, double provisionedS, RunResult.Throughput throughput,
            double apiUsd) {
        return compute(scenario, provisionedS, throughput, apiUsd, 0.0, 0.0);
    }

    /**
     * @param apiUsd           API spend of the whole run
     * @param gatewayUsd       classifier and embedding spend of the whole run
     * @param perCallUsdPerS   API and gateway spend of the requests that arrived inside the window, per second of
     *                         window
     */
    public static RunResult.Cost compute(Scenario scenario, double provisionedS, RunResult.Throughput throughput,
            double apiUsd, double gatewayUsd, double perCallUsdPerS) {
        return compute(scenario, ProvisionedTime.fixed(provisionedS), throughput, apiUsd, gatewayUsd, perCallUsdPerS);
    }

    /**
     * @param provisioned how long each GPU pool was paid for (autoscaled pools: their provisioned replica-time)
     * @param apiUsd      API spend of the whole run
     * @param gatewayUsd  classifier and embedding spend of the whole run
     * @param perCallUsdPerS API and gateway spend of the requests that arrived inside the window, per second of
     *                    window
     */
    public static RunResult.Cost compute(Scenario scenario, ProvisionedTime provisioned,
            RunResult.Throughput throughput, double apiUsd, double gatewayUsd, double perCallUsdPerS) {
        double gpuHours = 0;
        double gpuUsd = 0;
        List<PoolPlan> pools = scenario.pools();
        for (int p = 0; p < pools.size(); p++) {
            PoolPlan pool = pools.get(p);
            double hours = provisioned.gpuHours(p, pool);
            gpuHours += hours;
            gpuUsd += provisioned.gpuUsd(p, pool);
        }
        double usdPerHour = provisioned.fleetUsdPerHour(scenario) + perCallUsdPerS * 3600.0;
        double usdPerS = usdPerHour / 3600.0;
        return new RunResult.Cost(gpuUsd + apiUsd + gatewayUsd, gpuUsd, apiUsd, gpuHours, usdPerHour,
                usdPerHour * HOURS_PER_MONTH,
                ratio(usdPerS, throughput.requestsPerS()),
                ratio(usdPerS, throughput.outputTokensPerS()) * 1e6,
                ratio(usdPerS, throughput.inputTokensPerS() + throughput.outputTokensPerS()) * 1e6, gatewayUsd,
                usdPerHour * 24);
    }

    /** {@code a / b}, or NaN when {@code b} is not positive. */
    public static double ratio(double a, double b) {
        return b > 0 ? a / b : Double.NaN;
    }
}
