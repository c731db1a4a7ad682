package org.llmsim.metrics;

import java.util.ArrayList;
import java.util.List;

import org.llmsim.request.Request;
import org.llmsim.scenario.SloSpec;

/**
 * Request counts and latencies, overall, per request class and per pool. Windows: counts and their reasons cover the
 * whole run; latencies, SLO attainment and the {@code vllm bench serve} totals cover measured requests (arrived
 * inside the window); throughput and goodput count completions inside the window. A request meets the SLO of its own
 * class.
 */
final class RequestProbe {
    private final RunResult.Window window;
    private final List<MetricsCollector.ClassDef> classDefs;
    private final ClassTally[] byClass;
    /** All requests; the same object as the only class's tally when there is one class. */
    private final ClassTally total;
    // per pool, when there are several (null otherwise: the totals are the one pool's)
    private int[] poolOfReplica;
    private PoolTally[] byPool;

    // measured requests that completed, as vllm bench serve counts them
    private long measuredCompleted;
    private long measuredGood;
    private long measuredInputTokens;
    private long measuredOutputTokens;
    private double measuredLastFinishS = Double.NaN;

    RequestProbe(RunResult.Window window, List<MetricsCollector.ClassDef> classes) {
        this.window = window;
        this.classDefs = List.copyOf(classes);
        this.byClass = new ClassTally[classes.size()];
        for (int i = 0; i < byClass.length; i++) {
            byClass[i] = new ClassTally();
        }
        this.total = byClass.length == 1 ? byClass[0] : new ClassTally();
    }

    /** Keeps latencies per pool too, when there are several: {@code poolOfReplica[i]} is replica i's pool. */
    void trackPools(int[] poolOfReplica, int pools) {
        if (pools > 1) {
            this.poolOfReplica = poolOfReplica.clone();
            this.byPool = new PoolTally[pools];
            for (int i = 0; i < pools; i++) {
                byPool[i] = new PoolTally();
            }
        }
    }

    void arrival(Request request) {
        boolean measured = window.contains(request.arrivalS());
        boolean deadline = classDefs.get(request.classIndex()).slo().deadlineS() != null;
        byClass[request.classIndex()].arrival(measured, deadline);
        if (total != byClass[request.classIndex()]) {
            total.arrival(measured, deadline);
        }
    }

    void finished(Request r, double timeS) {
        SloSpec classSlo = classDefs.get(r.classIndex()).slo();
        boolean good = SloCheck.meets(classSlo, r);
        boolean inDeadline = classSlo.deadlineS() != null && SloCheck.meetsDeadline(classSlo, r);
        boolean measured = window.contains(r.arrivalS());
        boolean inWindow = window.contains(timeS);
        ClassTally tally = byClass[r.classIndex()];
        tally.finished(r, measured, inWindow, good, inDeadline);
        if (total != tally) {
            total.finished(r, measured, inWindow, good, inDeadline);
        }
        if (measured) {
            if (byPool != null && r.replica() >= 0) {
                byPool[poolOfReplica[r.replica()]].finished(r);
            }
            measuredCompleted++;
            measuredGood += good ? 1 : 0;
            measuredInputTokens += r.inputTokens();
            measuredOutputTokens += r.outputTokens();
            measuredLastFinishS = Double.isNaN(measuredLastFinishS) ? timeS : Math.max(measuredLastFinishS, timeS);
        }
    }

    void rejected(Request r) {
        ClassTally tally = byClass[r.classIndex()];
        tally.rejected(r.rejectReason());
        if (total != tally) {
            total.rejected(r.rejectReason());
        }
    }

    void failed(Request r) {
        ClassTally tally = byClass[r.classIndex()];
        tally.failed(r.failReason());
        if (total != tally) {
            total.failed(r.failReason());
        }
    }

    void unfinished(Request r) {
        ClassTally tally = byClass[r.classIndex()];
        tally.unfinished();
        if (total != tally) {
            total.unfinished();
        }
    }

    /** Every request's tally. */
    ClassTally total() {
        return total;
    }

    /** Latencies of the measured requests pool {@code pool} completed. */
    RunResult.PoolLatency poolLatency(int pool) {
        return byPool != null ? byPool[pool].summary()
                : new RunResult.PoolLatency(total.ttft.summary(), total.tpot.summary(), total.e2e.summary());
    }

    List<RunResult.ClassResult> classes(double windowS) {
        List<RunResult.ClassResult> classes = new ArrayList<>();
        for (int i = 0; i < byClass.length; i++) {
            MetricsCollector.ClassDef def = classDefs.get(i);
            ClassTally t = byClass[i];
            classes.add(new RunResult.ClassResult(def.name(), def.priority(), t.counts(), t.ttft.summary(),
                    t.tpot.summary(), t.e2e.summary(), t.queue.summary(), t.throughput(windowS),
                    t.slo(def.slo(), windowS)));
        }
        return List.copyOf(classes);
    }

    RunResult.MeasuredRequests measured() {
        return new RunResult.MeasuredRequests(measuredCompleted, measuredGood, measuredInputTokens,
                measuredOutputTokens, measuredLastFinishS);
    }
}
