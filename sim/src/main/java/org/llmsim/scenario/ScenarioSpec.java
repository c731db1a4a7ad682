package org.llmsim.scenario;

import java.util.List;

/**
 * A scenario file as written by the user (after {@code --set} overrides), with defaults filled in.
 *
 * @param name          scenario name, used for the default output directory; defaults to the file name
 * @param description   the question the scenario answers, shown in reports
 * @param seed          seed of every random stream (default 42)
 * @param durationS     requests arrive during {@code [0, duration_s)}; when a trace is replayed, defaults to the
 *                      trace's last arrival
 * @param warmupS       requests arriving before this are served but left out of the statistics (default 0)
 * @param drainTimeoutS after arrivals stop, how long in-flight requests may still run before the simulation stops and
 *                      counts them as unfinished (default: {@code duration_s}, at least 60 s)
 * @param workload      the traffic
 * @param cluster       the deployment
 * @param output        what the run records besides the summary (time-series sampling)
 * @param plan          the search space of {@code llmsim plan} (optional; runs ignore it)
 * @param economics     what the self-hosted fleet is compared with for the break-even figure (optional)
 * @param faults        injected faults ({@link FaultSpec}, by {@code kind:}); none by default
 * @param fleet         the cluster repeated as independent router domains ({@link FleetSpec}), or null for one
 * @param maxRequests   the most requests a run may generate, estimated before it starts ({@link RunSize}; default
 *                      {@value RunSize#DEFAULT_MAX_REQUESTS})
 */
