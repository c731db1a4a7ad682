package org.llmsim.workload;

import java.util.function.Consumer;

import org.llmsim.kernel.EventPriority;
import org.llmsim.kernel.EventScheduler;
import org.llmsim.kernel.RandomStreams;
import org.apache.commons.math3.random.RandomGenerator;
import org.llmsim.request.Request;
import org.llmsim.scenario.SharedPrefixSpec;
import org.llmsim.scenario.WorkloadSpec;

/**
 * Generates the requests of a workload during {@code [0, duration)}: one event per arrival, each drawing the next
 * interarrival gap. Arrival times, input lengths and output lengths use separate random streams
 * ({@code arrivals}, {@code input_tokens}, {@code output_tokens}); with {@code shared_prefix}, the prefix each request
 * starts with is drawn from its own stream ({@code shared_prefix}).
 */
public final class RequestGenerator {
    private final EventScheduler clock;
    private final double durationS;
    private final InterarrivalSampler gaps;
    private final LengthSampler inputTokens;
    private final LengthSampler outputTokens;
    private final Consumer<Request> sink;
    private final SharedPrefixSpec sharedPrefix;
    private final RandomGenerator prefixStream;
    private long nextId;

    public RequestGenerator(WorkloadSpec workload, double durationS, RandomStreams streams, EventScheduler clock,
            Consumer<Request> sink) {
        this.clock = clock;
        this.durationS = durationS;
        this.gaps = Samplers.interarrivals(workload.arrival(), streams.stream("arrivals"));
        this.inputTokens = Samplers.lengths(workload.inputTokens(), streams.stream("input_tokens"));
        this.outputTokens = Samplers.lengths(workload.outputTokens(), streams.stream("output_tokens"));
        this.sink = sink;
        this.sharedPrefix = workload.sharedPrefix();
        this.prefixStream = sharedPrefix == null ? null : streams.stream("shared_prefix");
    }

    /** Schedules the first arrival. */
    public void start() {
        scheduleNext(clock.now());
    }

    private void scheduleNext(double afterS) {
        double t = afterS + gaps.nextGapS();
        if (t < durationS) {
            clock.at(t, EventPriority.ARRIVAL, () -> arrive(t));
        }
    }

    private void arrive(double timeS) {
        Request r = new Request(nextId++, timeS, inputTokens.sample(), outputTokens.sample());
        if (sharedPrefix != null) {
            r.withSharedPrefix(prefixStream.nextInt(sharedPrefix.groups()), sharedPrefix.tokens());
        }
        sink.accept(r);
        scheduleNext(timeS);
    }

    /** Requests generated so far. */
    public long generated() {
        return nextId;
    }
}
