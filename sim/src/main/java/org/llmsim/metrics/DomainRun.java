package org.llmsim.metrics;

import java.io.Serializable;

/**
 * The run of one router domain of a fleet.
 *
 * @param domain the domain's name
 * @param share  the share of the fleet's traffic the domain receives
 * @param result what its run measured
 */
public record DomainRun(String domain, double share, RunResult result) implements Serializable {
    private static final long serialVersionUID = 1L;
}
