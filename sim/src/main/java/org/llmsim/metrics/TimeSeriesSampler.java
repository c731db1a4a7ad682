package org.llmsim.metrics;

import java.util.ArrayList;
import java.util.List;

import org.llmsim.kernel.EventPriority;
import org.llmsim.kernel.EventScheduler;
import org.llmsim.request.Request;

/**
 * Samples the state of every pool at a fixed simulated interval for the time-series charts and
 * {@code timeseries.csv}. One {@link EventPriority#OBSERVATION} event per interval reads the pools' gauges, so the
 * sampler sees the state after everything else that happened at that instant and adds no work per forward pass; the
 * only per-request work is one counter increment per arrival.
 *
 * <p>Sampling stops at the first sample after the arrivals end at which every pool is idle (nothing waiting or
 * running), so the sampler never keeps a finished simulation alive.
 */
public final class TimeSeriesSampler {
    private final EventScheduler clock;
    private final double intervalS;
    private final double arrivalsEndS;
    private final List<String> poolNames;
    private final List<PoolGauges> gauges;
    private final int[] poolOfReplica;
    private final long[] arrivalsInInterval;
    private final List<RunResult.Sample> samples = new ArrayList<>();
    private long nextIndex = 1;

    /**
     * @param clock         schedules the sampling events
     * @param intervalS     simulated seconds between samples (> 0)
     * @param arrivalsEndS  when arrivals stop; sampling goes on until the cluster is idle after this
     * @param poolNames     pool names, in scenario order
     * @param gauges        live state of each pool, in the same order
     * @param poolOfReplica pool index of each global replica index
     */
    public TimeSeriesSampler(EventScheduler clock, double intervalS, double arrivalsEndS, List<String> poolNames,
            List<PoolGauges> gauges, int[] poolOfReplica) {
        if (!(intervalS > 0) || poolNames.size() != gauges.size()) {
            throw new IllegalArgumentException("need a positive interval and one gauge per pool, got " + intervalS
                    + " s and " + gauges.size() + " gauges for " + poolNames.size() + " pools");
        }
        this.clock = clock;
        this.intervalS = intervalS;
        this.arrivalsEndS = arrivalsEndS;
        this.poolNames = List.copyOf(poolNames);
        this.gauges = List.copyOf(gauges);
        this.poolOfReplica = poolOfReplica.clone();
        this.arrivalsInInterval = new long[gauges.size()];
    }

    /** Schedules the first sample, one interval from now. */
    public void start() {
        scheduleNext();
    }

    /** Counts a request that arrived and was routed (its replica is set). */
    public void onArrival(Request request) {
        int replica = request.replica();
        if (replica >= 0) {
            arrivalsInInterval[poolOfReplica[replica]]++;
        }
    }

    /** Counts a call sent to pool {@code pool} (an API provider, which has no replicas to route to). */
    public void onCall(int pool) {
        arrivalsInInterval[pool]++;
    }

    private void scheduleNext() {
        // k * interval rather than a running sum, so sample times do not drift
        double t = nextIndex * intervalS;
        clock.at(t, EventPriority.OBSERVATION, this::sample);
    }

    private void sample() {
        double t = clock.now();
        boolean idle = true;
        for (int p = 0; p < gauges.size(); p++) {
            PoolGauges g = gauges.get(p);
            int waiting = g.waiting();
            int running = g.running();
            idle &= waiting == 0 && running == 0;
            samples.add(new RunResult.Sample(t, poolNames.get(p), arrivalsInInterval[p], intervalS, waiting, running,
                    g.kvUtilization(), g.provisionedReplicas(), g.usdPerHour(), g.servingReplicas()));
            arrivalsInInterval[p] = 0;
        }
        nextIndex++;
        if (!(idle && t >= arrivalsEndS)) {
            scheduleNext();
        }
    }

    /** The samples so far. */
    public RunResult.TimeSeries result() {
        return new RunResult.TimeSeries(intervalS, poolNames, List.copyOf(samples));
    }
}
