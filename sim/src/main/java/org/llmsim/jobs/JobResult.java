package org.llmsim.jobs;

import java.io.Serializable;
import java.util.List;

import org.llmsim.metrics.DomainRun;
import org.llmsim.metrics.RunResult;

/**
 * What a {@link SimJob} measured: the run of a whole scenario, or the runs of the fleet domains of a shard.
 *
 * @param run     the run of the scenario, or null for a shard
 * @param domains the runs of the shard's domains in the shard's order, or empty for a whole scenario
 */
public record JobResult(RunResult run, List<DomainRun> domains) implements Serializable {
    private static final long serialVersionUID = 1L;

    public JobResult {
        domains = List.copyOf(domains);
        if ((run == null) == domains.isEmpty()) {
            throw new IllegalArgumentException("a job result is either one run or the runs of a shard's domains");
        }
    }

    public static JobResult of(RunResult run) {
        return new JobResult(run, List.of());
    }

    public static JobResult ofShard(List<DomainRun> domains) {
        return new JobResult(null, domains);
    }
}
