package org.llmsim.jobs;

import java.io.Serializable;
import java.util.List;

import org.llmsim.simulation.ExperimentRunner;
import org.llmsim.simulation.Simulation;
import org.llmsim.scenario.Scenario;

/**
 * One self-contained unit of work: a sweep point, a replication or a shard of a fleet. Scenario and seed in,
 * statistics out; nothing else is shared, so jobs run in any order, on any thread or machine, with the same result.
 *
 * @param scenario    the scenario, loaded again where the job runs
 * @param replication the replication: the run uses seed {@code scenario seed + replication}
 *                    ({@link ExperimentRunner#seedOf})
 * @param domains     for a shard, the indices of the fleet domains it simulates (on one event list); empty to simulate
 *                    the whole scenario (a fleet's domains all together, merged)
 */
public record SimJob(ScenarioRef scenario, int replication, List<Integer> domains) implements Serializable {
    private static final long serialVersionUID = 1L;

    public SimJob {
        if (replication < 0) {
            throw new IllegalArgumentException("replication must be >= 0, got " + replication);
        }
        domains = List.copyOf(domains);
    }

    /** Replication {@code replication} of the whole scenario. */
    public static SimJob run(ScenarioRef scenario, int replication) {
        return new SimJob(scenario, replication, List.of());
    }

    public boolean isShard() {
        return !domains.isEmpty();
    }

    /** Loads the scenario and simulates it (or the shard's domains). */
    public JobResult run() {
        Scenario loaded = scenario.load();
        Scenario s = loaded.withSeed(ExperimentRunner.seedOf(loaded.seed(), replication));
        if (isShard()) {
            return JobResult.ofShard(Simulation.runDomains(s, domains));
        }
        return JobResult.of(new Simulation(s).run());
    }
}
