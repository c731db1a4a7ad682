package org.llmsim.metrics;

import java.util.ArrayList;
import java.util.List;

import org.llmsim.hardware.GpuProfile;
import org.llmsim.scenario.EnergySpec;
import org.llmsim.scenario.PoolPlan;
import org.llmsim.scenario.Scenario;

/**
 * A run's energy over the measurement window. For each replica, over the time it was provisioned inside the window:
 *
 * <pre>
 *   GPU      = its passes' energy (each pass's time x the mean power of its operators, all GPUs)
 *              + idle_w x GPUs x (provisioned - busy)              idle and cold-starting time
 *   host     = host_w_per_server / gpus_per_server x GPUs x provisioned
 *   facility = (GPU + host) x PUE
 *   CO2      = facility kWh x grid g CO2e per kWh
 * </pre>
 *
 * A pool's {@code energy} settings override the scenario's {@code economics.energy} field by field. A request
 * class is attributed the fleet's energy in proportion to the tokens (prompt and output) of its
 * completions inside the window.
 */
final class EnergyAccounting {
    private EnergyAccounting() {
    }

    static EnergyResult result(Scenario scenario, ReplicaProbe replicas, ProvisionedTime provisioned, double windowS,
            List<RunResult.ClassResult> classResults) {
        if (scenario.pools().isEmpty()) {
            return EnergyResult.NONE;
        }
        EnergySpec fleet = scenario.spec().economics().energy();
        List<EnergyResult.Row> pools = new ArrayList<>();
        EnergyResult.Row total = EnergyResult.Row.empty("total");
        int first = 0;
        for (PoolPlan pool : scenario.pools()) {
            // a pool's own settings, field by field over the scenario's
            EnergySpec spec = pool.spec().energy() == null ? fleet : pool.spec().energy().over(fleet);
            double pue = spec.pueOrDefault();
            double carbon = spec.carbonOrNaN();
            GpuProfile gpu = pool.hardware().gpu();
            int gpus = pool.hardware().gpus();
            double gpuJ = 0;
            double provisionedS = 0;
            long tokens = 0;
            long requests = 0;
            for (int i = first; i < first + pool.replicas(); i++) {
                double upS = provisioned.dynamic() ? provisioned.replicaWindowS(i) : windowS;
                gpuJ += replicas.activeJ(i) + gpu.idleWOrDefault() * gpus * Math.max(0, upS - replicas.busyS(i));
                provisionedS += upS;
                tokens += replicas.outputTokens(i);
                requests += replicas.completedInWindow(i);
            }
            if (!gpu.hasPower()) {
                gpuJ = Double.NaN;
            }
            double hostJ = spec.hostWPerGpu() * gpus * provisionedS;
            double facilityJ = (gpuJ + hostJ) * pue;
            EnergyResult.Row row = new EnergyResult.Row(pool.name(), gpuJ, hostJ, facilityJ,
                    facilityJ / 3.6e6 * carbon, tokens, requests);
            pools.add(row);
            total = total.plus(row);
            first += pool.replicas();
        }
        return new EnergyResult(windowS, pools, total, classes(total, classResults));
    }

    private static List<EnergyResult.Row> classes(EnergyResult.Row total, List<RunResult.ClassResult> classResults) {
        long allTokens = 0;
        for (RunResult.ClassResult c : classResults) {
            allTokens += c.throughput().inputTokens() + c.throughput().outputTokens();
        }
        List<EnergyResult.Row> rows = new ArrayList<>();
        for (RunResult.ClassResult c : classResults) {
            RunResult.Throughput t = c.throughput();
            double share = allTokens == 0 ? 0 : (double) (t.inputTokens() + t.outputTokens()) / allTokens;
            rows.add(new EnergyResult.Row(c.name(), total.gpuJ() * share, total.hostJ() * share,
                    total.facilityJ() * share, total.co2G() * share, t.outputTokens(), t.completed()));
        }
        return rows;
    }
}
