package org.llmsim.metrics;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

import org.llmsim.request.Request;
import org.llmsim.scenario.SloSpec;

/**
 * The counts and latency histograms of one slice of the requests (a class, or all of them), inside the measurement
 * window as {@link MetricsCollector} defines it.
 */
final class ClassTally {
    final LatencyHistogram ttft = new LatencyHistogram();
    final LatencyHistogram tpot = new LatencyHistogram();
    final LatencyHistogram e2e = new LatencyHistogram();
    final LatencyHistogram queue = new LatencyHistogram();
    private final Map<String, Long> rejectedByReason = new TreeMap<>();
    private final Map<String, Long> failedByReason = new TreeMap<>();

    long arrived;
    long measured;
    long completed;
    long rejected;
    long unfinished;
    long failed;
    long measuredMeetingSlo;
    long measuredWithDeadline;
    long measuredInDeadline;
    long completedInWindow;
    long goodInWindow;
    long inputTokensInWindow;
    long outputTokensInWindow;

    void arrival(boolean measuredArrival, boolean hasDeadline) {
        arrived++;
        if (measuredArrival) {
            measured++;
            if (hasDeadline) {
                measuredWithDeadline++;
            }
        }
    }

    /**
     * @param measuredArrival it arrived inside the window
     * @param finishedInWindow it finished inside the window
     * @param good            it met every objective of its class
     * @param inDeadline      its class has a deadline and it finished within it
     */
    void finished(Request r, boolean measuredArrival, boolean finishedInWindow, boolean good, boolean inDeadline) {
        completed++;
        if (measuredArrival) {
            ttft.record(r.ttftS());
            tpot.record(r.tpotS());
            e2e.record(r.e2eS());
            queue.record(r.queueS());
            if (good) {
                measuredMeetingSlo++;
            }
            if (inDeadline) {
                measuredInDeadline++;
            }
        }
        if (finishedInWindow) {
            completedInWindow++;
            inputTokensInWindow += r.inputTokens();
            outputTokensInWindow += r.outputTokens();
            if (good) {
                goodInWindow++;
            }
        }
    }

    void rejected(String reason) {
        rejected++;
        rejectedByReason.merge(reason == null ? "unknown" : reason, 1L, Long::sum);
    }

    void unfinished() {
        unfinished++;
    }

    void failed(String reason) {
        failed++;
        failedByReason.merge(reason == null ? "unknown" : reason, 1L, Long::sum);
    }

    RunResult.RequestCounts counts() {
        return new RunResult.RequestCounts(arrived, completed, rejected, unfinished, measured,
                Collections.unmodifiableMap(new TreeMap<>(rejectedByReason)), failed,
                Collections.unmodifiableMap(new TreeMap<>(failedByReason)));
    }

    RunResult.Throughput throughput(double windowS) {
        return new RunResult.Throughput(completedInWindow, inputTokensInWindow, outputTokensInWindow, windowS);
    }

    RunResult.SloResult slo(SloSpec targets, double windowS) {
        return new RunResult.SloResult(targets.ttftS(), targets.tpotS(), targets.e2eS(), targets.deadlineS(), measured,
                measuredMeetingSlo, goodInWindow, measuredWithDeadline, measuredInDeadline, windowS);
    }
}
