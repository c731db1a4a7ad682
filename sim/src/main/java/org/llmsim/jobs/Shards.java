package org.llmsim.jobs;

import java.util.ArrayList;
import java.util.List;

import org.llmsim.simulation.ExperimentRunner;
import org.llmsim.metrics.DomainRun;
import org.llmsim.metrics.FleetMerge;
import org.llmsim.metrics.RunResult;
import org.llmsim.scenario.InputException;
import org.llmsim.scenario.Scenario;

/**
 * Splits a fleet's router domains into shards, one {@link SimJob} each, and merges what the shards measured into the
 * fleet's result ({@link FleetMerge}). Domains share nothing, so every domain runs exactly as it does in the whole
 * fleet; the shard count changes how the work spreads, never the result.
 */
public final class Shards {
    private Shards() {
    }

    /**
     * The domains of each of {@code shards} shards: contiguous runs of domain indices, in order, whose sizes differ
     * by at most one.
     */
    public static List<List<Integer>> split(int domains, int shards) {
        if (shards < 1 || shards > domains) {
            throw new IllegalArgumentException("shards must be between 1 and " + domains + ", got " + shards);
        }
        List<List<Integer>> split = new ArrayList<>(shards);
        int next = 0;
        for (int s = 0; s < shards; s++) {
            int size = domains / shards + (s < domains % shards ? 1 : 0);
            List<Integer> shard = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                shard.add(next++);
            }
            split.add(List.copyOf(shard));
        }
        return List.copyOf(split);
    }

    /**
     * Checks a shard count given on the command line against the fleet.
     *
     * @throws InputException when the scenario is not a fleet or the count is out of range
     */
    public static void check(Scenario scenario, int shards) {
        if (!scenario.isFleet()) {
            throw new InputException(scenario.sourceFile(), "--shards splits a fleet's router domains; the scenario "
                    + "has no fleet block (add fleet: {copies: N})");
        }
        int domains = scenario.fleet().size();
        if (shards < 1 || shards > domains) {
            throw new InputException("llmsim", "--shards must be between 1 and the fleet's " + domains
                    + " domains, got " + shards);
        }
    }

    /** The jobs of replication {@code replication} of the fleet {@code fleet}, one per shard, in shard order. */
    public static List<SimJob> jobs(ScenarioRef fleet, int replication, int domains, int shards) {
        return split(domains, shards).stream().map(d -> new SimJob(fleet, replication, d)).toList();
    }

    /**
     * The fleet's result from its shards' results (in shard order, as {@link #jobs} made them).
     *
     * @param fleet the fleet scenario, as run (its seed is the replication's)
     */
    public static RunResult merge(Scenario fleet, List<JobResult> shards) {
        List<DomainRun> domains = new ArrayList<>();
        for (JobResult r : shards) {
            domains.addAll(r.domains());
        }
        if (domains.size() != fleet.fleet().size()) {
            throw new IllegalArgumentException("the shards ran " + domains.size() + " domains of "
                    + fleet.fleet().size());
        }
        return FleetMerge.merge(fleet.name(), fleet.seed(), shards.size(), domains);
    }

    /**
     * Runs replications 0..{@code replications}-1 of a fleet, each as {@code shards} jobs, all at once on
     * {@code engine}, and merges each replication's shards.
     *
     * @param fleetRef the fleet's reference (as {@link ScenarioRef#of} makes it from {@code fleet})
     * @return the fleet's result by replication; the wall time of each is the whole call's
     */
    public static List<RunResult> run(JobEngine engine, Scenario fleet, ScenarioRef fleetRef, int shards,
            int replications) {
        long startNs = System.nanoTime();
        int domains = fleet.fleet().size();
        List<SimJob> jobs = new ArrayList<>();
        for (int r = 0; r < replications; r++) {
            jobs.addAll(jobs(fleetRef, r, domains, shards));
        }
        List<JobResult> results = engine.run(jobs);
        double wallS = (System.nanoTime() - startNs) / 1e9;
        List<RunResult> runs = new ArrayList<>(replications);
        for (int r = 0; r < replications; r++) {
            RunResult merged = merge(fleet.withSeed(ExperimentRunner.seedOf(fleet.seed(), r)),
                    results.subList(r * shards, (r + 1) * shards));
            runs.add(merged.withSim(new RunResult.SimStats(wallS, merged.sim().events(), merged.sim().simulatedS())));
        }
        return List.copyOf(runs);
    }
}
