package org.llmsim.metrics;

import org.llmsim.request.Request;

/** The latency histograms of the measured requests one pool completed (in a cluster of several pools). */
final class PoolTally {
    final LatencyHistogram ttft = new LatencyHistogram();
    final LatencyHistogram tpot = new LatencyHistogram();
    final LatencyHistogram e2e = new LatencyHistogram();

    void finished(Request r) {
        ttft.record(r.ttftS());
        tpot.record(r.tpotS());
        e2e.record(r.e2eS());
    }

    RunResult.PoolLatency summary() {
        return new RunResult.PoolLatency(ttft.summary(), tpot.summary(), e2e.summary());
    }
}
