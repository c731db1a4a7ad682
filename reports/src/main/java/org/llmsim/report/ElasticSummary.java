package org.llmsim.report;

import org.llmsim.metrics.ElasticResult;
import org.llmsim.metrics.RunResult;

/**
 * The autoscaling and replica-fault lines of the terminal summary: per pool that autoscales, its provisioned replicas
 * (min / time-weighted mean / max), scale decisions, cold starts and the GPU-hours they cost; per pool with faults,
 * crashes and what became of the requests they held. A fixed, healthy fleet adds nothing.
 */
final class ElasticSummary {
    private ElasticSummary() {
    }

    static void append(StringBuilder b, RunResult r, Style st) {
        for (ElasticResult.PoolElastic p : ElasticResult.of(r).pools()) {
            if (p.autoscaled()) {
                b.append(TerminalSummary.label("autoscaling")).append(p.name()).append(": replicas ")
                        .append(st.bold(p.replicasMin() + " / " + Format.number(p.replicasMean(), 2) + " / "
                                + p.replicasMax()))
                        .append(" (min / mean / max provisioned, bounds ").append(p.minReplicas()).append('-')
                        .append(p.maxReplicas()).append(")   ").append(Format.number(p.gpuHours(), 2))
                        .append(" GPU-h ").append(Format.usd(p.gpuUsd())).append('\n');
                b.append(TerminalSummary.label("")).append(st.dim(p.metric() + " target "
                        + Format.plain(p.target()) + "   " + Format.count(p.scaleUps()) + " scale-ups, "
                        + Format.count(p.scaleDowns()) + " scale-downs, " + Format.count(p.coldStarts())
                        + " cold starts of " + Format.number(p.coldStartS(), 1) + " s")).append('\n');
            }
            if (p.faulted()) {
                b.append(TerminalSummary.label("faults")).append(p.name()).append(": ")
                        .append(Format.count(p.crashes())).append(p.crashes() == 1 ? " crash, " : " crashes, ")
                        .append(Format.count(p.requestsRetried())).append(" requests sent again, ")
                        .append(Format.count(p.requestsFailed())).append(" lost (failed)");
                if (p.degraded() > 0) {
                    b.append(", ").append(p.degraded()).append(p.degraded() == 1 ? " degraded replica"
                            : " degraded replicas");
                }
                b.append('\n');
            }
        }
    }

    /** The pool's replica count for its summary line: {@code min-max} when it autoscales. */
    static String replicas(RunResult r, RunResult.PoolResult pool) {
        for (ElasticResult.PoolElastic p : ElasticResult.of(r).pools()) {
            if (p.autoscaled() && p.name().equals(pool.name())) {
                return p.minReplicas() + "-" + p.maxReplicas();
            }
        }
        return Integer.toString(pool.replicas());
    }
}
