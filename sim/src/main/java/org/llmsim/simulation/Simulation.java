package org.llmsim.simulation;

import java.util.ArrayList;
import java.util.List;

import org.llmsim.metrics.DomainRun;
import org.llmsim.metrics.FleetMerge;
import org.llmsim.metrics.RequestSink;
import org.llmsim.metrics.RunResult;
import org.llmsim.scenario.FleetPlan;
import org.llmsim.scenario.Scenario;
import org.llmsim.kernel.DomainClock;
import org.llmsim.kernel.DsolKernel;
import org.llmsim.kernel.StopRequest;

/**
 * One run of a scenario: builds the model ({@link DomainModel}: workload generator, ingress limits, cluster,
 * metrics) on a fresh {@link DsolKernel}, simulates until every request is done or the horizon is reached, and
 * returns the {@link RunResult}. A fleet's router domains run side by side on the one kernel, each on a
 * {@link DomainClock}, and their results are merged ({@link FleetMerge}); {@link #runDomains} runs a shard of them.
 *
 * <p>A simulation is single-use; build a new one per replication. {@link #progress()} may be read from another
 * thread while {@link #run()} executes.
 */
public final class Simulation {
    private final Scenario scenario;
    private final RequestSink sink;
    private final DsolKernel kernel = new DsolKernel();
    private volatile boolean finished;

    public Simulation(Scenario scenario, RequestSink sink) {
        this.scenario = scenario;
        this.sink = sink;
    }

    public Simulation(Scenario scenario) {
        this(scenario, RequestSink.NONE);
    }

    public RunResult run() {
        StopRequest.check();
        long startNs = System.nanoTime();
        if (scenario.isFleet()) {
            RunResult fleet = FleetMerge.merge(scenario.name(), scenario.seed(), 1,
                    simulateDomains(allDomains(scenario)));
            return fleet.withSim(new RunResult.SimStats((System.nanoTime() - startNs) / 1e9, fleet.sim().events(),
                    fleet.sim().simulatedS()));
        }
        DomainModel model = new DomainModel(scenario, sink, kernel);
        try {
            kernel.run(scenario.spec().horizonS(), model::start);
        } finally {
            model.close();
        }
        double wallS = (System.nanoTime() - startNs) / 1e9;
        finished = true;
        return model.finish(kernel.lastEventTimeS(), kernel.executedEvents(), wallS);
    }

    /**
     * Simulates some domains of a fleet on one event list (a shard), each domain exactly as it runs in the whole
     * fleet: domains share nothing, so a domain's run does not depend on which others share its event list.
     *
     * @param fleet   a fleet scenario
     * @param domains indices of the domains to simulate, in the order wanted
     * @return the domains' runs, in that order
     */
    public static List<DomainRun> runDomains(Scenario fleet, List<Integer> domains) {
        if (!fleet.isFleet()) {
            throw new IllegalArgumentException("scenario " + fleet.name() + " is not a fleet");
        }
        return new Simulation(fleet).simulateDomains(domains);
    }

    private static List<Integer> allDomains(Scenario fleet) {
        return java.util.stream.IntStream.range(0, fleet.fleet().size()).boxed().toList();
    }

    private List<DomainRun> simulateDomains(List<Integer> domains) {
        StopRequest.check();
        long startNs = System.nanoTime();
        FleetPlan plan = scenario.fleet();
        List<DomainModel> models = new ArrayList<>(domains.size());
        List<DomainClock> clocks = new ArrayList<>(domains.size());
        double horizonS = 0;
        for (int d : domains) {
            Scenario domain = plan.domain(d).scenario();
            DomainClock clock = new DomainClock(kernel, domain.spec().horizonS());
            clocks.add(clock);
            models.add(new DomainModel(domain, sink.forDomain(d), clock));
            horizonS = Math.max(horizonS, domain.spec().horizonS());
        }
        try {
            kernel.run(horizonS, () -> models.forEach(DomainModel::start));
        } finally {
            models.forEach(DomainModel::close);
        }
        double wallS = (System.nanoTime() - startNs) / 1e9;
        finished = true;
        List<DomainRun> runs = new ArrayList<>(domains.size());
        for (int i = 0; i < domains.size(); i++) {
            FleetPlan.Domain d = plan.domain(domains.get(i));
            DomainClock clock = clocks.get(i);
            // the shard's wall time is shared by its domains; the caller reports the fleet's own
            runs.add(new DomainRun(d.name(), d.share(), models.get(i).finish(clock.lastEventTimeS(),
                    clock.executedEvents(), wallS / domains.size())));
        }
        return List.copyOf(runs);
    }

    /** Fraction of the arrival window simulated so far, in [0, 1] (drain time shows as 1; a finished run is 1). */
    public double progress() {
        if (finished) {
            return 1.0;
        }
        return Math.min(1.0, kernel.lastEventTimeS() / scenario.spec().durationS());
    }

    /** Simulated seconds reached so far. */
    public double simulatedS() {
        return kernel.lastEventTimeS();
    }

    /** Events executed so far. */
    public long events() {
        return kernel.executedEvents();
    }
}
