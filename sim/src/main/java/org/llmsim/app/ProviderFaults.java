package org.llmsim.app;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.math3.random.RandomGenerator;
import org.llmsim.scenario.FaultSpec;
import org.llmsim.scenario.LatencySpikeSpec;
import org.llmsim.scenario.ProviderOutageSpec;
import org.llmsim.scenario.TimeSpec;
import org.llmsim.workload.Samplers;
import org.llmsim.workload.TimeSampler;

/**
 * The outages and latency spikes injected into one provider pool, asked once per call it sends (a handful of windows,
 * so a scan is cheap). Draws (which calls fail in a partial outage, how long an error takes) come from the pool's own
 * fault stream, so the provider's latency draws stay those of the run without faults.
 */
final class ProviderFaults {
    static final ProviderFaults NONE = new ProviderFaults(List.of(), List.of(), null);

    /** An outage at run time: its window, how calls fail and the error's latency. */
    record Outage(double startS, double endS, boolean hangs, double errorRate, TimeSampler errorLatency) {
    }

    private final List<Outage> outages;
    private final List<LatencySpikeSpec> spikes;
    private final RandomGenerator rng;

    private ProviderFaults(List<Outage> outages, List<LatencySpikeSpec> spikes, RandomGenerator rng) {
        this.outages = outages;
        this.spikes = spikes;
        this.rng = rng;
    }

    /**
     * The faults of {@code faults} that name pool {@code pool}.
     *
     * @param networkRtt the provider's round trip, the default latency of an error
     */
    static ProviderFaults of(String pool, List<FaultSpec> faults, TimeSpec networkRtt, RandomGenerator rng) {
        List<Outage> outages = new ArrayList<>();
        List<LatencySpikeSpec> spikes = new ArrayList<>();
        for (FaultSpec f : faults) {
            if (f instanceof ProviderOutageSpec o && pool.equals(o.pool())) {
                TimeSpec latency = o.errorLatencyS() != null ? o.errorLatencyS() : networkRtt;
                outages.add(new Outage(o.startS(), o.endS(), ProviderOutageSpec.TIMEOUT.equals(o.mode()),
                        o.errorRate(), Samplers.times(latency, rng)));
            } else if (f instanceof LatencySpikeSpec l && pool.equals(l.pool())) {
                spikes.add(l);
            }
        }
        return outages.isEmpty() && spikes.isEmpty() ? NONE
                : new ProviderFaults(List.copyOf(outages), List.copyOf(spikes), rng);
    }

    /** The outage that makes a call sent at {@code nowS} fail, or null (a partial outage draws per call). */
    Outage failing(double nowS) {
        for (Outage o : outages) {
            if (nowS >= o.startS() && nowS < o.endS()) {
                if (o.errorRate() >= 1 || rng.nextDouble() < o.errorRate()) {
                    return o;
                }
                return null;
            }
        }
        return null;
    }

    /** Multiplier of the provider's time to first token for a call sent at {@code nowS}. */
    double ttftFactor(double nowS) {
        return factor(nowS, LatencySpikeSpec::ttftFactor);
    }

    /** Multiplier of the output speed for a call sent at {@code nowS}. */
    double throughputFactor(double nowS) {
        return factor(nowS, LatencySpikeSpec::throughputFactor);
    }

    /** The product of {@code which} over the spikes whose window holds {@code nowS} (overlapping spikes compound). */
    private double factor(double nowS, java.util.function.ToDoubleFunction<LatencySpikeSpec> which) {
        double f = 1;
        for (LatencySpikeSpec s : spikes) {
            if (nowS >= s.startS() && nowS < s.endS()) {
                f *= which.applyAsDouble(s);
            }
        }
        return f;
    }
}