public record ScenarioSpec(String name, String description, Long seed, Double durationS, Double warmupS,
        Double drainTimeoutS, WorkloadSpec workload, ClusterSpec cluster, OutputSpec output, PlanSpec plan,
        EconomicsSpec economics, List<FaultSpec> faults, FleetSpec fleet, Long maxRequests) {

    public ScenarioSpec {
        if (seed == null) {
            seed = 42L;
        }
        if (warmupS == null) {
            warmupS = 0.0;
        }
        if (drainTimeoutS == null && durationS != null) {
            drainTimeoutS = Math.max(60.0, Math.min(durationS, RunSize.MAX_DURATION_S));
        }
        if (output == null) {
            output = new OutputSpec(null);
        }
        if (output.sampleIntervalS() == null && durationS != null && durationS > 0) {
            output = new OutputSpec(OutputSpec.defaultSampleIntervalS(durationS));
        }
        if (economics == null) {
            economics = new EconomicsSpec(null, null);
        }
        if (faults == null) {
            faults = List.of();
        }
    }

    /** A scenario with the default run-size limit. */
    public ScenarioSpec(String name, String description, Long seed, Double durationS, Double warmupS,
            Double drainTimeoutS, WorkloadSpec workload, ClusterSpec cluster, OutputSpec output, PlanSpec plan,
            EconomicsSpec economics, List<FaultSpec> faults, FleetSpec fleet) {
        this(name, description, seed, durationS, warmupS, drainTimeoutS, workload, cluster, output, plan, economics,
                faults, fleet, null);
    }

    /** A scenario of one router domain. */
    public ScenarioSpec(String name, String description, Long seed, Double durationS, Double warmupS,
            Double drainTimeoutS, WorkloadSpec workload, ClusterSpec cluster, OutputSpec output, PlanSpec plan,
            EconomicsSpec economics, List<FaultSpec> faults) {
        this(name, description, seed, durationS, warmupS, drainTimeoutS, workload, cluster, output, plan, economics,
                faults, null);
    }

    /** A scenario without faults. */
    public ScenarioSpec(String name, String description, Long seed, Double durationS, Double warmupS,
            Double drainTimeoutS, WorkloadSpec workload, ClusterSpec cluster, OutputSpec output, PlanSpec plan,
            EconomicsSpec economics) {
        this(name, description, seed, durationS, warmupS, drainTimeoutS, workload, cluster, output, plan, economics,
                null);
    }

    /** A scenario without an economics block. */
    public ScenarioSpec(String name, String description, Long seed, Double durationS, Double warmupS,
            Double drainTimeoutS, WorkloadSpec workload, ClusterSpec cluster, OutputSpec output, PlanSpec plan) {
        this(name, description, seed, durationS, warmupS, drainTimeoutS, workload, cluster, output, plan, null);
    }

    /** A scenario without a plan or economics block. */
    public ScenarioSpec(String name, String description, Long seed, Double durationS, Double warmupS,
            Double drainTimeoutS, WorkloadSpec workload, ClusterSpec cluster, OutputSpec output) {
        this(name, description, seed, durationS, warmupS, drainTimeoutS, workload, cluster, output, null, null);
    }

    /** A scenario with the default output settings (code that builds scenarios without a file). */
    public ScenarioSpec(String name, String description, Long seed, Double durationS, Double warmupS,
            Double drainTimeoutS, WorkloadSpec workload, ClusterSpec cluster) {
        this(name, description, seed, durationS, warmupS, drainTimeoutS, workload, cluster, null, null);
    }

    public void validate(Problems p) {
        if (durationS != null || workload == null || !workload.usesTrace()) {
            if (p.required("duration_s", durationS)) {
                p.positive("duration_s", durationS);
            }
        }
        p.nonNegative("warmup_s", warmupS);
        p.nonNegative("drain_timeout_s", drainTimeoutS);
        // beyond a year simulated clocks lose sub-millisecond precision, and no planning question needs more
        boolean withinAYear = true;
        for (Object[] field : new Object[][] {{"duration_s", durationS}, {"warmup_s", warmupS},
                {"drain_timeout_s", drainTimeoutS}}) {
            Double value = (Double) field[1];
            if (value != null && value > RunSize.MAX_DURATION_S) {
                p.add((String) field[0], "must be <= " + Problems.format(RunSize.MAX_DURATION_S) + " s (one year), got "
                        + Problems.format(value));
                withinAYear = false;
            }
        }
        p.atLeast("max_requests", maxRequests, 1);
        if (durationS != null && warmupS != null && warmupS >= durationS) {
            p.add("warmup_s", "must be < duration_s (" + Problems.format(durationS) + "), got "
                    + Problems.format(warmupS));
        }
        if (p.required("workload", workload)) {
            workload.validate("workload", p);
        }
        if (p.required("cluster", cluster)) {
            cluster.validate("cluster", p);
        }
        output.validate("output", p, durationS == null || drainTimeoutS == null || !withinAYear ? null : horizonS());
        if (plan != null) {
            plan.validate("plan", p);
        }
        economics.validate("economics", p);
        for (int i = 0; i < faults.size(); i++) {
            if (faults.get(i) == null) {
                p.add("faults[" + i + "]", "is empty");
            } else {
                faults.get(i).validate("faults[" + i + "]", p);
            }
        }
        if (fleet != null) {
            fleet.validate("fleet", p);
            if (hasApplicationLayer()) {
                p.add("fleet", "a fleet's domains are GPU pools behind a router; an application layer (tiers, caches, "
                        + "API providers, retries, pipelines) is not split into domains yet");
            }
        }
    }

    /**
     * Whether the run needs the application layer (the gateway between users and backends): caches, tiers,
     * providers, a router that takes time, pools that retry or fall back, pipelines, or faults that strike a
     * provider (faults of GPU replicas act inside the cluster and need no gateway).
     */
    public boolean hasApplicationLayer() {
        return cluster.hasApplicationLayer() || faults.stream().anyMatch(f -> f != null && f.strikesProvider())
                || (workload != null && workload.hasPipelines());
    }

    /** The same scenario with another economics block. */
    public ScenarioSpec withEconomics(EconomicsSpec newEconomics) {
        return new ScenarioSpec(name, description, seed, durationS, warmupS, drainTimeoutS, workload, cluster,
                output, plan, newEconomics, faults, fleet, maxRequests);
    }

    /** The same scenario under another seed (replications run one per seed). */
    public ScenarioSpec withSeed(long newSeed) {
        return new ScenarioSpec(name, description, newSeed, durationS, warmupS, drainTimeoutS, workload, cluster,
                output, plan, economics, faults, fleet, maxRequests);
    }

    /** This scenario with {@code duration_s} set (and the drain timeout derived from it when it was left out). */
    public ScenarioSpec withDuration(double seconds) {
        return new ScenarioSpec(name, description, seed, seconds, warmupS, drainTimeoutS, workload, cluster, output,
                plan, economics, faults, fleet, maxRequests);
    }

    /** Simulated seconds after which the run stops: arrivals plus the drain allowance. */
    public double horizonS() {
        return durationS + drainTimeoutS;
    }
}
